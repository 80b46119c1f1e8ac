/** A seeded random source for benchmark workloads: every run generates, and so measures, the same work. */

export type Random = () => number;

/** mulberry32: small, fast and good enough to pick words. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** Skewed towards the head of the list, as word use is: a few topics and places dominate the news. */
export function pickSkewed<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() ** 2 * items.length)] as T;
}
