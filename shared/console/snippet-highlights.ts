/**
 * Where the matched words fall in a snippet. A snippet is a sentence with its whitespace collapsed,
 * perhaps cut to a window, so highlight offsets into the title or text do not apply to it; instead
 * every occurrence of each matched stretch is looked up in the snippet (ignoring case, as rules do),
 * and the spans are returned in reading order, none overlapping another.
 */
export interface Span {
  start: number;
  end: number;
}

const escapeForPattern = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function snippetHighlights(snippet: string, highlights: readonly { term: string }[]): Span[] {
  const terms = [...new Set(highlights.map(({ term }) => term.replace(/\s+/g, ' ').trim()))].filter(Boolean);
  const found: Span[] = [];
  for (const term of terms) {
    for (const match of snippet.matchAll(new RegExp(escapeForPattern(term), 'giu'))) {
      found.push({ start: match.index, end: match.index + match[0].length });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const spans: Span[] = [];
  for (const span of found) {
    const previous = spans.at(-1);
    if (previous !== undefined && span.start < previous.end) continue;
    spans.push(span);
  }
  return spans;
}
