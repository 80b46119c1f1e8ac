/** Runs one named suite of `wirewatch eval` or `wirewatch bench`, or all of them in turn. */
import { CliError } from '../tools/cli-error.ts';

export type Suites = Record<string, () => Promise<{ main: (args: string[]) => Promise<number> }>>;

export async function runSuites(kind: 'eval' | 'bench', suites: Suites, args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === 'all') {
    let status = 0;
    for (const [suite, load] of Object.entries(suites)) {
      console.log(`== ${kind} ${suite}`);
      status = Math.max(status, await (await load()).main(rest));
    }
    return status;
  }
  const load = name === undefined ? undefined : suites[name];
  if (load === undefined) throw new CliError(`expected one of: ${Object.keys(suites).join(', ')}, all`);
  return (await load()).main(rest);
}
