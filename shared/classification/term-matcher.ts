/**
 * Aho–Corasick automaton that finds every whole-word occurrence of many terms in one pass over a
 * text. It runs over the folded alphabet of `character-classes.ts`, with the failure links compiled
 * into a dense transition table (one array lookup per character), so the cost is independent of the
 * number of terms.
 */
import * as characters from './character-classes.ts';

// Local copies: imported bindings may be read through accessors, too slow for the inner loops.
const CHARACTER_CLASS = characters.CHARACTER_CLASS;
const CLASS_COUNT = characters.CLASS_COUNT;
const GAP = characters.GAP;
const OTHER = characters.OTHER;
const foldPattern = characters.foldPattern;
const IGNORED = characters.IGNORED;
const wordUnitBefore = characters.wordUnitBefore;
const wordUnitFrom = characters.wordUnitFrom;

export interface TermPattern {
  text: string;
  /** Match any word ending after the pattern ("terroris" + "m"/"t"/"ts"): no right word boundary. */
  openEnd?: boolean;
}

/** Receives a match of pattern `pattern` covering text[start, end). */
export type MatchHandler = (pattern: number, start: number, end: number) => void;

/** Longest pattern, in folded characters: the ring of recent positions must hold it. */
const MAX_PATTERN_LENGTH = 128;
const RING_MASK = MAX_PATTERN_LENGTH - 1;

export class TermMatcher {
  private constructor(
    private readonly transitions: Uint16Array | Uint32Array,
    /** The state itself when a pattern ends there, else its output link: where reporting starts. */
    private readonly reportFrom: Int32Array,
    /** First pattern ending in each state, or -1. */
    private readonly firstOutput: Int32Array,
    /** Nearest state on the failure chain with an output, or 0. */
    private readonly outputLink: Int32Array,
    /** Next pattern ending in the same state as this one, or -1. */
    private readonly nextOutput: Int32Array,
    private readonly patternLength: Int32Array,
    private readonly patternOpenEnd: Uint8Array,
    readonly stateCount: number,
  ) {}

  /**
   * Compiles the patterns; pattern i is reported as i. Patterns that cannot match (empty, too long,
   * or with characters outside the alphabet) are accepted and never reported. `folded` is the
   * patterns folded (`foldPattern`, laid out by `flattenFolded`), which a caller may have ready.
   */
  static build(
    patterns: readonly TermPattern[],
    folded: Uint8Array = flattenFolded(patterns.map((pattern) => foldPattern(pattern.text))),
  ): TermMatcher {
    const capacity = 1 + folded.length - patterns.length;
    // While the trie is built, 0 marks a missing child (the root is no state's child), and a fresh
    // typed array is all zeros already.
    const transitions: Uint16Array | Uint32Array =
      capacity <= 0x10000 ? new Uint16Array(capacity * CLASS_COUNT) : new Uint32Array(capacity * CLASS_COUNT);
    // Each state but the root is entered by one trie edge: its class, and the state's siblings.
    const edgeClass = new Uint8Array(capacity);
    const firstChild = new Int32Array(capacity);
    const nextSibling = new Int32Array(capacity);
    const firstOutput = new Int32Array(capacity).fill(-1);
    const nextOutput = new Int32Array(patterns.length).fill(-1);
    const patternLength = new Int32Array(patterns.length);
    const patternOpenEnd = new Uint8Array(patterns.length);
    let stateCount = 1;
    let pattern = 0;
    let state = 0;
    let length = 0;
    for (let at = 0; at < folded.length; at += 1) {
      const characterClass = folded[at] as number;
      if (characterClass === PATTERN_END) {
        if (length > 0) {
          nextOutput[pattern] = firstOutput[state] as number;
          firstOutput[state] = pattern;
          patternLength[pattern] = length;
          patternOpenEnd[pattern] = patterns[pattern]?.openEnd === true ? 1 : 0;
        }
        pattern += 1;
        state = 0;
        length = 0;
        continue;
      }
      const slot = state * CLASS_COUNT + characterClass;
      let next = transitions[slot] as number;
      if (next === 0) {
        next = stateCount;
        stateCount += 1;
        transitions[slot] = next;
        edgeClass[next] = characterClass;
        nextSibling[next] = firstChild[state] as number;
        firstChild[state] = next;
      }
      state = next;
      length += 1;
    }
    if (pattern !== patterns.length)
      throw new Error(`${pattern} patterns folded for ${patterns.length} patterns`);
    const outputs = firstOutput.slice(0, stateCount);
    const failure = new Int32Array(stateCount);
    const outputLink = new Int32Array(stateCount);
    const reportFrom = new Int32Array(stateCount);
    // Breadth-first: a state's failure target is shallower, so its row is complete when it is needed.
    // A state's row is its failure target's row (copied natively) with its own children written over
    // it; the root's row is complete already, its missing children leading back to the root (0).
    const queue = new Int32Array(stateCount);
    let head = 0;
    let tail = 0;
    for (let child = firstChild[0] as number; child !== 0; child = nextSibling[child] as number) {
      queue[tail++] = child;
    }
    while (head < tail) {
      const state = queue[head++] as number;
      const fallback = failure[state] as number;
      const link = (outputs[fallback] as number) >= 0 ? fallback : (outputLink[fallback] as number);
      outputLink[state] = link;
      reportFrom[state] = (outputs[state] as number) >= 0 ? state : link;
      const row = state * CLASS_COUNT;
      const fallbackRow = fallback * CLASS_COUNT;
      transitions.copyWithin(row, fallbackRow, fallbackRow + CLASS_COUNT);
      for (let child = firstChild[state] as number; child !== 0; child = nextSibling[child] as number) {
        const characterClass = edgeClass[child] as number;
        failure[child] = transitions[fallbackRow + characterClass] as number;
        transitions[row + characterClass] = child;
        queue[tail++] = child;
      }
    }
    const used = transitions.subarray(0, stateCount * CLASS_COUNT);
    // Half-width entries keep a table of up to 65,535 states twice as likely to stay in cache.
    const table = used instanceof Uint32Array && stateCount <= 0xffff ? new Uint16Array(used) : used.slice();
    return new TermMatcher(
      table,
      reportFrom,
      outputs,
      outputLink,
      nextOutput,
      patternLength,
      patternOpenEnd,
      stateCount,
    );
  }

  /** Bytes held by the compiled tables. */
  get byteSize(): number {
    return (
      this.transitions.byteLength +
      this.reportFrom.byteLength +
      this.firstOutput.byteLength +
      this.outputLink.byteLength +
      this.nextOutput.byteLength +
      this.patternLength.byteLength +
      this.patternOpenEnd.byteLength
    );
  }

  /** Reports every whole-word match in `text`, in order of the position where it ends. */
  scan(text: string, onMatch: MatchHandler): void {
    const { transitions, reportFrom, firstOutput, outputLink, nextOutput, patternLength, patternOpenEnd } =
      this;
    const length = text.length;
    // Text positions of the last folded characters fed, to recover where a match starts.
    const ring = new Int32Array(MAX_PATTERN_LENGTH);
    let fed = 0;
    let state = 0;
    let previousWasGap = true;
    for (let index = 0; index < length; index += 1) {
      const characterClass = CHARACTER_CLASS[text.charCodeAt(index)] ?? OTHER;
      // An invisible character neither ends a word nor is part of one: "Paki\u200Bstan" is Pakistan.
      if (characterClass === IGNORED) continue;
      if (characterClass === GAP) {
        if (previousWasGap) continue;
        previousWasGap = true;
      } else {
        previousWasGap = false;
      }
      ring[fed & RING_MASK] = index;
      fed += 1;
      state = transitions[state * CLASS_COUNT + characterClass] ?? 0;
      let outputState = reportFrom[state] ?? 0;
      while (outputState > 0) {
        for (
          let pattern = firstOutput[outputState] ?? -1;
          pattern >= 0;
          pattern = nextOutput[pattern] ?? -1
        ) {
          const start = ring[(fed - (patternLength[pattern] ?? 0)) & RING_MASK] ?? 0;
          const end = index + 1;
          if (wordUnitBefore(text, start)) continue;
          if (patternOpenEnd[pattern] === 0 && wordUnitFrom(text, end)) continue;
          onMatch(pattern, start, end);
        }
        outputState = outputLink[outputState] ?? 0;
      }
    }
  }
}

/** Ends each pattern in `flattenFolded`'s bytes: no character class is as high. */
const PATTERN_END = 255;

/**
 * Folded patterns (`foldPattern`'s results) one after another in bytes, each ended by PATTERN_END;
 * one that can never match (null, or too long) is left empty.
 */
export function flattenFolded(folded: readonly (readonly number[] | null)[]): Uint8Array {
  const usable = folded.map((classes) =>
    classes !== null && classes.length <= MAX_PATTERN_LENGTH ? classes : [],
  );
  const bytes = new Uint8Array(usable.reduce((total, classes) => total + classes.length + 1, 0));
  let at = 0;
  for (const classes of usable) {
    bytes.set(classes, at);
    at += classes.length;
    bytes[at++] = PATTERN_END;
  }
  return bytes;
}
