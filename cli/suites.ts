/** Runs one named suite of `wirewatch eval` or `wirewatch bench`, or all of them in turn. */
import { HelpRequested } from '../tools/cli-arguments.ts';
import { CliError } from '../tools/cli-error.ts';

export type Suites = Record<string, () => Promise<{ main: (args: string[]) => Promise<number> }>>;

export async function runSuites(kind: 'eval' | 'bench', suites: Suites, args: string[]): Promise<number> {
  const [name, ...rest] = args;
  const asksForHelp = (arg: string) => arg === '--help' || arg === '-h';
  if (name === undefined || asksForHelp(name) || (name === 'all' && rest.some(asksForHelp))) {
    const usage = `usage: wirewatch ${kind} ${Object.keys(suites).join('|')}|all [options]; \`wirewatch ${kind} NAME --help\` shows a suite's options`;
    if (name === undefined) throw new CliError(usage);
    throw new HelpRequested(usage);
  }
  if (name === 'all') {
    let status = 0;
    for (const [suite, load] of Object.entries(suites)) {
      console.log(`== ${kind} ${suite}`);
      status = Math.max(status, await (await load()).main(rest));
    }
    return status;
  }
  const load = suites[name];
  if (load === undefined) throw new CliError(`expected one of: ${Object.keys(suites).join(', ')}, all`);
  return (await load()).main(rest);
}
