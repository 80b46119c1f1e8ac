/**
 * Sentence boundaries, found well enough for evidence and co-occurrence: a full stop, question or
 * exclamation mark followed by a capitalised word, a blank line, or an indented line (the paragraph
 * mark of wire copy). "U.S.", "Mr." and similar abbreviations do not end a sentence.
 */

const CANDIDATE_BOUNDARY = /[.!?]+["'”’)\]]*\s+(?=["'“‘([]?[A-Z0-9])|\n[ \t]*\n\s*|\n(?=[ \t]{2,}\S)/g;

const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'gen',
  'lt',
  'col',
  'maj',
  'capt',
  'sgt',
  'sen',
  'rep',
  'gov',
  'st',
  'no',
  'co',
  'corp',
  'inc',
  'ltd',
  'vs',
  'jr',
  'sr',
  'prof',
  'rev',
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
  'calif',
  'conn',
  'mass',
  'fla',
  'mich',
  'minn',
  'ill',
  'pa',
  'va',
  'wash',
  'tex',
  'ariz',
  'colo',
  'ind',
  'ky',
  'md',
  'mo',
  'tenn',
  'wis',
  'okla',
  'ore',
  'ala',
  'ark',
  'ga',
  'nev',
  'neb',
]);

/** The word (letters and inner periods) that ends just before `end`. */
function wordBefore(text: string, end: number): string {
  let start = end;
  while (start > 0 && /[A-Za-z.]/.test(text.charAt(start - 1))) start -= 1;
  return text.slice(start, end);
}

function endsWithAbbreviation(text: string, periodIndex: number): boolean {
  const word = wordBefore(text, periodIndex);
  if (word.length === 0) return false;
  // Initials and dotted abbreviations: "U.S", "J", "U.K".
  if (/^(?:[A-Za-z]\.)*[A-Za-z]$/.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}

/**
 * Start offsets of the sentences of `text`, ascending, beginning with 0. `forcedBoundaries` are
 * offsets that always start a sentence (the end of a title, for instance).
 */
export function sentenceStarts(text: string, forcedBoundaries: readonly number[] = []): number[] {
  const starts = [0, ...forcedBoundaries.filter((offset) => offset > 0 && offset < text.length)];
  CANDIDATE_BOUNDARY.lastIndex = 0;
  for (let match = CANDIDATE_BOUNDARY.exec(text); match !== null; match = CANDIDATE_BOUNDARY.exec(text)) {
    const boundary = match[0];
    if (boundary.startsWith('.') && endsWithAbbreviation(text, match.index)) continue;
    starts.push(match.index + boundary.length);
  }
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
