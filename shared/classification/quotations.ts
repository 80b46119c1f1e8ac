/**
 * Quoted passages. A quotation is one speaker's voice, however many sentences it runs to, so topic
 * evidence counts it as one piece: a label needs support from more than one sentence or quotation.
 * Quotes never run past a line break (wire copy re-opens a quote in each paragraph).
 */

const QUOTE = /[“”"]/g;

/** Offsets [start, end) of each quoted passage, in order; curly and straight double quotes. */
export function quotedSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  QUOTE.lastIndex = 0;
  for (let open = QUOTE.exec(text); open !== null; open = QUOTE.exec(text)) {
    if (open[0] === '”') continue;
    const lineEnd = text.indexOf('\n', open.index);
    const limit = lineEnd === -1 ? text.length : lineEnd;
    const close = QUOTE.exec(text);
    if (close === null || close.index >= limit || close[0] === '“') {
      // Unclosed on its line: the quote runs to the line's end, and the search resumes there.
      spans.push({ start: open.index, end: limit });
      QUOTE.lastIndex = limit;
    } else {
      spans.push({ start: open.index, end: close.index + 1 });
    }
  }
  return spans;
}

/**
 * The evidence unit of each sentence: its own index, or, for a sentence that starts inside a
 * quotation, the index of the first sentence of that quotation.
 */
export function evidenceUnits(text: string, starts: readonly number[]): number[] {
  const spans = text.includes('"') || text.includes('“') ? quotedSpans(text) : [];
  const units: number[] = [];
  let spanIndex = 0;
  let spanFirstSentence = -1;
  for (let sentence = 0; sentence < starts.length; sentence += 1) {
    const start = starts[sentence] ?? 0;
    while (spanIndex < spans.length && (spans[spanIndex]?.end ?? 0) <= start) {
      spanIndex += 1;
      spanFirstSentence = -1;
    }
    const span = spans[spanIndex];
    // A sentence may open with the quote mark itself, one character before the span's words.
    if (span !== undefined && span.start <= start + 1 && start < span.end) {
      if (spanFirstSentence < 0) spanFirstSentence = sentence;
      units.push(spanFirstSentence);
    } else {
      units.push(sentence);
    }
  }
  return units;
}
