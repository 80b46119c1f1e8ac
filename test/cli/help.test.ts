/** `--help` (and `-h`) on every command: its usage on stdout and exit code 0, whatever else is given. */
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { HelpRequested, parseCommandArgs } from '../../tools/cli-arguments.ts';
import { type CapturedOutput, captureOutput } from './capture-output.ts';

let output: CapturedOutput | undefined;
afterEach(() => output?.restore());

const COMMANDS = [
  ['run', '--help'],
  ['run', '--watch', '-h'],
  ['classify', '--help'],
  ['match', '--help'],
  ['parse-feed', '--help'],
  ['extract', '--help', 'page.html'],
  ['query', '--help'],
  ['replay', '--help'],
  ['rules', 'add', '--help'],
  ['subscribe', '--help'],
  ['unsubscribe', '--help'],
  ['digest', '--help'],
  ['feeds', '--help'],
  ['eval', '--help'],
  ['eval', 'all', '--help'],
  ['eval', 'news', '--help'],
  ['eval', 'reuters', '-h'],
  ['eval', 'extraction', '--help'],
  ['eval', 'multilingual', '--help'],
  ['bench', '--help'],
  ['bench', 'match', '--help'],
  ['bench', 'extraction', '--help'],
];

describe('--help', () => {
  it.each(COMMANDS)('wirewatch %s … prints its usage and succeeds', async (...argv) => {
    // Prepare
    output = captureOutput();

    // Act
    const status = await main(argv);

    // Assess
    expect(status).toBe(0);
    expect(output.stdout()).toMatch(/usage/i);
    expect(output.stderr()).toBe('');
  });

  it('wins over a mistake beside it, but not when it is the value of an option or after --', () => {
    // Prepare
    const options = { name: { type: 'string' } } as const;

    // Act
    const beside = () => parseCommandArgs(['--bogus', '-h'], options, 'usage: x');
    const asValue = parseCommandArgs(['--name=--help'], options, 'usage: x');
    const afterDashes = parseCommandArgs(['--', '--help'], options, 'usage: x', true);

    // Assess
    expect(beside).toThrow(HelpRequested);
    expect(asValue.values.name).toBe('--help');
    expect(afterDashes.positionals).toEqual(['--help']);
  });
});
