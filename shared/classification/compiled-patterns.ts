/**
 * The classifier's patterns compiled ahead of time. Building the classifier folds each of ~6,000
 * aliases and terms twice (to merge those that fold alike, then to insert them into the matcher's
 * trie), most of a cold start's classifier work. What that folding yields depends only on the texts,
 * so `scripts/build-classifier.ts` stores it for the English profile
 * (`data/english-patterns.json`), and a cold start loads it when the texts it was built from are
 * exactly the texts at hand (same fingerprint); any other list (extra aliases, edited data not yet
 * rebuilt) is compiled as before, so a stale file costs time, never a wrong match.
 */
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { foldPattern } from './character-classes.ts';
import { flattenFolded, type TermPattern } from './term-matcher.ts';

/** One text the classifier looks for, in the order the classifier lists them. */
export interface PatternText {
  readonly text: string;
  readonly openEnd: boolean;
}

export interface CompiledPatterns {
  /** Per text: its pattern (texts that fold alike share one), or -1 when it cannot match. */
  readonly patternOf: Int32Array;
  /** The distinct patterns folded, as `flattenFolded` lays them out for `TermMatcher.build`. */
  readonly folded: Uint8Array;
}

/** CompiledPatterns as stored: deflated, in base64 (patternOf as successive differences). */
export interface StoredPatterns {
  readonly generator: string;
  /** Of the texts compiled: a file is used only for the texts it was built from. */
  readonly fingerprint: string;
  readonly patternOf: string;
  readonly folded: string;
}

const GENERATOR = 'scripts/build-classifier.ts (npm run build:classifier)';

/**
 * Merges texts that fold alike (with the same open end), numbering patterns by first occurrence;
 * gives each text's pattern and each pattern's folded classes.
 */
function patternIndexes(texts: readonly PatternText[]): { patternOf: Int32Array; folded: number[][] } {
  const indexByKey = new Map<string, number>();
  const patternOf = new Int32Array(texts.length);
  const folded: number[][] = [];
  texts.forEach(({ text, openEnd }, position) => {
    const classes = foldPattern(text);
    if (classes === null) {
      patternOf[position] = -1;
      return;
    }
    const key = `${classes.join(',')}${openEnd ? '*' : ''}`;
    let index = indexByKey.get(key);
    if (index === undefined) {
      index = folded.length;
      indexByKey.set(key, index);
      folded.push(classes);
    }
    patternOf[position] = index;
  });
  return { patternOf, folded };
}

/** Each pattern as its first text gives it. */
export function distinctPatterns(texts: readonly PatternText[], patternOf: Int32Array): TermPattern[] {
  const patterns: TermPattern[] = [];
  texts.forEach(({ text, openEnd }, position) => {
    const index = patternOf[position] as number;
    if (index === patterns.length) patterns.push({ text, openEnd });
    else if (index > patterns.length) throw new Error(`Pattern ${index} of text ${position} is out of order`);
  });
  return patterns;
}

/** Folds each text once, for both the merging and the trie. */
export function compilePatterns(texts: readonly PatternText[]): CompiledPatterns {
  const { patternOf, folded } = patternIndexes(texts);
  return { patternOf, folded: flattenFolded(folded) };
}

/** Identifies the list exactly: its texts, their open ends and their order. */
export function fingerprintOf(texts: readonly PatternText[]): string {
  const listed = JSON.stringify(texts.map(({ text, openEnd }) => `${openEnd ? '*' : '-'}${text}`));
  return createHash('sha256').update(listed).digest('base64');
}

/** Successive differences, which are small and repetitive in these arrays, so they deflate well. */
function encodeIntegers(values: Int32Array): string {
  const differences = new Int32Array(values.length);
  for (let index = 0; index < values.length; index += 1) {
    differences[index] = (values[index] as number) - (values[index - 1] ?? 0);
  }
  return encodeBytes(new Uint8Array(differences.buffer));
}

function decodeIntegers(stored: string): Int32Array {
  const bytes = decodeBytes(stored);
  const values = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  for (let index = 1; index < values.length; index += 1) {
    values[index] = (values[index] as number) + (values[index - 1] as number);
  }
  return values;
}

function encodeBytes(bytes: Uint8Array): string {
  return deflateRawSync(bytes, { level: 9 }).toString('base64');
}

/** The inflated bytes, in a buffer of their own (aligned for an Int32Array view). */
function decodeBytes(stored: string): Uint8Array {
  const inflated = inflateRawSync(Buffer.from(stored, 'base64'));
  return new Uint8Array(
    inflated.buffer.slice(inflated.byteOffset, inflated.byteOffset + inflated.byteLength),
  );
}

export function storePatterns(texts: readonly PatternText[], compiled: CompiledPatterns): StoredPatterns {
  return {
    generator: GENERATOR,
    fingerprint: fingerprintOf(texts),
    patternOf: encodeIntegers(compiled.patternOf),
    folded: encodeBytes(compiled.folded),
  };
}

/** The stored compilation when it was made from exactly these texts, else null. */
export function loadPatterns(texts: readonly PatternText[], stored: StoredPatterns): CompiledPatterns | null {
  if (stored.fingerprint !== fingerprintOf(texts)) return null;
  const patternOf = decodeIntegers(stored.patternOf);
  if (patternOf.length !== texts.length) {
    throw new Error(
      'Stored patterns do not match their fingerprint: rebuild them (npm run build:classifier)',
    );
  }
  return { patternOf, folded: decodeBytes(stored.folded) };
}
