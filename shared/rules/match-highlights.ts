/**
 * Turns the stretches a rule matched into what an analyst reads: highlights (the matched words
 * with their offsets in the original title or text, in reading order, none inside another) and a
 * snippet, the sentence of the first highlight in the text (or the title when only it matched).
 */
import type { IndexedSentence } from './article-index.ts';
import type { MatchedPiece } from './rule-evaluation.ts';

/** What highlights and snippets are cut from: an article's title, text and sentences. */
export interface HighlightSource {
  readonly title: string;
  readonly text: string;
  readonly sentences: readonly IndexedSentence[];
}

export interface Highlight {
  field: 'title' | 'text';
  term: string;
  start: number;
  end: number;
}

// A sentence longer than this is cut to a window around the highlight.
const SNIPPET_LIMIT = 320;
const SNIPPET_LEAD = 120;

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function toHighlights(pieces: readonly MatchedPiece[], source: HighlightSource): Highlight[] {
  const ordered = [...pieces].sort(
    (a, b) => (a.field === b.field ? 0 : a.field === 'title' ? -1 : 1) || a.start - b.start || b.end - a.end,
  );
  const highlights: Highlight[] = [];
  for (const { field, start, end } of ordered) {
    const previous = highlights.at(-1);
    if (previous !== undefined && previous.field === field && end <= previous.end) continue;
    const fieldText = field === 'title' ? source.title : source.text;
    highlights.push({ field, term: fieldText.slice(start, end), start, end });
  }
  return highlights;
}

function window(text: string, start: number, end: number, from: number, to: number): string {
  if (to - from <= SNIPPET_LIMIT) return collapse(text.slice(from, to));
  let windowStart = Math.max(from, Math.min(start - SNIPPET_LEAD, to - SNIPPET_LIMIT));
  let windowEnd = Math.min(to, Math.max(end, windowStart + SNIPPET_LIMIT));
  // Cut at spaces so that no word is shown in part; text without spaces (Chinese) is cut where the
  // window ends, never inside the highlight.
  if (windowStart > from) {
    const space = text.indexOf(' ', windowStart);
    if (space !== -1 && space < start) windowStart = space + 1;
  }
  if (windowEnd < to) {
    const space = text.lastIndexOf(' ', windowEnd);
    if (space > end) windowEnd = space;
  }
  const lead = windowStart > from ? '… ' : '';
  const tail = windowEnd < to ? ' …' : '';
  return `${lead}${collapse(text.slice(windowStart, windowEnd))}${tail}`;
}

export function snippetFor(pieces: readonly MatchedPiece[], source: HighlightSource): string {
  let first: MatchedPiece | undefined;
  for (const piece of pieces) {
    if (piece.field === 'text' && (first === undefined || piece.start < first.start)) first = piece;
  }
  if (first !== undefined) {
    const sentence = source.sentences[first.sentence];
    if (sentence !== undefined)
      return window(source.text, first.start, first.end, sentence.start, sentence.end);
  }
  const title = collapse(source.title);
  if (title !== '') return title;
  const opening = source.sentences.find((sentence) => sentence.field === 'text');
  return opening === undefined ? '' : window(source.text, 0, 0, opening.start, opening.end);
}
