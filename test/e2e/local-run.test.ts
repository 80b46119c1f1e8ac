/**
 * End to end: `wirewatch run` on the bundled samples, as a user runs it, twice against one state
 * directory, with an analyst's edits in between. The first run alerts on the seed article exactly
 * once; the second finds every feed unchanged (304), sends nothing, and keeps the edits: the sample
 * rules and subscriber are seeded once, when the state is created.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbRuleStore } from '../../adapters/dynamodb/rule-store.dynamodb.ts';
import { createReader } from '../../reader/wirewatch-reader.ts';
import { openStateTable } from '../support/state-table.ts';

const run = promisify(execFile);
const cli = (args: string[]) =>
  run(process.execPath, ['bin/wirewatch.js', ...args], {
    cwd: join(import.meta.dirname, '../..'),
    timeout: 60_000,
  });
const wirewatch = (args: string[]) => cli(['run', ...args]);

/** The Subject header, unfolded, with RFC 2047 encoded words decoded. */
function subjectOf(eml: string): string {
  const folded = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(eml)?.[1] ?? '';
  return folded
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, text: string) => Buffer.from(text, 'base64').toString('utf8'));
}

let state: string;
let first: { stdout: string; stderr: string };
let second: { stdout: string; stderr: string };

beforeAll(async () => {
  state = await mkdtemp(join(tmpdir(), 'wirewatch-e2e-'));
  first = await wirewatch(['--state', state]);
  await cli(['rules', 'remove', 'horn-of-africa-drought', '--state', state]);
  await cli(['rules', 'add', '--id', 'india-china-border', 'pair:CN-IN AND patrol*', '--state', state]);
  await cli(['unsubscribe', '--email', 'analyst@example.com', '--state', state]);
  second = await wirewatch(['--state', state]);
}, 180_000);

afterAll(async () => {
  await rm(state, { recursive: true, force: true });
});

/** Quoted-printable (the emulator's body encoding) back to text, with line feeds. */
function decodeQuotedPrintable(encoded: string): string {
  const soft = encoded.replace(/=\r\n/g, '');
  const bytes: number[] = [];
  for (let at = 0; at < soft.length; at += 1) {
    if (soft[at] === '=') {
      bytes.push(Number.parseInt(soft.slice(at + 1, at + 3), 16));
      at += 2;
    } else bytes.push(soft.charCodeAt(at));
  }
  return Buffer.from(bytes).toString('utf8').replace(/\r\n/g, '\n');
}

/** The emails in the outbox, each with its recipient, decoded subject and decoded body. */
async function outbox(): Promise<{ to: string; subject: string; body: string }[]> {
  const names = (await readdir(join(state, 'outbox'))).filter((name) => name.endsWith('.eml')).sort();
  return Promise.all(
    names.map(async (name) => {
      const eml = await readFile(join(state, 'outbox', name), 'utf8');
      const body = eml.slice(eml.indexOf('\r\n\r\n') + 4);
      return {
        to: /^To: (.*)$/m.exec(eml)?.[1] ?? '',
        subject: subjectOf(eml),
        body: decodeQuotedPrintable(body),
      };
    }),
  );
}

describe('wirewatch run on the samples', () => {
  it('alerts the sample analyst exactly once, on the seed article, for counterterrorism dialogue', async () => {
    // Act
    const emails = await outbox();
    const analyst = emails.filter(({ to }) => to === 'analyst@example.com');

    // Assess
    expect(first.stdout.match(/Alert to analyst@example\.com/g)).toHaveLength(1);
    expect(analyst.map(({ subject }) => subject)).toEqual([
      '[wirewatch] Counterterrorism dialogue · PK-US · Bilateral ties',
    ]);
    expect(first.stdout).toMatch(/alerts sent\s+\d+ \(2 emails delivered/);
    expect(first.stdout).toMatch(/feeds fetched\s+7 \(1 failed\)/);
  });

  it('alerts the Urdu desk once, on the Urdu sample, in Urdu that reads right to left', async () => {
    // Act
    const emails = await outbox();
    const urdu = emails.filter(({ to }) => to === 'urdu-desk@example.com');

    // Assess
    expect(urdu).toHaveLength(1);
    expect(urdu[0]?.subject).toMatch(
      /^\[wirewatch\] \u2068پاک امریکہ انسداد دہشت گردی مذاکرات\u2069 · PK-US · \u2068پاکستان اور امریکہ/,
    );
    expect(urdu[0]?.body).toContain('Rule "\u2068پاک امریکہ انسداد دہشت گردی مذاکرات\u2069" matched:');
    expect(urdu[0]?.body).toContain(
      '\n\u200fپاکستان اور امریکہ کے درمیان انسداد دہشت گردی مذاکرات اسلام آباد میں شروع\n',
    );
    expect(urdu[0]?.body).toMatch(/\*انسداد دہشت گردی\* سے متعلق دو روزہ \*مذاکرات\*/);
    expect(first.stdout).toContain('Rule "پاک امریکہ انسداد دہشت گردی مذاکرات" matched:');
  });

  it('reports as many articles classified as stored, however often S3 notified for one', () => {
    // Act
    const stored = /articles stored\s+(\d+)/.exec(first.stdout)?.[1];
    const classified = /classified\s+(\d+)/.exec(first.stdout)?.[1];

    // Assess
    expect(stored).toBe('25');
    expect(classified).toBe(stored);
  });

  it('reports the broken feed and carries on with the others', () => {
    // Assess
    expect(first.stdout).toMatch(/✗ .*broken feed.*feed-/);
    expect(first.stdout.match(/✓ /g)?.length).toBe(6);
  });

  it('prints no function log or metric lines: the handlers are quiet unless --verbose', () => {
    // Assess
    for (const output of [first.stdout, first.stderr]) {
      expect(output).not.toMatch(/"level":|"_aws":|Namespace should be defined/);
    }
  });

  it('sends no duplicate on a second run: unchanged feeds answer 304 and nothing is stored', async () => {
    // Act
    const emails = await outbox();

    // Assess
    expect(second.stdout).not.toMatch(/Alert to/);
    expect(second.stdout).toMatch(/alerts sent\s+0 \(0 emails delivered/);
    expect(second.stdout.match(/304 not modified/g)).toHaveLength(6);
    expect(second.stdout).toMatch(/articles stored\s+0/);
    expect(emails).toHaveLength(2);
  });

  it("keeps the analysts' edits: the sample rules and subscriber are not seeded again", async () => {
    // Prepare
    const { table, close } = await openStateTable(state);

    // Act
    const rules = await new DynamoDbRuleStore(table).listRules();
    await close();

    // Assess
    expect(first.stdout).toMatch(/6 rules, 2 subscriber\(s\)\n/);
    expect(second.stdout).toMatch(/5 rules, 1 subscriber\(s\) \(as kept in /);
    expect(rules.map(({ id }) => id).sort()).toEqual([
      'asia-pacific-tariffs',
      'ct-dialogue',
      'gulf-shipping-ar',
      'india-china-border',
      'pk-us-talks-ur',
    ]);
    expect(rules.find(({ id }) => id === 'india-china-border')?.query).toBe('pair:CN-IN AND patrol*');
  });

  it('stores the Urdu sample as Urdu, under its pair, with its topics', async () => {
    // Prepare
    const { table, close } = await openStateTable(state);
    const reader = createReader(table);

    // Act
    const page = await reader.articlesForPair('PK-US');
    const item = page.items.find((entry) =>
      entry.canonicalUrl.endsWith('/pakistan-us-counterterrorism-talks-ur.html'),
    );
    const article = item === undefined ? null : await reader.getArticle(item.id);
    await close();

    // Assess
    expect(article).toMatchObject({ lang: 'ur', primaryPair: 'PK-US' });
    expect(article?.topics.map(({ id }) => id)).toContain('counterterrorism');
  });

  it('leaves the seed in the table under its pair, with its labels and S3 location', async () => {
    // Prepare
    const { table, close } = await openStateTable(state);
    const reader = createReader(table);

    // Act
    const page = await reader.articlesForPair('PK-US');
    const seed = page.items.find((item) => item.canonicalUrl.endsWith('/pakistan-us-bilateral-ties.html'));
    const article = seed === undefined ? null : await reader.getArticle(seed.id);
    const alerts = seed === undefined ? [] : await reader.alertsForArticle(seed.id);
    await close();

    // Assess
    expect(article).toMatchObject({ primaryPair: 'PK-US', type: 'Article', schemaVersion: 1 });
    expect(article?.countries.map(({ code }) => code)).toEqual(expect.arrayContaining(['PK', 'US']));
    expect(article?.topics.map(({ id }) => id)).toEqual(
      expect.arrayContaining(['diplomacy', 'counterterrorism']),
    );
    expect(article?.documentKey).toMatch(/^articles\/yyyy=\d{4}\/mm=\d{2}\/dd=\d{2}\/.+\.json$/);
    expect(alerts).toMatchObject([{ ruleId: 'ct-dialogue', status: 'published' }]);
  });
});
