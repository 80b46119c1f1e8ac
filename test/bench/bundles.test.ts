/** `wirewatch bench bundles`: builds a Lambda bundle as the stack does and times fresh imports of it. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../cli/commands/bench.ts';
import { CliError } from '../../tools/cli-error.ts';
import { type CapturedOutput, captureOutput } from '../cli/capture-output.ts';

let output: CapturedOutput;

beforeEach(() => {
  output = captureOutput();
});

afterEach(() => {
  output.restore();
});

describe('wirewatch bench bundles', () => {
  it('prints one JSON line per function with its bundle size and median cold import in CPU and wall time, the note apart on stderr', async () => {
    // Act
    const status = await main(['bundles', '--json', '--function', 'dispatchFeeds', '--runs', '10']);

    // Assess
    expect(status).toBe(0);
    const lines = output.stdout().trim().split('\n');
    expect(lines).toHaveLength(1);
    const figures = JSON.parse(lines[0] as string);
    expect(Object.keys(figures)).toEqual([
      'function',
      'bytes',
      'coldImportMsMedian',
      'coldImportWallMsMedian',
    ]);
    expect(figures.function).toBe('dispatchFeeds');
    expect(figures.bytes).toBeGreaterThan(100_000);
    expect(figures.coldImportMsMedian).toBeGreaterThan(0);
    expect(figures.coldImportWallMsMedian).toBeGreaterThan(0);
    expect(output.stderr()).toMatch(
      /median of 10 fresh processes[\s\S]*machine is shared[\s\S]*INIT duration/,
    );
  }, 120_000);

  it.each([
    { args: ['--runs', '3'], reason: /--runs must be at least 10/ },
    { args: ['--function', 'fetchEverything'], reason: /unknown function fetchEverything/ },
  ])('refuses $args before building anything', async ({ args, reason }) => {
    // Act
    const running = main(['bundles', ...args]);

    // Assess
    await expect(running).rejects.toThrow(CliError);
    await expect(running).rejects.toThrow(reason);
  });
});
