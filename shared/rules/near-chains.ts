/**
 * The search behind NEAR and `"…"~N`: choose one span for each operand, all in one sentence, none
 * overlapping another, with at most `distance` word positions between them in all. Trying every
 * combination costs the product of the operands' span counts, exponential in the number of
 * operands; a rule such as `"the the the the"~1000` made that seconds on one sentence.
 *
 * Here chosen spans are taken in reading order, so a choice is a chain of spans, each starting after
 * the last one ends, and its gaps are the sum of the distances between neighbours. A dynamic program
 * over (the last span of a chain, how many spans of each operand group it holds) keeps, for every
 * such state, the smallest sum of gaps that reaches it: states × spans × spans steps at most, each
 * counted against the rule's WorkBudget. Operands written alike form one group chosen that many
 * times, so the repeated words of a rule add states linearly, not combinations.
 */
import type { WorkBudget } from './match-budget.ts';

/** A stretch of one sentence between two word positions, and what to highlight in it. */
export interface ChainSpan<P> {
  sentence: number;
  first: number;
  last: number;
  pieces: P[];
}

/** Operands written alike: `count` spans must be chosen from `spans`, distinct and not overlapping. */
export interface NearGroup<P> {
  count: number;
  spans: ChainSpan<P>[];
}

interface Item<P> {
  span: ChainSpan<P>;
  group: number;
}

/**
 * States are numbers in a mixed radix, one digit per group counting its spans in the chain:
 * `radix[g]` is the value of one span of group g, `full` the state with every group complete.
 */
interface Layout {
  counts: number[];
  radix: number[];
  states: number;
  full: number;
}

function layoutOf(groups: readonly NearGroup<unknown>[], budget: WorkBudget): Layout {
  const counts = groups.map((group) => group.count);
  const radix: number[] = [];
  let states = 1;
  for (const count of counts) {
    radix.push(states);
    states *= count + 1;
    // Counted as it grows, so that a rule of many distinct words stops here, not in an allocation.
    budget.spend(count + 1);
    if (states > budget.limit) budget.spend(states);
  }
  const full = counts.reduce((sum, count, group) => sum + count * (radix[group] ?? 0), 0);
  return { counts, radix, states, full };
}

function countIn(layout: Layout, state: number, group: number): number {
  return Math.floor(state / (layout.radix[group] ?? 1)) % ((layout.counts[group] ?? 0) + 1);
}

/** Each sentence's spans of every group, in reading order; only sentences every group has spans in. */
function itemsBySentence<P>(groups: readonly NearGroup<P>[]): Item<P>[][] {
  const bySentence = new Map<number, Item<P>[]>();
  groups.forEach((group, index) => {
    for (const span of group.spans) {
      const items = bySentence.get(span.sentence);
      if (items === undefined) bySentence.set(span.sentence, [{ span, group: index }]);
      else items.push({ span, group: index });
    }
  });
  const complete: Item<P>[][] = [];
  for (const items of bySentence.values()) {
    const present = new Set(items.map((item) => item.group));
    if (present.size < groups.length) continue;
    complete.push(items.sort((a, b) => a.span.first - b.span.first || a.span.last - b.span.last));
  }
  return complete;
}

/** Index of the first item starting after `position`. */
function firstAfter(items: readonly Item<unknown>[], position: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((items[middle]?.span.first ?? position + 1) <= position) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Smallest gaps of a chain from one of `starts` to each item, by state: entry `state * n + item`,
 * Infinity where no chain within `distance` gets there; `untilComplete` stops at the first chain
 * that holds every operand (its gaps then are within `distance`, not necessarily the smallest).
 */
function forward(
  items: readonly Item<unknown>[],
  layout: Layout,
  distance: number,
  starts: readonly number[],
  budget: WorkBudget,
  untilComplete = false,
): Float64Array {
  const n = items.length;
  budget.spend(layout.states * n);
  const gaps = new Float64Array(layout.states * n).fill(Number.POSITIVE_INFINITY);
  for (const start of starts) gaps[(layout.radix[items[start]?.group ?? 0] ?? 0) * n + start] = 0;
  for (let from = starts[0] ?? n; from < n; from += 1) {
    const before = items[from] as Item<unknown>;
    const next = firstAfter(items, before.span.last);
    for (let state = 0; state < layout.states; state += 1) {
      const sofar = gaps[state * n + from] ?? Number.POSITIVE_INFINITY;
      if (!(sofar <= distance) || state === layout.full) continue;
      for (let to = next; to < n; to += 1) {
        budget.spend(1);
        const after = items[to] as Item<unknown>;
        const total = sofar + after.span.first - before.span.last;
        // Items are in order of first position: every later one is further away still.
        if (total > distance) break;
        if (countIn(layout, state, after.group) >= (layout.counts[after.group] ?? 0)) continue;
        const reached = state + (layout.radix[after.group] ?? 0);
        const entry = reached * n + to;
        if (total < (gaps[entry] ?? Number.POSITIVE_INFINITY)) gaps[entry] = total;
        // Asked only whether a chain exists: the first complete one answers.
        if (untilComplete && reached === layout.full) return gaps;
      }
    }
  }
  return gaps;
}

/** Smallest gaps of a chain from each item to one of `ends`, by state, laid out as forward's. */
function backward(
  items: readonly Item<unknown>[],
  layout: Layout,
  distance: number,
  ends: readonly number[],
  budget: WorkBudget,
): Float64Array {
  const n = items.length;
  budget.spend(layout.states * n);
  const gaps = new Float64Array(layout.states * n).fill(Number.POSITIVE_INFINITY);
  for (const end of ends) gaps[(layout.radix[items[end]?.group ?? 0] ?? 0) * n + end] = 0;
  const latest = ends.reduce((latestEnd, end) => Math.max(latestEnd, end), -1);
  for (let from = latest; from >= 0; from -= 1) {
    const after = items[from] as Item<unknown>;
    for (let state = 0; state < layout.states; state += 1) {
      const sofar = gaps[state * n + from] ?? Number.POSITIVE_INFINITY;
      if (!(sofar <= distance) || state === layout.full) continue;
      for (let to = from - 1; to >= 0; to -= 1) {
        budget.spend(1);
        const before = items[to] as Item<unknown>;
        if (before.span.last >= after.span.first) continue;
        const total = sofar + after.span.first - before.span.last;
        if (total > distance) continue;
        if (countIn(layout, state, before.group) >= (layout.counts[before.group] ?? 0)) continue;
        const entry = (state + (layout.radix[before.group] ?? 0)) * n + to;
        if (total < (gaps[entry] ?? Number.POSITIVE_INFINITY)) gaps[entry] = total;
      }
    }
  }
  return gaps;
}

/** Items that end a complete chain within `distance`, given forward's gaps. */
function completeEnds(
  gaps: Float64Array,
  items: readonly unknown[],
  layout: Layout,
  distance: number,
): number[] {
  const n = items.length;
  const ends: number[] = [];
  for (let item = 0; item < n; item += 1) {
    if ((gaps[layout.full * n + item] ?? Number.POSITIVE_INFINITY) <= distance) ends.push(item);
  }
  return ends;
}

/** Whether `item` lies on a complete chain within `distance`: some state splits it into a head and a tail that fit. */
function onChain(
  item: number,
  items: readonly Item<unknown>[],
  layout: Layout,
  distance: number,
  heads: Float64Array,
  tails: Float64Array,
): boolean {
  const n = items.length;
  const own = layout.radix[items[item]?.group ?? 0] ?? 0;
  for (let state = 0; state < layout.states; state += 1) {
    const head = heads[state * n + item] ?? Number.POSITIVE_INFINITY;
    if (!(head <= distance)) continue;
    // The tail holds what the head lacks, and the item itself, which both count.
    const rest = layout.full - state + own;
    if (rest < 0 || rest >= layout.states) continue;
    if (head + (tails[rest * n + item] ?? Number.POSITIVE_INFINITY) <= distance) return true;
  }
  return false;
}

/** Whether some choice of spans, one per operand, fits within `distance` in one sentence. */
export function nearChainExists<P>(
  groups: readonly NearGroup<P>[],
  distance: number,
  budget: WorkBudget,
): boolean {
  const layout = layoutOf(groups, budget);
  for (const items of itemsBySentence(groups)) {
    const everyStart = items.map((_, index) => index);
    const gaps = forward(items, layout, distance, everyStart, budget, true);
    if (completeEnds(gaps, items, layout, distance).length > 0) return true;
  }
  return false;
}

/** The pieces of every span that is part of some choice fitting within `distance`, each once. */
export function nearChainPieces<P>(
  groups: readonly NearGroup<P>[],
  distance: number,
  budget: WorkBudget,
): P[] {
  const layout = layoutOf(groups, budget);
  const pieces = new Set<P>();
  for (const items of itemsBySentence(groups)) {
    const everyItem = items.map((_, index) => index);
    const heads = forward(items, layout, distance, everyItem, budget);
    const ends = completeEnds(heads, items, layout, distance);
    if (ends.length === 0) continue;
    const tails = backward(items, layout, distance, everyItem, budget);
    items.forEach((item, index) => {
      budget.spend(layout.states);
      if (onChain(index, items, layout, distance, heads, tails)) addPieces(pieces, item.span.pieces, budget);
    });
  }
  return [...pieces];
}

/** Adds pieces to a set, counting each as a step: nested NEARs can gather many. */
function addPieces<P>(into: Set<P>, pieces: readonly P[], budget: WorkBudget): void {
  budget.spend(pieces.length);
  for (const piece of pieces) into.add(piece);
}

/**
 * Every place a choice fitting within `distance` covers (sentence, first and last position), once,
 * with the pieces of every choice that covers exactly that place: what a NEAR inside another NEAR
 * offers the outer one.
 */
export function nearChains<P>(
  groups: readonly NearGroup<P>[],
  distance: number,
  budget: WorkBudget,
): ChainSpan<P>[] {
  const layout = layoutOf(groups, budget);
  const chains: ChainSpan<P>[] = [];
  for (const items of itemsBySentence(groups)) {
    const tailsByEnd = new Map<number, Float64Array>();
    items.forEach((start, startIndex) => {
      const heads = forward(items, layout, distance, [startIndex], budget);
      for (const end of completeEnds(heads, items, layout, distance)) {
        let tails = tailsByEnd.get(end);
        if (tails === undefined) {
          tails = backward(items, layout, distance, [end], budget);
          tailsByEnd.set(end, tails);
        }
        const pieces: P[] = [];
        for (let item = startIndex; item <= end; item += 1) {
          budget.spend(layout.states);
          if (onChain(item, items, layout, distance, heads, tails))
            pieces.push(...(items[item]?.span.pieces ?? []));
        }
        const last = items[end]?.span.last ?? start.span.last;
        chains.push({ sentence: start.span.sentence, first: start.span.first, last, pieces });
      }
    });
  }
  return mergeByPlace(chains, budget);
}

/** One span per sentence and pair of positions, with the pieces of every span found there, each once. */
export function mergeByPlace<P>(spans: readonly ChainSpan<P>[], budget: WorkBudget): ChainSpan<P>[] {
  const byPlace = new Map<string, { span: ChainSpan<P>; pieces: Set<P> }>();
  for (const span of spans) {
    const place = `${span.sentence}:${span.first}:${span.last}`;
    let known = byPlace.get(place);
    if (known === undefined) {
      known = { span, pieces: new Set() };
      byPlace.set(place, known);
    }
    addPieces(known.pieces, span.pieces, budget);
  }
  return [...byPlace.values()].map(({ span, pieces }) => ({ ...span, pieces: [...pieces] }));
}
