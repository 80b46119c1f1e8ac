/**
 * Drop caps in plain text. A page's first letter set apart ("I" on a line of its own, then
 * "slamabad is keen…") reaches the classifier as a stray letter and a word no gazetteer knows when the
 * text was not extracted by wirewatch (extraction re-joins them in the HTML: extraction/drop-cap.ts).
 * A capital alone on its line, followed by a line that starts in lower case, is joined to it; so is
 * a capital other than the words "A" and "I" that is followed by a space and a lower-case fragment at
 * the start of a paragraph ("T he minister said"). Lines are walked by hand: a regular expression
 * anchored at every line start costs more than the rest of the classifier's text passes.
 */

const isBlank = (code: number): boolean => code === 32 || code === 9;
const isCapital = (code: number): boolean =>
  (code >= 65 && code <= 90) || (code >= 0xc0 && code <= 0xde && code !== 0xd7);
const isSmall = (code: number): boolean =>
  (code >= 97 && code <= 122) || (code >= 0xdf && code <= 0xff && code !== 0xf7);
const isWhite = (code: number): boolean => isBlank(code) || code === 10 || code === 13;
const A = 65;
const I = 73;

/** The stray letter and where its word continues, or null when the line at `lineStart` opens no drop cap. */
function continuationAt(text: string, lineStart: number): { letter: number; resume: number } | null {
  let index = lineStart;
  while (isBlank(text.charCodeAt(index))) index += 1;
  const letter = text.charCodeAt(index);
  if (!isCapital(letter)) return null;
  let after = index + 1;
  while (isBlank(text.charCodeAt(after))) after += 1;
  if (text.charCodeAt(after) === 10) {
    // Alone on its line: the word goes on after any blank lines.
    let resume = after;
    while (isWhite(text.charCodeAt(resume))) resume += 1;
    return isSmall(text.charCodeAt(resume)) ? { letter: index, resume } : null;
  }
  // Spaced from its word ("T he"): one blank, then small letters; never the words "A" and "I".
  const spaced = after === index + 2 && letter !== A && letter !== I && letter < 0xc0;
  return spaced && isSmall(text.charCodeAt(after)) ? { letter: index, resume: after } : null;
}

export function joinDropCaps(text: string): string {
  const pieces: string[] = [];
  let copied = 0;
  for (let lineStart = 0; lineStart < text.length; ) {
    const found = continuationAt(text, lineStart);
    if (found !== null) {
      pieces.push(text.slice(copied, found.letter + 1));
      copied = found.resume;
    }
    const next = text.indexOf('\n', found === null ? lineStart : found.resume);
    if (next === -1) break;
    lineStart = next + 1;
  }
  if (copied === 0) return text;
  pieces.push(text.slice(copied));
  return pieces.join('');
}
