/** `wirewatch eval …` and `wirewatch bench …`: one named suite, or all of them in turn. */
import { afterEach, describe, expect, it } from 'vitest';
import { runSuites, type Suites } from '../../cli/suites.ts';
import { CliError } from '../../tools/cli-error.ts';
import { type CapturedOutput, captureOutput } from './capture-output.ts';

/** Suites that record the arguments they were run with and end with the given status. */
function recordingSuites(statuses: Record<string, number>, calls: string[]): Suites {
  return Object.fromEntries(
    Object.entries(statuses).map(([name, status]) => [
      name,
      async () => ({
        main: async (args: string[]) => {
          calls.push(`${name} ${args.join(' ')}`.trim());
          return status;
        },
      }),
    ]),
  );
}

let output: CapturedOutput | undefined;
afterEach(() => output?.restore());

describe('runSuites', () => {
  it('runs the named suite with the remaining arguments', async () => {
    // Prepare
    const calls: string[] = [];
    const suites = recordingSuites({ feeds: 0, reuters: 0 }, calls);

    // Act
    const status = await runSuites('eval', suites, ['reuters', '--json', '--files', 'all']);

    // Assess
    expect(calls).toEqual(['reuters --json --files all']);
    expect(status).toBe(0);
  });

  it('runs every suite under a heading for "all" and ends with the worst status', async () => {
    // Prepare
    const calls: string[] = [];
    const suites = recordingSuites({ feeds: 0, classify: 3, match: 0 }, calls);
    output = captureOutput();

    // Act
    const status = await runSuites('bench', suites, ['all', '--json']);

    // Assess
    expect(calls).toEqual(['feeds --json', 'classify --json', 'match --json']);
    expect(output.stdout()).toBe('== bench feeds\n== bench classify\n== bench match\n');
    expect(status).toBe(3);
  });

  it('names the suites there are when given none or an unknown one', async () => {
    // Prepare
    const suites = recordingSuites({ feeds: 0, match: 0 }, []);

    // Act
    const unknown = runSuites('bench', suites, ['speed']);
    const missing = runSuites('bench', suites, []);

    // Assess
    await expect(unknown).rejects.toThrow(new CliError('expected one of: feeds, match, all'));
    await expect(missing).rejects.toBeInstanceOf(CliError);
  });
});
