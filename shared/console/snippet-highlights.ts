/**
 * Where an alert's matched terms appear in its snippet, for the page to mark them: the snippet is a
 * sentence (or a window of it) with its white space collapsed, so a term is looked for the same way.
 */
export interface SnippetHighlight {
  start: number;
  end: number;
}

/** Every occurrence of each term in the snippet, in order, overlapping ones merged. */
export function snippetHighlights(snippet: string, terms: readonly string[]): SnippetHighlight[] {
  const found: SnippetHighlight[] = [];
  for (const term of new Set(terms.map((text) => text.replace(/\s+/g, ' ').trim()))) {
    if (term === '') continue;
    for (let at = snippet.indexOf(term); at >= 0; at = snippet.indexOf(term, at + term.length)) {
      found.push({ start: at, end: at + term.length });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: SnippetHighlight[] = [];
  for (const span of found) {
    const last = merged.at(-1);
    if (last !== undefined && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}
