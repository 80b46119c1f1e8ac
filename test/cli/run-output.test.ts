/**
 * `wirewatch run` prints feed names, errors and emails: a feed title with escape sequences and a feed
 * the SSRF guard refuses print as visible escapes and a clear reason, and the sample feed still runs.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as run } from '../../cli/commands/run.ts';
import { captureOutput } from './capture-output.ts';

/** What a terminal acts on: every C0 control but line feed, DEL, C1 and the bidi controls. */
const ACTIVE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

let dir: string;
let stdout: string;

beforeAll(async () => {
  // Prepare
  dir = await mkdtemp(join(tmpdir(), 'wirewatch-run-output-'));
  const feeds = join(dir, 'feeds.json');
  await writeFile(
    feeds,
    JSON.stringify([
      {
        url: 'http://samples.wirewatch.localhost/feeds/world.rss',
        title: 'World\u001b]0;owned\u0007\u202Edlrow',
      },
      { url: 'http://169.254.169.254/latest/meta-data/', title: 'Metadata\u001b[2J' },
    ]),
  );
  const output = captureOutput();

  // Act
  try {
    await run(['--feeds', feeds, '--state', join(dir, 'state')]);
  } finally {
    output.restore();
  }
  stdout = output.stdout();
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('run output of hostile feed text', () => {
  it('shows the feed title as escapes and still polls the feed', () => {
    // Assess
    expect(stdout).toMatch(/✓ {2}World\\x1b\]0;owned\\x07\\u202edlrow: 200, \d+ new articles?/);
  });

  it('names the refused feed with its reason, as escapes', () => {
    // Assess
    expect(stdout).toContain(
      '✗  Metadata\\x1b[2J: blocked-address: refused to fetch http://169.254.169.254/latest/meta-data/: link-local address',
    );
  });

  it('prints nothing a terminal acts on', () => {
    // Assess
    expect(stdout).not.toMatch(ACTIVE);
  });
});
