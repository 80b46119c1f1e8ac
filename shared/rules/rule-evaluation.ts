/**
 * Evaluates one parsed rule against an indexed article: `holds` answers yes or no as cheaply as it
 * can (most rules a presearcher lets through still fail), and `collectMatchedPieces` gathers, for a
 * rule that holds, the stretches of title and text that made it hold.
 */
import type { ArticleIndex, Occurrence } from './article-index.ts';
import type { LabelNode, NearNode, PhraseNode, PositionalNode, RuleNode, RuleWord } from './rule-language.ts';

/** A stretch of the title or text to highlight. */
export interface MatchedPiece {
  field: 'title' | 'text';
  start: number;
  end: number;
  sentence: number;
}

/** Where a phrase or a NEAR matched: one sentence, between two word positions. */
interface Span {
  sentence: number;
  first: number;
  last: number;
  pieces: MatchedPiece[];
}

const NONE: readonly Occurrence[] = [];

function occurrencesOfWord(word: RuleWord, index: ArticleIndex): readonly Occurrence[] {
  return word.prefix ? index.withPrefix(word.folded) : (index.byKey.get(word.key) ?? NONE);
}

/** Index of the first occurrence at or after `position` in a list ordered by first position. */
function lowerBound(occurrences: readonly Occurrence[], position: number): number {
  let low = 0;
  let high = occurrences.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((occurrences[middle]?.first ?? position) < position) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The last occurrence of a phrase whose words from `next` on follow `previous`, if there is one. */
function extendPhrase(
  words: readonly RuleWord[],
  next: number,
  previous: Occurrence,
  index: ArticleIndex,
): Occurrence | undefined {
  const word = words[next];
  if (word === undefined) return previous;
  const position = previous.last + 1;
  const alternatives: Array<[readonly Occurrence[], number]> = [[occurrencesOfWord(word, index), next + 1]];
  if (word.joinedKey !== null) alternatives.push([index.byKey.get(word.joinedKey) ?? NONE, next + 2]);
  for (const [occurrences, after] of alternatives) {
    for (let at = lowerBound(occurrences, position); at < occurrences.length; at += 1) {
      const occurrence = occurrences[at];
      if (occurrence === undefined || occurrence.first !== position) break;
      if (occurrence.sentence !== previous.sentence) continue;
      const last = extendPhrase(words, after, occurrence, index);
      if (last !== undefined) return last;
    }
  }
  return undefined;
}

function phraseSpans(node: PhraseNode, index: ArticleIndex, limit: number): Span[] {
  const spans: Span[] = [];
  const [first] = node.words;
  if (first === undefined) return spans;
  const starts: Array<[readonly Occurrence[], number]> = [[occurrencesOfWord(first, index), 1]];
  if (first.joinedKey !== null) starts.push([index.byKey.get(first.joinedKey) ?? NONE, 2]);
  for (const [occurrences, after] of starts) {
    for (const occurrence of occurrences) {
      const field = index.fieldOf(occurrence);
      if (node.field !== null && field !== node.field) continue;
      const last = extendPhrase(node.words, after, occurrence, index);
      if (last === undefined) continue;
      const { start, sentence } = occurrence;
      spans.push({
        sentence,
        first: occurrence.first,
        last: last.last,
        pieces: [{ field, start, end: last.end, sentence }],
      });
      if (spans.length >= limit) return spans;
    }
  }
  return spans;
}

/** Word positions between the chosen spans, in order, once sorted; -1 when two of them overlap. */
function gapsBetween(chosen: readonly Span[]): number {
  const sorted = [...chosen].sort((a, b) => a.first - b.first);
  let gaps = 0;
  for (let at = 1; at < sorted.length; at += 1) {
    const before = sorted[at - 1];
    const after = sorted[at];
    if (before === undefined || after === undefined || after.first <= before.last) return -1;
    gaps += after.first - before.last;
  }
  return gaps;
}

function nearSpans(node: NearNode, index: ArticleIndex, limit: number): Span[] {
  const operandSpans = node.operands.map((operand) =>
    positionalSpans(operand, index, Number.POSITIVE_INFINITY),
  );
  if (operandSpans.some((spans) => spans.length === 0)) return [];
  const spans: Span[] = [];
  chooseNear(node.distance, operandSpans, 0, [], spans, limit);
  return spans;
}

/** Adds to `spans` each choice, one span per operand from `operand` on, that fits within `distance`. */
function chooseNear(
  distance: number,
  operandSpans: readonly Span[][],
  operand: number,
  chosen: Span[],
  spans: Span[],
  limit: number,
): void {
  const candidates = operandSpans[operand];
  if (candidates === undefined) {
    const gaps = gapsBetween(chosen);
    if (gaps >= 0 && gaps <= distance) {
      spans.push({
        sentence: chosen[0]?.sentence ?? 0,
        first: Math.min(...chosen.map((span) => span.first)),
        last: Math.max(...chosen.map((span) => span.last)),
        pieces: chosen.flatMap((span) => span.pieces),
      });
    }
    return;
  }
  for (const span of candidates) {
    if (chosen.length > 0 && span.sentence !== chosen[0]?.sentence) continue;
    chosen.push(span);
    chooseNear(distance, operandSpans, operand + 1, chosen, spans, limit);
    chosen.pop();
    if (spans.length >= limit) return;
  }
}

function positionalSpans(node: PositionalNode, index: ArticleIndex, limit: number): Span[] {
  return node.type === 'phrase' ? phraseSpans(node, index, limit) : nearSpans(node, index, limit);
}

function hasLabel(node: LabelNode, index: ArticleIndex): boolean {
  const values = index.labels[node.field];
  if (!node.prefix) return values.has(node.value);
  for (const value of values) if (value.startsWith(node.value)) return true;
  return false;
}

/** Whether the rule matches the article. */
export function holds(node: RuleNode, index: ArticleIndex): boolean {
  switch (node.type) {
    case 'phrase': {
      const [only] = node.words;
      if (node.words.length === 1 && only !== undefined && node.field === null) {
        return only.prefix ? index.hasPrefix(only.folded) : index.byKey.has(only.key);
      }
      return phraseSpans(node, index, 1).length > 0;
    }
    case 'near':
      return nearSpans(node, index, 1).length > 0;
    case 'label':
      return hasLabel(node, index);
    case 'and':
      for (const child of node.children) if (!holds(child, index)) return false;
      return true;
    case 'or':
      for (const child of node.children) if (holds(child, index)) return true;
      return false;
    case 'not':
      return !holds(node.child, index);
  }
}

/** For a rule that holds: every stretch of the article its positive parts matched. */
export function collectMatchedPieces(node: RuleNode, index: ArticleIndex, pieces: MatchedPiece[]): void {
  switch (node.type) {
    case 'phrase':
    case 'near':
      for (const span of positionalSpans(node, index, Number.POSITIVE_INFINITY)) pieces.push(...span.pieces);
      return;
    case 'and':
      for (const child of node.children) collectMatchedPieces(child, index, pieces);
      return;
    case 'or':
      for (const child of node.children) if (holds(child, index)) collectMatchedPieces(child, index, pieces);
      return;
    case 'label':
    case 'not':
      return;
  }
}
