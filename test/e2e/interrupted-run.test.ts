/**
 * End to end: `wirewatch run --state` killed outright (SIGKILL, nothing can run on the way out) just
 * after a feed's article jobs are enqueued, when the feed's validators may already have moved, then
 * run again. The second run must finish the first one's work: every sample article stored once, and
 * the seed's alert sent exactly once.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_NAME } from '../../infra/resource-definitions.ts';
import { SAMPLE_ORIGIN } from '../../local/sample-site.ts';
import { createReader } from '../../reader/wirewatch-reader.ts';
import { openStateTable } from '../support/state-table.ts';

const ROOT = join(import.meta.dirname, '../..');
const RUN = [process.execPath, 'bin/wirewatch.js', 'run'] as const;
const SAMPLE_PAGES = join(ROOT, 'samples', 'site', 'articles');

/** Resolves with the signal the child died of, once it has died. */
const exited = (child: ChildProcess) =>
  new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));

/** Polls until `ready` holds, failing if the child ends first. */
async function whileRunning(child: ChildProcess, ready: () => boolean): Promise<void> {
  while (!ready()) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error('the run ended before the awaited point');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

let state: string;
let pendingArticleJobs: number;
let killedBy: NodeJS.Signals | null;
let second: { stdout: string; stderr: string };

beforeAll(async () => {
  state = await mkdtemp(join(tmpdir(), 'wirewatch-interrupted-'));
  const articleJobs = join(state, 'queues', `${SERVICE_NAME}-articleJobs`);
  const pending = () => (existsSync(articleJobs) ? readdirSync(articleJobs).length : 0);
  const first = spawn(RUN[0], [...RUN.slice(1), '--state', state], { cwd: ROOT, stdio: 'ignore' });
  const death = exited(first);
  await whileRunning(first, () => pending() > 0);
  first.kill('SIGKILL');
  killedBy = await death;
  pendingArticleJobs = pending();
  second = await promisify(execFile)(RUN[0], [...RUN.slice(1), '--state', state], {
    cwd: ROOT,
    timeout: 150_000,
  });
}, 240_000);

afterAll(async () => {
  await rm(state, { recursive: true, force: true });
});

describe('a run killed mid-way, then run again', () => {
  it('was killed with article jobs still waiting', () => {
    // Assess
    expect(killedBy).toBe('SIGKILL');
    expect(pendingArticleJobs).toBeGreaterThan(0);
  });

  it('sends each subscribed alert exactly once over both runs: the seed one and the Urdu sample one', async () => {
    // Act
    const emails = (await readdir(join(state, 'outbox'))).filter((name) => name.endsWith('.eml'));
    const recipients = await Promise.all(
      emails.map(
        async (name) => /^To: (.*)$/m.exec(await readFile(join(state, 'outbox', name), 'utf8'))?.[1],
      ),
    );

    // Assess
    expect(recipients.sort()).toEqual(['analyst@example.com', 'urdu-desk@example.com']);
  });

  it('stores every sample article once, and leaves no job behind', async () => {
    // Prepare: open the run's table with a fresh dynalite on the same state.
    const { table, close } = await openStateTable(state);
    const reader = createReader(table);
    const pages = (await readdir(SAMPLE_PAGES)).map((name) => `${SAMPLE_ORIGIN}/articles/${name}`);

    // Act
    const stored = await reader.articlesForSource(new URL(SAMPLE_ORIGIN).hostname, { limit: 100 });
    const seed = stored.items.find((item) => item.canonicalUrl.endsWith('/pakistan-us-bilateral-ties.html'));
    const alerts = seed === undefined ? [] : await reader.alertsForArticle(seed.id);
    await close();
    const leftJobs = (await readdir(join(state, 'queues'), { recursive: true })).filter((name) =>
      name.endsWith('.json'),
    );

    // Assess
    expect(stored.items.map(({ canonicalUrl }) => canonicalUrl).sort()).toEqual(pages.sort());
    expect(alerts).toMatchObject([{ ruleId: 'ct-dialogue', status: 'published' }]);
    expect(leftJobs).toEqual([]);
    expect(second.stdout).toMatch(/resuming \d+ job\(s\) an interrupted run left unfinished/);
    expect(second.stdout).toMatch(/dead letters\s+0/);
  });
});
