/** `wirewatch eval <name>`: Quality evaluations over the corpora in ../shared/data. Each lives in evals/<name>.ts and exports main(args). */
import { CliError } from '../cli-error.ts';

const SUITES: Record<string, () => Promise<{ main: (args: string[]) => Promise<number> }>> = {
  feeds: () => import('../../evals/feeds.ts'),
  extraction: () => import('../../evals/extraction.ts'),
  reuters: () => import('../../evals/reuters.ts'),
};

export async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === 'all') {
    let status = 0;
    for (const [suite, load] of Object.entries(SUITES)) {
      console.log(`== eval ${suite}`);
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
