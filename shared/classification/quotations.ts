/**
 * Quoted passages. A quotation is one speaker's voice, however many sentences it runs to, so topic
 * evidence counts it as one piece: a label needs support from more than one sentence or quotation.
 * Quotes never run past a line break (wire copy re-opens a quote in each paragraph).
 */

const QUOTE_OR_LINE = /[“”"\n]/g;

/** Offsets [start, end) of each quoted passage, in order; curly and straight double quotes. */
export function quotedSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let open = -1;
  QUOTE_OR_LINE.lastIndex = 0;
  for (let match = QUOTE_OR_LINE.exec(text); match !== null; match = QUOTE_OR_LINE.exec(text)) {
    const index = match.index;
    const char = match[0];
    if (char === '\n') {
      if (open >= 0) spans.push({ start: open, end: index });
      open = -1;
    } else if (open < 0) {
      if (char !== '”') open = index;
    } else if (char !== '“') {
      spans.push({ start: open, end: index + 1 });
      open = -1;
    }
  }
  if (open >= 0) spans.push({ start: open, end: text.length });
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
