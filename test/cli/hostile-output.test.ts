/**
 * Untrusted text at every CLI output: a feed title carrying escape sequences, an OSC title, BEL, a
 * carriage return, bidi controls and a spreadsheet formula reaches the terminal only as visible
 * escapes, and a CSV export only as text.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbArticleCatalog } from '../../adapters/dynamodb/article-catalog.dynamodb.ts';
import { DynamoDbRuleStore } from '../../adapters/dynamodb/rule-store.dynamodb.ts';
import type { TableClient } from '../../adapters/dynamodb/table-client.ts';
import { asCsv, asJson, asTable, findArticles } from '../../cli/commands/query.ts';
import { formatBacktest, main as rules } from '../../cli/commands/rules.ts';
import { printEmail } from '../../cli/print-email.ts';
import { openTarget } from '../../cli/target.ts';
import { createReader, type WirewatchReader } from '../../reader/wirewatch-reader.ts';
import { anArticle } from '../support/builders.ts';
import { startLocalTable } from '../support/local-table.ts';
import { captureOutput } from './capture-output.ts';

const HOSTILE_TITLE =
  '=HYPERLINK("http://evil.example")\u001b[2J\u001b]0;owned\u0007\rFake\u202Etxt.exe\u009b1m';
/** What a terminal acts on: every C0 control but line feed, DEL, C1 and the bidi controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
const ACTIVE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const range = { since: '2026-11-20T00:00:00.000Z', until: '2026-11-27T23:59:59.999Z', limit: 50 };

let table: TableClient & { close(): Promise<void> };
let reader: WirewatchReader;

beforeAll(async () => {
  table = await startLocalTable();
  reader = createReader(table);
  await new DynamoDbArticleCatalog(table).saveArticle(
    anArticle({ id: 'hostile', title: HOSTILE_TITLE, source: '@evil\u001b[8m.example' }),
    null,
  );
});

afterAll(async () => {
  await table.close();
});

describe('query output of a hostile title', () => {
  it('table: escapes shown, nothing a terminal acts on', async () => {
    // Prepare
    const { articles } = await findArticles(reader, { filters: { pair: 'PK-US' }, ...range });

    // Act
    const table = asTable(articles);

    // Assess
    expect(table).not.toMatch(ACTIVE);
    expect(table).toContain('\\x1b[2J\\x1b]0;owned\\x07\\x0dFake\\u202etxt.exe\\x9b1m');
  });

  it('csv: formula cells start with a quote, and no control reaches the terminal', async () => {
    // Prepare
    const { articles } = await findArticles(reader, { filters: { pair: 'PK-US' }, ...range });

    // Act
    const csv = asCsv(articles, 'bucket');

    // Assess
    const cells = csv.split('\r\n')[1] ?? '';
    expect(cells.replace(/\r\n/g, '')).not.toMatch(ACTIVE);
    expect(cells).toContain(',\'@evil\\x1b[8m.example,"\'=HYPERLINK(""http://evil.example"")\\x1b[2J');
  });

  it('json: the same title when parsed, with C1 and bidi controls written as escapes', async () => {
    // Prepare
    const { articles } = await findArticles(reader, { filters: { pair: 'PK-US' }, ...range });

    // Act
    const json = await asJson(reader, articles, 'bucket');

    // Assess
    expect(json).not.toMatch(ACTIVE);
    expect((JSON.parse(json) as { title: string }[])[0]?.title).toBe(HOSTILE_TITLE);
  });
});

describe('rules output of hostile text', () => {
  let state: string;

  beforeAll(async () => {
    state = await mkdtemp(join(tmpdir(), 'wirewatch-hostile-rules-'));
  });

  afterAll(async () => {
    await rm(state, { recursive: true, force: true });
  });

  it('show and list: a stored rule name with escape sequences prints as escapes', async () => {
    // Prepare
    // Written to the store directly: `rules add` may refuse such a name, another writer may not.
    const target = await openTarget({ state, needs: ['table'] });
    await new DynamoDbRuleStore(target.table).putRule({
      id: 'hostile',
      name: 'CT\u001b]0;owned\u0007\u202E',
      query: 'talks\u001b[2J',
      createdAt: '2026-11-27T00:00:00.000Z',
    });
    await target.close();
    const output = captureOutput();

    // Act
    try {
      await rules(['show', 'hostile', '--state', state]);
      await rules(['list', '--state', state]);
    } finally {
      output.restore();
    }

    // Assess
    expect(output.stdout()).not.toMatch(ACTIVE);
    expect(output.stdout().match(/CT\\x1b\]0;owned\\x07\\u202e/g)).toHaveLength(2);
    expect(output.stdout().match(/talks\\x1b\[2J/g)).toHaveLength(2);
  }, 60_000);

  it('test: sample titles, snippets and links print as escapes', () => {
    // Prepare
    const result = {
      articles: 1,
      matched: 1,
      uncatalogued: 0,
      days: [{ day: '2026-11-26', articles: 1, matched: 1 }],
      samples: [
        {
          day: '2026-11-26',
          articleId: 'hostile',
          title: HOSTILE_TITLE,
          snippet: 'a\u001b[2Jb',
          url: 'https://x.example/\u202E',
          source: 'x.example',
          publishedAt: null,
          highlights: [],
        },
      ],
      truncated: false,
    };

    // Act
    const printed = formatBacktest('talks', range, result);

    // Assess
    expect(printed).not.toMatch(ACTIVE);
    expect(printed).toContain('a\\x1b[2Jb');
    expect(printed).toContain('https://x.example/\\u202e');
  });
});

describe('printed emails', () => {
  it('shows the subject on one line and the body without escape sequences', () => {
    // Prepare
    const output = captureOutput();

    // Act
    try {
      printEmail('Alert', {
        messageId: 'm-1',
        topicArn: 'arn:aws:sns:eu-west-1:000000000000:wirewatch-alerts',
        subscriptionArn: 'arn:aws:sns:eu-west-1:000000000000:wirewatch-alerts:s-1',
        to: 'analyst@example.com',
        subject: `[wirewatch] ${HOSTILE_TITLE}\nBcc: x@example.com`,
        body: `Line one\n${HOSTILE_TITLE}\nLine three`,
        file: '/tmp/outbox/m-1.eml',
      });
    } finally {
      output.restore();
    }

    // Assess
    expect(output.stdout()).not.toMatch(ACTIVE);
    expect(output.stdout()).toMatch(/Subject: \[wirewatch\] .*\\x0aBcc: x@example\.com\n/);
    expect(output.stdout()).toContain('    Line one\n    =HYPERLINK');
  });
});
