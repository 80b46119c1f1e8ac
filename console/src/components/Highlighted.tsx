/**
 * A text with its highlights as <mark> elements. dir="auto" lets an Arabic or Urdu article run right
 * to left, whatever the page's direction; each mark's title names what it is evidence for.
 */
import { highlightSegments, type Mark } from '../text/highlight-segments.ts';

export function Highlighted({
  text,
  marks,
  lang,
  class: className,
}: {
  text: string;
  marks: readonly Mark[];
  lang?: string | null | undefined;
  class?: string;
}) {
  return (
    <span dir="auto" lang={lang ?? undefined} class={className}>
      {highlightSegments(text, marks).map((segment, index) => {
        if (segment.marks.length === 0) return segment.text;
        const kinds = [...new Set(segment.marks.map(({ kind }) => kind))];
        return (
          <mark
            key={index}
            class={kinds.map((kind) => `mark-${kind}`).join(' ')}
            title={segment.marks.map(({ label }) => label).join('; ')}
          >
            {segment.text}
          </mark>
        );
      })}
    </span>
  );
}

/** Snippet highlights, [start, end) within the snippet, as marks of a matched term. */
export const termMarks = (highlights: readonly { start: number; end: number }[], label: string): Mark[] =>
  highlights.map(({ start, end }) => ({ start, end, kind: 'rule', label }));
