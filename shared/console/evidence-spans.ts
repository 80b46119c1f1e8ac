/**
 * Where the classifier's evidence lies in an article. The classifier reports each label's evidence as
 * sentences with their white space collapsed (shared/text/sentence-segmenter.ts); this finds each
 * one back in the title or the text as character offsets, by searching a collapsed copy of both that
 * remembers where each of its characters came from. A sentence the text no longer holds word for
 * word (a drop cap the classifier re-joined) has no span.
 */

export interface EvidenceSpan {
  field: 'title' | 'text';
  start: number;
  end: number;
}

interface CollapsedText {
  collapsed: string;
  /** For each character of `collapsed`, its offset in the original. */
  origins: number[];
}

function collapse(original: string): CollapsedText {
  let collapsed = '';
  const origins: number[] = [];
  let pendingSpace = -1;
  for (let index = 0; index < original.length; index += 1) {
    const character = original[index] as string;
    if (/\s/.test(character)) {
      if (pendingSpace < 0 && collapsed !== '') pendingSpace = index;
      continue;
    }
    if (pendingSpace >= 0) {
      collapsed += ' ';
      origins.push(pendingSpace);
      pendingSpace = -1;
    }
    collapsed += character;
    origins.push(index);
  }
  return { collapsed, origins };
}

export interface EvidenceLocator {
  /** The span of a sentence (collapsed white space), in the text before the title; null if in neither. */
  locate(sentence: string): EvidenceSpan | null;
}

export function evidenceLocator(article: { title: string; text: string }): EvidenceLocator {
  const fields = [
    { field: 'text' as const, ...collapse(article.text) },
    { field: 'title' as const, ...collapse(article.title) },
  ];
  return {
    locate(sentence) {
      const wanted = sentence.replace(/\s+/g, ' ').trim();
      if (wanted === '') return null;
      for (const { field, collapsed, origins } of fields) {
        const at = collapsed.indexOf(wanted);
        if (at < 0) continue;
        return { field, start: origins[at] as number, end: (origins[at + wanted.length - 1] as number) + 1 };
      }
      return null;
    },
  };
}

/** The spans of the sentences found, in reading order (title first), each once. */
export function locateAll(locator: EvidenceLocator, sentences: readonly string[]): EvidenceSpan[] {
  const spans = new Map<string, EvidenceSpan>();
  for (const sentence of sentences) {
    const span = locator.locate(sentence);
    if (span !== null) spans.set(`${span.field}:${span.start}`, span);
  }
  return [...spans.values()].sort((a, b) =>
    a.field === b.field ? a.start - b.start : a.field === 'title' ? -1 : 1,
  );
}
