/**
 * `wirewatch replay --state DIR` on the local emulators (dynalite, s3rver, the SNS emulator): a dry run
 * writes nothing, a replay catalogues and alerts once, a second replay finds everything unchanged and
 * sends nothing, and `--resume` continues after the checkpoint's last key.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbArticleCatalog } from '../../adapters/dynamodb/article-catalog.dynamodb.ts';
import { DynamoDbRuleStore } from '../../adapters/dynamodb/rule-store.dynamodb.ts';
import { main as replay } from '../../cli/commands/replay.ts';
import { subscribeEmail } from '../../cli/commands/subscribe.ts';
import { openTarget } from '../../cli/target.ts';
import type { ArticleDocument } from '../../shared/articles/article-document.ts';
import { articleDocumentKey } from '../../shared/articles/storage-keys.ts';
import { anArticleDocument } from '../support/builders.ts';
import { captureOutput } from './capture-output.ts';

const aDocument = anArticleDocument;

const documents = [
  aDocument(
    'seed',
    '2026-11-02T08:00:00.000Z',
    'Pakistan and US to resume counterterrorism dialogue',
    'Pakistan and the United States will resume their counterterrorism dialogue in Islamabad next month, officials in Washington said.',
  ),
  aDocument(
    'trade',
    '2026-11-02T09:00:00.000Z',
    'Japan and Australia sign a trade pact',
    'Japan and Australia signed a trade agreement cutting tariffs on beef and cars, officials in Tokyo said.',
  ),
  aDocument(
    'drought',
    '2026-11-03T07:00:00.000Z',
    'Kenya warns of drought',
    'Kenya warned that the drought in its northern counties is worsening as rains fail again.',
  ),
];
const keys = documents.map((document) => articleDocumentKey(document.id, document.fetchedAt));

let state: string;

/** Runs `wirewatch replay` in this process and returns its exit code and output. */
async function runReplay(...args: string[]) {
  const output = captureOutput();
  try {
    const code = await replay([...args, '--state', state]);
    return { code, stdout: output.stdout(), stderr: output.stderr() };
  } finally {
    output.restore();
  }
}

async function putDocument(key: string, document: ArticleDocument): Promise<void> {
  const target = await openTarget({ state, needs: ['archive'] });
  try {
    await target.archive.store.putArticle(key, document);
  } finally {
    await target.close();
  }
}

const emails = async () => (await readdir(join(state, 'outbox'))).filter((name) => name.endsWith('.eml'));

async function storedArticleIds(): Promise<string[]> {
  const target = await openTarget({ state, needs: ['table'] });
  try {
    const catalog = new DynamoDbArticleCatalog(target.table);
    const found = await Promise.all(documents.map(({ id }) => catalog.getArticle(id)));
    return found.filter((article) => article !== null).map(({ id }) => id);
  } finally {
    await target.close();
  }
}

beforeAll(async () => {
  state = await mkdtemp(join(tmpdir(), 'wirewatch-replay-'));
  const target = await openTarget({ state, needs: ['table', 'archive', 'alerts'] });
  try {
    for (const [index, document] of documents.entries()) {
      await target.archive.store.putArticle(keys[index] as string, document);
    }
    await new DynamoDbRuleStore(target.table).putRule({
      id: 'ct-dialogue',
      name: 'Counterterrorism dialogue',
      query: '"counterterrorism dialogue"',
      createdAt: '2026-11-01T00:00:00.000Z',
    });
    await subscribeEmail(target.alerts.sns, target.alerts.topicArn, {
      email: 'analyst@example.com',
      rules: ['ct-dialogue'],
      pairs: [],
      topics: [],
      countries: [],
    });
  } finally {
    await target.close();
  }
}, 60_000);

afterAll(async () => {
  await rm(state, { recursive: true, force: true });
});

describe('replaying the archive', () => {
  it('dry run: reports new articles and the alert that would go out, and writes nothing', async () => {
    // Act
    const run = await runReplay('--since', '2026-11-01', '--until', '2026-11-03', '--dry-run');

    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/new\s+3/);
    expect(run.stdout).toMatch(/would alert: ct-dialogue/);
    expect(run.stdout).toMatch(/would alert\s+1/);
    expect(await storedArticleIds()).toEqual([]);
    expect(await emails()).toEqual([]);
  });

  it('catalogues every archived document of the days and alerts once', async () => {
    // Act
    const run = await runReplay('--since', '2026-11-01', '--until', '2026-11-03');

    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/documents read\s+3/);
    expect(run.stdout).toMatch(/created\s+3/);
    expect(run.stdout).toMatch(/alerts sent\s+1/);
    expect(await storedArticleIds()).toEqual(['seed', 'trade', 'drought']);
    expect(await emails()).toHaveLength(1);
  });

  it('is idempotent: a second replay finds everything unchanged and sends no alert again', async () => {
    // Act
    const run = await runReplay('--since', '2026-11-01', '--until', '2026-11-03');

    // Assess
    expect(run.stdout).toMatch(/unchanged\s+3/);
    expect(run.stdout).toMatch(/created\s+0/);
    expect(run.stdout).toMatch(/updated\s+0/);
    expect(run.stdout).toMatch(/alerts sent\s+0/);
    expect(await emails()).toHaveLength(1);
  });

  it('narrows the days to a key prefix', async () => {
    // Act
    const run = await runReplay(
      '--since',
      '2026-11-01',
      '--until',
      '2026-11-03',
      '--prefix',
      'articles/yyyy=2026/mm=11/dd=03/',
    );

    // Assess
    expect(run.stdout).toMatch(/documents read\s+1/);
  });

  it('resumes after the last key of the checkpoint, and removes the checkpoint when done', async () => {
    // Prepare: a replay that stopped after the first document.
    const checkpoint = join(state, 'replay-checkpoint.json');
    await writeFile(
      checkpoint,
      JSON.stringify({
        version: 1,
        bucket: 'wirewatch-local-archive',
        since: '2026-11-01T00:00:00.000Z',
        until: '2026-11-03T23:59:59.999Z',
        prefix: null,
        lastKey: keys[0],
        failedKeys: [],
        updatedAt: '2026-11-27T08:00:00.000Z',
      }),
    );

    // Act
    const run = await runReplay('--resume');

    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Resuming the replay of 2026-11-01 to 2026-11-03 .*: 2 documents/);
    expect(run.stdout).toMatch(/documents read\s+2/);
    await expect(readFile(checkpoint)).rejects.toThrow(/ENOENT/);
  });

  it('reports a document that fails, keeps it in the checkpoint, and retries it on --resume', async () => {
    // Prepare: a document archived without its text cannot be classified.
    const late = aDocument('late', '2026-11-04T07:00:00.000Z', 'Kenya and Somalia talk drought', 'Text.');
    const key = articleDocumentKey(late.id, late.fetchedAt);
    const { text: _text, ...withoutText } = late;
    await putDocument(key, withoutText as ArticleDocument);

    // Act
    const failed = await runReplay('--since', '2026-11-04', '--until', '2026-11-04');
    await putDocument(key, late);
    const resumed = await runReplay('--resume');

    // Assess
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/failed\s+1/);
    expect(failed.stderr).toMatch(new RegExp(`failed: ${key}`));
    expect(failed.stderr).toMatch(/wirewatch replay --resume/);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/documents read\s+1/);
    expect(resumed.stdout).toMatch(/created\s+1/);
  });

  it('says there is nothing to resume when no checkpoint is left', async () => {
    // Act
    const run = replay(['--resume', '--state', state]);

    // Assess
    await expect(run).rejects.toThrow(/no replay to resume/);
  });
});
