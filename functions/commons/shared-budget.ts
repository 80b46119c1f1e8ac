/**
 * A budget that concurrent tasks draw on while they run (bytes of documents, say): a task waits, in
 * call order, until its weight fits beside those running. A task heavier than the whole budget runs
 * alone rather than never.
 */
export function sharedBudget(total: number) {
  if (!(total > 0)) throw new RangeError(`A budget must be positive, got ${total}`);
  let used = 0;
  const waiting: { weight: number; start: () => void }[] = [];
  const fits = (weight: number) => used === 0 || used + weight <= total;
  // Strictly in call order: a heavy task at the head is not starved by lighter ones behind it.
  const admitWaiting = () => {
    for (let next = waiting[0]; next !== undefined && fits(next.weight); next = waiting[0]) {
      waiting.shift();
      used += next.weight;
      next.start();
    }
  };
  return async function run<Result>(weight: number, task: () => Promise<Result>): Promise<Result> {
    const drawn = Math.min(Math.max(weight, 0), total);
    if (waiting.length === 0 && fits(drawn)) used += drawn;
    else await new Promise<void>((start) => waiting.push({ weight: drawn, start }));
    try {
      return await task();
    } finally {
      used -= drawn;
      admitWaiting();
    }
  };
}
