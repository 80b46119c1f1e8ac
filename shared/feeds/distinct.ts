/** Values in first-seen order without repeats: a scan for the handful an entry usually has, a Set past that (no quadratic blow-up on a hostile feed). */
export function distinct(values: string[]): string[] {
  if (values.length < 2) return values;
  if (values.length > 16) return [...new Set(values)];
  const kept: string[] = [];
  for (const value of values) if (!kept.includes(value)) kept.push(value);
  return kept;
}
