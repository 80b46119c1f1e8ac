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
    // The trie has at most one state per pattern character, plus the root: its children are kept as
    // linked lists in typed arrays, which a profile of a few thousand patterns builds without
    // allocating an array per state.
    const capacity = 1 + patterns.reduce((sum, pattern) => sum + pattern.length, 0);
    const firstChild = new Int32Array(capacity).fill(-1);
    const nextSibling = new Int32Array(capacity).fill(-1);
    const edgeUnit = new Uint16Array(capacity);
    const ownOutputs = new Int32Array(capacity).fill(-1);
    const nextOutput = new Int32Array(patterns.length).fill(-1);
    const patternLength = new Int32Array(patterns.length);
    let stateCount = 1;
    patterns.forEach((pattern, index) => {
      if (pattern === '') return;
      let state = 0;
      for (let at = 0; at < pattern.length; at += 1) {
        const unit = pattern.charCodeAt(at);
        const key = state * UNITS + unit;
        let next = transitions.get(key);
        if (next === undefined) {
          next = stateCount;
          stateCount += 1;
          transitions.set(key, next);
          edgeUnit[next] = unit;
          nextSibling[next] = firstChild[state] as number;
          firstChild[state] = next;
        }
        state = next;
      }
      nextOutput[index] = ownOutputs[state] as number;
      ownOutputs[state] = index;
      patternLength[index] = pattern.length;
    });
    const firstOutput = ownOutputs.slice(0, stateCount);
    const failure = new Int32Array(stateCount);
    const outputLink = new Int32Array(stateCount);
    const queue = new Int32Array(stateCount);
    let queued = 0;
    for (let child = firstChild[0] as number; child >= 0; child = nextSibling[child] as number) {
      queue[queued] = child;
      queued += 1;
    }
    for (let head = 0; head < queued; head += 1) {
      const state = queue[head] as number;
      for (let child = firstChild[state] as number; child >= 0; child = nextSibling[child] as number) {
        const unit = edgeUnit[child] as number;
        let fallback = failure[state] as number;
        let target = transitions.get(fallback * UNITS + unit);
        while (target === undefined && fallback !== 0) {
          fallback = failure[fallback] as number;
          target = transitions.get(fallback * UNITS + unit);
        }
        const childFailure = target !== undefined && target !== child ? target : 0;
        failure[child] = childFailure;
        outputLink[child] =
          (firstOutput[childFailure] as number) >= 0 ? childFailure : (outputLink[childFailure] as number);
        queue[queued] = child;
        queued += 1;
      }
    }
    const rootNext = new Int32Array(UNITS);
    for (let child = firstChild[0] as number; child >= 0; child = nextSibling[child] as number) {
      rootNext[edgeUnit[child] as number] = child;
    }
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
