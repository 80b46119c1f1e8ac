/**
 * The dateline that opens a wire story ("ISLAMABAD, April 27 (Reuters) -", "NEW YORK (AP) —",
 * "    SALVADOR, Feb 26 - "): a place in capitals, then up to a dash within the first line. Where a
 * story was filed says much about what it is about, so places in it weigh more.
 */

import organisationSeats from './data/organisation-seats.json' with { type: 'json' };

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

const seatPatterns: { city: string; organisations: RegExp }[] = Object.entries(
  organisationSeats.seats as Record<string, string[]>,
).map(([city, names]) => ({
  city: city.toUpperCase(),
  organisations: new RegExp(
    `(?<![\\w.])(?:${names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\w])`,
  ),
}));

/**
 * Whether a dateline is only where an international organisation speaks from: the dateline's place
 * seats an organisation that the story names ("GENEVA (Reuters) - The UN human rights office said").
 */
export function isOrganisationDateline(place: string, text: string): boolean {
  const city = place.replace(/,.*$/s, '').trim().toUpperCase();
  return seatPatterns.some((seat) => seat.city === city && seat.organisations.test(text));
}
