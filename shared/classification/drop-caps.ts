/**
 * Drop caps in plain text. A page's first letter set apart ("I" on a line of its own, then
 * "slamabad is keen…") reaches the classifier as a stray letter and a word no gazetteer knows when the
 * text was not extracted by wirewatch (extraction re-joins them in the HTML: extraction/drop-cap.ts).
 * A capital alone on its line, followed by a line that starts in lower case, is joined to it; so is
 * a capital other than the words "A" and "I" that is followed by a space and a lower-case fragment at
 * the start of a paragraph ("T he minister said").
 */

// Latin capitals and small letters without the Unicode flag, which would make every scan slower.
const ALONE_ON_ITS_LINE = /(^|\n)[ \t]*([A-ZÀ-ÖØ-Þ])[ \t]*\n\s*(?=[a-zß-öø-ÿ])/g;
const SPACED_AT_PARAGRAPH = /(^|\n)[ \t]*([B-HJ-Z])[ \t](?=[a-z]+\b)/g;

export function joinDropCaps(text: string): string {
  return text.replace(ALONE_ON_ITS_LINE, '$1$2').replace(SPACED_AT_PARAGRAPH, '$1$2');
}
