/**
 * The dateline that opens a wire story ("ISLAMABAD, April 27 (Reuters) -", "NEW YORK (AP) —",
 * "    SALVADOR, Feb 26 - "): a place in capitals, then up to a dash within the first line. Where a
 * story was filed says much about what it is about, so places in it weigh more.
 */

const DATELINE = /^\s*([A-Z][A-Z.'\- ]{2,40}(?:,[^\n–—]{0,40}?)?)\s*(?:\([A-Za-z .]{2,30}\)\s*)?[-–—:]\s/;

export interface DatelineSpan {
  start: number;
  end: number;
}

/** The dateline at the start of `body` (offsets within `body`), or null when there is none. */
export function findDateline(body: string): DatelineSpan | null {
  const match = DATELINE.exec(body.slice(0, 120));
  const place = match?.[1];
  if (match === null || place === undefined) return null;
  // The place must be a word in capitals, not the first word of a sentence.
  if (!/^[A-Z][A-Z.'\- ]*[A-Z](?:,|\s|$)/.test(place)) return null;
  const start = match[0].indexOf(place);
  return { start, end: start + place.length };
}
