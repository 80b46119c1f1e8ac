/**
 * What every benchmark measures with: CPU time of this process, rounds that alternate which
 * contestant runs first, and the median of those rounds.
 */

/** Milliseconds of CPU (user + system) this process has used: unlike wall time, not inflated by other load. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** The order contestants run in, round by round: as given in even rounds, reversed in odd (AB BA AB …). */
export function roundOrder<T>(contestants: readonly T[], round: number): T[] {
  return round % 2 === 0 ? [...contestants] : [...contestants].reverse();
}

/**
 * Measures every contestant once per round, alternating which runs first, so that warm-up, the
 * garbage one contestant leaves for the next and drifts in machine load do not favour either; gives
 * each contestant's figures, one per round, in contestant order.
 */
export async function alternatingRounds<T, F>(
  contestants: readonly T[],
  rounds: number,
  measureOnce: (contestant: T) => F | Promise<F>,
): Promise<F[][]> {
  const figures = contestants.map((): F[] => []);
  for (let round = 0; round < rounds; round += 1) {
    for (const contestant of roundOrder(contestants, round)) {
      figures[contestants.indexOf(contestant)]?.push(await measureOnce(contestant));
    }
  }
  return figures;
}
