/** `wirewatch bench <name>`: Benchmarks: each prints its numbers beside a peer measured in the same process. Each lives in bench/<name>.ts and exports main(args). */
import { CliError } from '../cli-error.ts';

const SUITES: Record<string, () => Promise<{ main: (args: string[]) => Promise<number> }>> = {
  feeds: () => import('../../bench/feeds.ts'),
  extraction: () => import('../../bench/extraction.ts'),
  classify: () => import('../../bench/classify.ts'),
  match: () => import('../../bench/match.ts'),
};

export async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === 'all') {
    let status = 0;
    for (const [suite, load] of Object.entries(SUITES)) {
      console.log(`== bench ${suite}`);
      status = Math.max(status, await (await load()).main(rest));
    }
    return status;
  }
  const load = name === undefined ? undefined : SUITES[name];
  if (load === undefined) {
    throw new CliError(`expected one of: ${Object.keys(SUITES).join(', ')}, all`);
  }
  return (await load()).main(rest);
}
