/**
 * Evaluates one parsed rule against an indexed article: `holds` answers yes or no as cheaply as it
 * can (most rules a presearcher lets through still fail), and `collectMatchedPieces` gathers, for a
 * rule that holds, the stretches of title and text that made it hold.
 */
import type { ArticleIndex, Occurrence } from './article-index.ts';
import type { WorkBudget } from './match-budget.ts';
import {
  type ChainSpan,
  mergeByPlace,
  type NearGroup,
  nearChainExists,
  nearChainPieces,
  nearChains,
} from './near-chains.ts';
import type { LabelNode, NearNode, PhraseNode, PositionalNode, RuleNode, RuleWord } from './rule-language.ts';

/** A stretch of the title or text to highlight. */
export interface MatchedPiece {
  field: 'title' | 'text';
  start: number;
  end: number;
  sentence: number;
}

/** Where a phrase or a NEAR matched: one sentence, between two word positions. */
type Span = ChainSpan<MatchedPiece>;

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

/**
 * The last occurrence of a phrase whose words from `next` on follow `previous`, if there is one.
 * Remembered per word and position: a word that may also start a compound gives two ways on at each
 * step, and without the memo a phrase of such words tried every combination of them.
 */
function extendPhrase(
  words: readonly RuleWord[],
  next: number,
  previous: Occurrence,
  index: ArticleIndex,
  budget: WorkBudget,
  memo: Map<number, Occurrence | null>,
): Occurrence | undefined {
  const word = words[next];
  if (word === undefined) return previous;
  const position = previous.last + 1;
  // Positions only grow along a phrase, so (position, next) names the search; sentences never share a position.
  const memoKey = position * (words.length + 1) + next;
  const known = memo.get(memoKey);
  if (known !== undefined) return known ?? undefined;
  const alternatives: Array<[readonly Occurrence[], number]> = [[occurrencesOfWord(word, index), next + 1]];
  if (word.joinedKey !== null) alternatives.push([index.byKey.get(word.joinedKey) ?? NONE, next + 2]);
  let found: Occurrence | undefined;
  for (const [occurrences, after] of alternatives) {
    for (
      let at = lowerBound(occurrences, position);
      at < occurrences.length && found === undefined;
      at += 1
    ) {
      budget.spend(1);
      const occurrence = occurrences[at];
      if (occurrence === undefined || occurrence.first !== position) break;
      if (occurrence.sentence !== previous.sentence) continue;
      found = extendPhrase(words, after, occurrence, index, budget, memo);
    }
    if (found !== undefined) break;
  }
  memo.set(memoKey, found ?? null);
  return found;
}

function phraseSpans(node: PhraseNode, index: ArticleIndex, limit: number, budget: WorkBudget): Span[] {
  const spans: Span[] = [];
  const [first] = node.words;
  if (first === undefined) return spans;
  const firstOccurrences = occurrencesOfWord(first, index);
  const joinedOccurrences = first.joinedKey === null ? NONE : (index.byKey.get(first.joinedKey) ?? NONE);
  // Most phrases a rule set names are absent from most articles: say so before allocating anything.
  if (firstOccurrences.length === 0 && joinedOccurrences.length === 0) return spans;
  const memo = new Map<number, Occurrence | null>();
  const starts: Array<[readonly Occurrence[], number]> = [[firstOccurrences, 1]];
  if (joinedOccurrences.length > 0) starts.push([joinedOccurrences, 2]);
  for (const [occurrences, after] of starts) {
    for (const occurrence of occurrences) {
      budget.spend(1);
      const field = index.fieldOf(occurrence);
      if (node.field !== null && field !== node.field) continue;
      const last = extendPhrase(node.words, after, occurrence, index, budget, memo);
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

/** How an operand is written, worked out once per syntax tree: the same for operands written alike. */
const WRITTEN_AS = new WeakMap<RuleNode, string>();
function writtenAs(operand: RuleNode): string {
  let written = WRITTEN_AS.get(operand);
  if (written === undefined) {
    written = JSON.stringify(operand);
    WRITTEN_AS.set(operand, written);
  }
  return written;
}

/**
 * A NEAR's operands' spans, as near-chains.ts takes them: operands written alike (the three "the" of
 * `"the minister of the interior of the republic"~10`) are one group that must be chosen that many
 * times, and each group's spans are merged by place, so repeats cost nothing.
 */
function nearGroups(node: NearNode, index: ArticleIndex, budget: WorkBudget): NearGroup<MatchedPiece>[] {
  const groups = new Map<string, NearGroup<MatchedPiece>>();
  for (const operand of node.operands) {
    const identity = writtenAs(operand);
    const group = groups.get(identity);
    if (group !== undefined) {
      group.count += 1;
      continue;
    }
    const spans = mergeByPlace(positionalSpans(operand, index, budget), budget);
    groups.set(identity, { count: 1, spans });
  }
  return [...groups.values()];
}

function nearSpans(node: NearNode, index: ArticleIndex, budget: WorkBudget): Span[] {
  const groups = nearGroups(node, index, budget);
  return groups.some((group) => group.spans.length === 0) ? [] : nearChains(groups, node.distance, budget);
}

function nearHolds(node: NearNode, index: ArticleIndex, budget: WorkBudget): boolean {
  const groups = nearGroups(node, index, budget);
  return !groups.some((group) => group.spans.length === 0) && nearChainExists(groups, node.distance, budget);
}

function nearPieces(node: NearNode, index: ArticleIndex, budget: WorkBudget): MatchedPiece[] {
  const groups = nearGroups(node, index, budget);
  return groups.some((group) => group.spans.length === 0)
    ? []
    : nearChainPieces(groups, node.distance, budget);
}

/** Every span of a phrase or a NEAR: what a NEAR's operand offers it. */
function positionalSpans(node: PositionalNode, index: ArticleIndex, budget: WorkBudget): Span[] {
  return node.type === 'phrase'
    ? phraseSpans(node, index, Number.POSITIVE_INFINITY, budget)
    : nearSpans(node, index, budget);
}

function hasLabel(node: LabelNode, index: ArticleIndex): boolean {
  const values = index.labels[node.field];
  if (!node.prefix) return values.has(node.value);
  for (const value of values) if (value.startsWith(node.value)) return true;
  return false;
}

/**
 * Whether the rule matches the article. Throws WorkLimitExceeded when the budget runs out: the caller
 * decides, for the whole rule, what that means (a NOT must not turn an unfinished search into a match).
 */
export function holds(node: RuleNode, index: ArticleIndex, budget: WorkBudget): boolean {
  switch (node.type) {
    case 'phrase': {
      const [only] = node.words;
      if (node.words.length === 1 && only !== undefined && node.field === null) {
        return only.prefix ? index.hasPrefix(only.folded) : index.byKey.has(only.key);
      }
      return phraseSpans(node, index, 1, budget).length > 0;
    }
    case 'near':
      return nearHolds(node, index, budget);
    case 'label':
      return hasLabel(node, index);
    case 'and':
      for (const child of node.children) if (!holds(child, index, budget)) return false;
      return true;
    case 'or':
      for (const child of node.children) if (holds(child, index, budget)) return true;
      return false;
    case 'not':
      return !holds(node.child, index, budget);
  }
}

/** For a rule that holds: every stretch of the article its positive parts matched. */
export function collectMatchedPieces(
  node: RuleNode,
  index: ArticleIndex,
  pieces: MatchedPiece[],
  budget: WorkBudget,
): void {
  switch (node.type) {
    case 'phrase':
      for (const span of phraseSpans(node, index, Number.POSITIVE_INFINITY, budget))
        pieces.push(...span.pieces);
      return;
    case 'near':
      pieces.push(...nearPieces(node, index, budget));
      return;
    case 'and':
      for (const child of node.children) collectMatchedPieces(child, index, pieces, budget);
      return;
    case 'or':
      for (const child of node.children) {
        if (holds(child, index, budget)) collectMatchedPieces(child, index, pieces, budget);
      }
      return;
    case 'label':
    case 'not':
      return;
  }
}
