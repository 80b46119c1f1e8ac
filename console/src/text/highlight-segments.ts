/**
 * Cuts a text into the pieces to draw it with its highlights: each piece says which marks cover it.
 * Marks may overlap (a rule's term inside a topic's evidence sentence) and may come from a server
 * that has since seen another text, so out-of-range or empty ones are dropped, never thrown on.
 */

export interface Mark<K extends string = string> {
  start: number;
  end: number;
  kind: K;
  /** What the mark stands for, shown to the reader (e.g. "PK-US" or the rule's name). */
  label: string;
}

export interface Segment<K extends string = string> {
  text: string;
  marks: Mark<K>[];
}

export function highlightSegments<K extends string>(text: string, marks: readonly Mark<K>[]): Segment<K>[] {
  const valid = marks
    .map((mark) => ({ ...mark, start: Math.max(0, mark.start), end: Math.min(text.length, mark.end) }))
    .filter((mark) => Number.isInteger(mark.start) && Number.isInteger(mark.end) && mark.start < mark.end);
  const cuts = new Set<number>([0, text.length]);
  for (const { start, end } of valid) {
    cuts.add(start);
    cuts.add(end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment<K>[] = [];
  for (let index = 0; index + 1 < points.length; index += 1) {
    const from = points[index] as number;
    const to = points[index + 1] as number;
    const covering = valid.filter((mark) => mark.start <= from && mark.end >= to);
    const previous = segments.at(-1);
    // Neighbours under the same marks are one piece, so a reader's screen reader does not stutter.
    if (previous !== undefined && sameMarks(previous.marks, covering)) previous.text += text.slice(from, to);
    else segments.push({ text: text.slice(from, to), marks: covering });
  }
  return segments;
}

function sameMarks<K extends string>(a: readonly Mark<K>[], b: readonly Mark<K>[]): boolean {
  return a.length === b.length && a.every((mark, index) => mark === b[index]);
}
