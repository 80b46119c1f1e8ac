/**
 * `wirewatch query` on a dynalite table filled by the real adapters: the selector's index query, the
 * other options as filters, and the three output formats.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbAlertLedger } from '../../adapters/dynamodb/alert-ledger.dynamodb.ts';
import { DynamoDbArticleCatalog } from '../../adapters/dynamodb/article-catalog.dynamodb.ts';
import type { TableClient } from '../../adapters/dynamodb/table-client.ts';
import { asCsv, asJson, asTable, findArticles, normalisePair } from '../../cli/commands/query.ts';
import { createReader, type WirewatchReader } from '../../reader/wirewatch-reader.ts';
import { anAlert, anArticle } from '../support/builders.ts';
import { startLocalTable } from '../support/local-table.ts';

const BUCKET = 'wirewatch-test-archive';
const range = { since: '2026-11-20T00:00:00.000Z', until: '2026-11-27T23:59:59.999Z', limit: 50 };

let table: TableClient & { close(): Promise<void> };
let reader: WirewatchReader;

beforeAll(async () => {
  table = await startLocalTable();
  reader = createReader(table);
  const catalog = new DynamoDbArticleCatalog(table);
  const articles = [
    anArticle({ id: 'pk-us-talks', sortAt: '2026-11-26T09:00:00.000Z' }),
    anArticle({
      id: 'pk-us-trade',
      title: 'Pakistan, US sign "mini" trade deal',
      sortAt: '2026-11-25T09:00:00.000Z',
      topics: [{ id: 'trade', score: 0.9 }],
      documentKey: 'articles/yyyy=2026/mm=11/dd=25/pk-us-trade.json',
    }),
    anArticle({
      id: 'in-pk-border',
      title: 'India and Pakistan trade fire on the border',
      sortAt: '2026-11-24T09:00:00.000Z',
      countries: [
        { code: 'IN', score: 0.9 },
        { code: 'PK', score: 0.9 },
      ],
      countryPairs: [{ pair: 'IN-PK', score: 0.9 }],
      primaryPair: 'IN-PK',
      topics: [{ id: 'conflict', score: 0.9 }],
    }),
    anArticle({ id: 'pk-us-old', sortAt: '2026-10-01T09:00:00.000Z' }),
  ];
  for (const article of articles) await catalog.saveArticle(article, null);
  const ledger = new DynamoDbAlertLedger(table);
  const alert = anAlert({ articleId: 'pk-us-talks', ruleId: 'ct-dialogue' });
  await ledger.claimAlert(alert, alert.matchedAt, '2026-11-26T09:07:00.000Z');
  await ledger.markPublished('pk-us-talks', 'ct-dialogue', 'message-1', '2026-11-26T09:06:30.000Z');
});

afterAll(async () => {
  await table.close();
});

describe('finding articles', () => {
  it('lists a pair newest first within the range, whichever way the pair is written', async () => {
    // Act
    const { articles } = await findArticles(reader, { filters: { pair: normalisePair('us-pk') }, ...range });

    // Assess
    expect(articles.map(({ id }) => id)).toEqual(['pk-us-talks', 'pk-us-trade']);
  });

  it('applies the options that are not the selector as filters on its results', async () => {
    // Act
    const byCountryAndPair = await findArticles(reader, {
      filters: { country: 'PK', pair: 'IN-PK' },
      ...range,
    });
    const byPairAndTopic = await findArticles(reader, {
      filters: { pair: 'PK-US', topic: 'trade' },
      ...range,
    });

    // Assess
    expect(byCountryAndPair.articles.map(({ id }) => id)).toEqual(['in-pk-border']);
    expect(byPairAndTopic.articles.map(({ id }) => id)).toEqual(['pk-us-trade']);
  });

  it("lists a rule's alerts with their articles", async () => {
    // Act
    const { articles } = await findArticles(reader, { filters: {}, rule: 'ct-dialogue', ...range });

    // Assess
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({
      id: 'pk-us-talks',
      alert: { ruleId: 'ct-dialogue', status: 'published' },
    });
  });

  it('stops at the limit', async () => {
    // Act
    const { articles } = await findArticles(reader, { filters: { country: 'PK' }, ...range, limit: 2 });

    // Assess
    expect(articles.map(({ id }) => id)).toEqual(['pk-us-talks', 'pk-us-trade']);
  });
});

describe('output formats', () => {
  it('json: the full Article items with labels and their S3 location', async () => {
    // Prepare
    const { articles } = await findArticles(reader, { filters: { pair: 'PK-US' }, ...range, limit: 1 });

    // Act
    const items = JSON.parse(await asJson(reader, articles, BUCKET)) as Record<string, unknown>[];

    // Assess
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: 'pk-us-talks',
      title: 'Pakistan and US agree to deepen ties',
      countries: [
        { code: 'PK', score: 0.9 },
        { code: 'US', score: 0.8 },
      ],
      countryPairs: [{ pair: 'PK-US', score: 0.9 }],
      primaryPair: 'PK-US',
      topics: [
        { id: 'diplomacy', score: 0.8 },
        { id: 'counterterrorism', score: 0.6 },
      ],
      documentKey: 'articles/yyyy=2026/mm=11/dd=26/article-1.json',
      s3Uri: `s3://${BUCKET}/articles/yyyy=2026/mm=11/dd=26/article-1.json`,
    });
    expect(items[0]).not.toHaveProperty('pk');
  });

  it('table: aligned columns of date, pair, topics and title', async () => {
    // Prepare
    const { articles } = await findArticles(reader, { filters: { country: 'PK' }, ...range });

    // Act
    const lines = asTable(articles).trimEnd().split('\n');

    // Assess
    expect(lines[0]).toMatch(/^date\s+pair\s+topics\s+title$/);
    expect(lines[1]).toMatch(
      /^2026-11-26 09:00 {2}PK-US {2}diplomacy,counterterrorism {2}Pakistan and US agree/,
    );
    const titleColumn = (lines[0] as string).indexOf('title');
    expect(lines.map((line) => line.slice(titleColumn).split(' ')[0])).toEqual([
      'title',
      'Pakistan',
      'Pakistan,',
      'India',
    ]);
  });

  it('csv: RFC 4180, a header, CRLF line ends, fields with quotes or commas quoted', async () => {
    // Prepare
    const { articles } = await findArticles(reader, { filters: { topic: 'trade' }, ...range });

    // Act
    const csv = asCsv(articles, BUCKET);

    // Assess
    expect(csv.split('\r\n')).toEqual([
      'date,id,primaryPair,countryPairs,countries,topics,source,title,url,s3Uri',
      `2026-11-25T09:00:00.000Z,pk-us-trade,PK-US,PK-US,PK US,trade,news.example,"Pakistan, US sign ""mini"" trade deal",https://news.example/pk-us,s3://${BUCKET}/articles/yyyy=2026/mm=11/dd=25/pk-us-trade.json`,
      '',
    ]);
  });
});
