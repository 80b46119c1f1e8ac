/**
 * Aho–Corasick over folded text (shared/text/script-folding.ts) for any script: one pass finds every
 * occurrence of every pattern, whole word or not; the language profile then applies its word
 * boundaries. The English matcher's dense table suits its 42-class alphabet; scripts such as Chinese
 * have thousands of characters, so transitions here live in one hash map keyed by state and character.
 */

/** Receives an occurrence of pattern `pattern` covering folded text [start, end). */
export type FoldedMatchHandler = (pattern: number, start: number, end: number) => void;

/** Folded-text code units fit below this, so `state * UNITS + unit` is a unique key. */
const UNITS = 0x10000;

export class FoldedMatcher {
  private constructor(
    private readonly transitions: Map<number, number>,
    /** The root's transitions by code unit (0: none), where most characters of a text lead. */
    private readonly rootNext: Int32Array,
    private readonly failure: Int32Array,
    /** First pattern ending in each state, or -1. */
    private readonly firstOutput: Int32Array,
    /** Nearest state on the failure chain with an output, or 0. */
    private readonly outputLink: Int32Array,
    /** Next pattern ending in the same state, or -1. */
    private readonly nextOutput: Int32Array,
    private readonly patternLength: Int32Array,
  ) {}

  /** Compiles folded patterns; pattern i is reported as i. Empty patterns are never reported. */
  static build(patterns: readonly string[]): FoldedMatcher {
    const transitions = new Map<number, number>();
    const childrenOf: number[][] = [[]];
    const ownOutputs: number[] = [-1];
    const nextOutput = new Int32Array(patterns.length).fill(-1);
    const patternLength = new Int32Array(patterns.length);
    patterns.forEach((pattern, index) => {
      if (pattern === '') return;
      let state = 0;
      for (let at = 0; at < pattern.length; at += 1) {
        const key = state * UNITS + pattern.charCodeAt(at);
        let next = transitions.get(key);
        if (next === undefined) {
          next = childrenOf.length;
          childrenOf.push([]);
          ownOutputs.push(-1);
          transitions.set(key, next);
          childrenOf[state]?.push(key);
        }
        state = next;
      }
      nextOutput[index] = ownOutputs[state] ?? -1;
      ownOutputs[state] = index;
      patternLength[index] = pattern.length;
    });
    const stateCount = childrenOf.length;
    const firstOutput = Int32Array.from(ownOutputs);
    const failure = new Int32Array(stateCount);
    const outputLink = new Int32Array(stateCount);
    const queue: number[] = [];
    for (const key of childrenOf[0] ?? []) queue.push(transitions.get(key) ?? 0);
    for (let head = 0; head < queue.length; head += 1) {
      const state = queue[head] ?? 0;
      for (const key of childrenOf[state] ?? []) {
        const child = transitions.get(key) ?? 0;
        const unit = key % UNITS;
        let fallback = failure[state] ?? 0;
        let target = transitions.get(fallback * UNITS + unit);
        while (target === undefined && fallback !== 0) {
          fallback = failure[fallback] ?? 0;
          target = transitions.get(fallback * UNITS + unit);
        }
        const childFailure = target !== undefined && target !== child ? target : 0;
        failure[child] = childFailure;
        outputLink[child] =
          (firstOutput[childFailure] ?? -1) >= 0 ? childFailure : (outputLink[childFailure] ?? 0);
        queue.push(child);
      }
    }
    const rootNext = new Int32Array(UNITS);
    for (const key of childrenOf[0] ?? []) rootNext[key % UNITS] = transitions.get(key) ?? 0;
    return new FoldedMatcher(
      transitions,
      rootNext,
      failure,
      firstOutput,
      outputLink,
      nextOutput,
      patternLength,
    );
  }

  /** Reports every occurrence in `text`, in order of the position where it ends. */
  scan(text: string, onMatch: FoldedMatchHandler): void {
    const { transitions, rootNext, failure, firstOutput, outputLink, nextOutput, patternLength } = this;
    let state = 0;
    for (let index = 0; index < text.length; index += 1) {
      const unit = text.charCodeAt(index);
      let next = state === 0 ? 0 : (transitions.get(state * UNITS + unit) ?? -1);
      while (next < 0) {
        state = failure[state] ?? 0;
        next = state === 0 ? 0 : (transitions.get(state * UNITS + unit) ?? -1);
      }
      state = next === 0 ? (rootNext[unit] ?? 0) : next;
      let outputState = (firstOutput[state] ?? -1) >= 0 ? state : (outputLink[state] ?? 0);
      while (outputState > 0) {
        for (
          let pattern = firstOutput[outputState] ?? -1;
          pattern >= 0;
          pattern = nextOutput[pattern] ?? -1
        ) {
          onMatch(pattern, index + 1 - (patternLength[pattern] ?? 0), index + 1);
        }
        outputState = outputLink[outputState] ?? 0;
      }
    }
  }
}
