/** Scores are reported in 0..1 with three decimals, so outputs stay stable and compact. */
export function roundScore(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;
}
