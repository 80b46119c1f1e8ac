/**
 * Where sentences start, for classification evidence and for rule phrases and proximity: one
 * definition, so that the sentence an alert quotes is the one a rule was matched in.
 *
 * A sentence starts after a blank line, at an indented line (the paragraph mark of wire copy), or
 * after a full stop, `!`, `?` or `…` (and any closing quotes or brackets) followed by white space
 * and a capitalised word (or a word of a script without case), which may open with quotes, brackets
 * or a dash; after the Arabic question mark, the Urdu full stop and the Devanagari danda likewise; and
 * after the Chinese full stop, exclamation and question marks, with or without white space. So a full stop followed
 * by a comma ("Smith Bros., Widget"), a lower-case word ("e.g. more") or a number ("Rs. 500",
 * "No. 10") ends nothing. A full stop after an abbreviation ("Gen. Munir") or an initial
 * ("U.S. officials", "J. Smith") does not end a sentence either; a digit is not an initial
 * ("rose to 5. The company").
 */

// A run of sentence punctuation is tried from its first character only (the lookbehind): tried from
// each of its characters, a run of 20,000 full stops cost 20,000 scans of the run, 8 s.
// Arabic and Urdu (؟ ۔) and Devanagari (। ॥) end sentences as the full stop does; Chinese (。！？)
// ends them without a following space.
const BOUNDARY =
  /(?<![.!?…؟۔।॥])[.!?…؟۔।॥]+[\p{Pe}\p{Pf}"']*\s+(?=[\p{Ps}\p{Pi}\p{Pd}"']*(?!\p{Ll})\p{L})|(?<![。！？])[。！？]+[\p{Pe}\p{Pf}"'」』]*\s*(?=\S)|\n[ \t]*\n\s*|\n(?=[ \t]{2,}\S)/gu;

// Abbreviations a full stop may follow inside a sentence, whatever their case.
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'rev',
  'gen',
  'lt',
  'col',
  'maj',
  'capt',
  'sgt',
  'adm',
  'gov',
  'sen',
  'rep',
  'st',
  'jr',
  'sr',
  'vs',
  'co',
  'corp',
  'inc',
  'ltd',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);

// US state abbreviations of datelines ("Springfield, Ill."): only when capitalised, as they are
// written, because several are also words that end sentences ("He fell ill. Doctors said").
const CAPITALISED_ABBREVIATIONS = new Set([
  'ala',
  'ariz',
  'ark',
  'calif',
  'colo',
  'conn',
  'fla',
  'ga',
  'ill',
  'ind',
  'ky',
  'mass',
  'md',
  'mich',
  'minn',
  'mo',
  'neb',
  'nev',
  'okla',
  'ore',
  'pa',
  'tenn',
  'tex',
  'va',
  'wash',
  'wis',
]);

const INITIALS = /^(?:[A-Za-z]\.)*[A-Za-z]$/;

function isAsciiLetterOrDot(code: number): boolean {
  const lower = code | 0x20;
  return code === 0x2e || (lower >= 0x61 && lower <= 0x7a);
}

/** The word (ASCII letters and inner full stops) that ends just before `end`. */
function wordBefore(text: string, end: number): string {
  let start = end;
  while (start > 0 && isAsciiLetterOrDot(text.charCodeAt(start - 1))) start -= 1;
  return text.slice(start, end);
}

/** Whether the full stop at `periodIndex` closes an abbreviation or initials rather than a sentence. */
function closesAbbreviation(text: string, periodIndex: number): boolean {
  const word = wordBefore(text, periodIndex);
  if (word.length === 0) return false;
  if (INITIALS.test(word)) return true;
  const lower = word.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return true;
  const first = word.charCodeAt(0);
  return first >= 0x41 && first <= 0x5a && CAPITALISED_ABBREVIATIONS.has(lower);
}

/**
 * Start offsets of the sentences of `text`, ascending, beginning with 0. `forcedBoundaries` are
 * offsets that always start a sentence (the end of a title, for instance). Every other start is
 * in the white space or opening punctuation before a sentence's first word, never inside a word.
 */
export function sentenceStarts(text: string, forcedBoundaries: readonly number[] = []): number[] {
  const starts = [0];
  for (const offset of forcedBoundaries) if (offset > 0 && offset < text.length) starts.push(offset);
  BOUNDARY.lastIndex = 0;
  for (let match = BOUNDARY.exec(text); match !== null; match = BOUNDARY.exec(text)) {
    if (text.charCodeAt(match.index) === 0x2e && closesAbbreviation(text, match.index)) continue;
    starts.push(BOUNDARY.lastIndex);
  }
  if (forcedBoundaries.length === 0) return starts;
  starts.sort((left, right) => left - right);
  return starts.filter((offset, index) => index === 0 || offset !== starts[index - 1]);
}

/** Index of the sentence holding `offset`, by binary search over `starts`. */
export function sentenceIndexAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= offset) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return low;
}

/** The sentence at `index`, on one line, for evidence. */
export function sentenceText(text: string, starts: readonly number[], index: number): string {
  const start = starts[index] ?? 0;
  const end = starts[index + 1] ?? text.length;
  return text.slice(start, end).replace(/\s+/g, ' ').trim();
}
