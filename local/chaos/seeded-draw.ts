/**
 * Random draws for fault injection, each keyed by what it decides (a call's identity, a feed's URL and
 * how many times it was asked for), from one seed: the same seed gives the same faults to the same
 * events, whatever order concurrent work happens to run in.
 */
import { type Random, seededRandom } from '../../bench/seeded-random.ts';

/** FNV-1a, then a final mix: a stable 32-bit hash of a key. */
function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash >>> 0;
}

/** Draws for keys; a key drawn again (the n-th time) gets its n-th independent random source. */
export class SeededDraws {
  private readonly occurrences = new Map<string, number>();

  constructor(private readonly seed: number) {}

  next(key: string): Random {
    const occurrence = this.occurrences.get(key) ?? 0;
    this.occurrences.set(key, occurrence + 1);
    return seededRandom(Math.imul(this.seed + 1, 0x9e3779b1) ^ hash32(`${key}#${occurrence}`));
  }
}
