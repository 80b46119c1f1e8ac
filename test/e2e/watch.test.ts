/**
 * `wirewatch run --watch`: the first poll prints its summary; a wake-up with no feed due prints one
 * line, not a summary of zeros.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wirewatch-watch-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs a watch until it has printed `quietLines` "nothing due" lines, then stops it with Ctrl-C. */
async function watchUntilQuiet(
  args: string[],
  quietLines: number,
): Promise<{ stdout: string; code: number | null }> {
  const child = spawn(process.execPath, ['bin/wirewatch.js', 'run', '--watch', ...args], {
    cwd: join(import.meta.dirname, '../..'),
  });
  let stdout = '';
  let stopped = false;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    // Sent once, well inside the 1 s wait that follows the line: the line is out a moment before the
    // wait listens for Ctrl-C (Ctrl-C in the middle of a poll is another matter).
    if (!stopped && (stdout.match(/nothing due/g) ?? []).length === quietLines) {
      stopped = true;
      setTimeout(() => child.kill('SIGINT'), 250);
    }
  });
  // A watch that never goes quiet is stopped for good, so a failing test leaves no process behind.
  const deadline = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(deadline);
  return { stdout, code };
}

describe('wirewatch run --watch', () => {
  it('prints one line for each wake-up with no feed due', async () => {
    // Prepare
    const feeds = join(dir, 'feeds.json');
    await writeFile(feeds, JSON.stringify([{ url: 'http://samples.wirewatch.localhost/feeds/policy.json' }]));

    // Act
    const { stdout, code } = await watchUntilQuiet(
      ['--interval', '1', '--feeds', feeds, '--state', join(dir, 'state')],
      2,
    );

    // Assess
    expect(code).toBe(0);
    expect(stdout.match(/^Summary$/gm)).toHaveLength(1);
    expect(stdout.match(/^Feeds polled at /gm)).toHaveLength(1);
    const afterSummary = stdout.slice(stdout.indexOf('Watching: next poll'));
    const quiet = afterSummary.split('\n').filter((line) => line.includes('nothing due'));
    expect(quiet).toHaveLength(2);
    for (const line of quiet) {
      expect(line).toMatch(
        /^\d{4}-\d\d-\d\dT\S+ {2}nothing due \(next feed due \d{4}-\d\d-\d\dT\S+\); next poll in 1 s$/,
      );
    }
  }, 90_000);
});
