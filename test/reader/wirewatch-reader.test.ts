/**
 * Every access pattern of the data contract, through the typed reader, on the test backend
 * (test-backend.ts), with items written by the pipeline's own adapters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbAlertLedger } from '../../adapters/dynamodb/alert-ledger.dynamodb.ts';
import { DynamoDbArticleCatalog } from '../../adapters/dynamodb/article-catalog.dynamodb.ts';
import { DynamoDbFeedStateStore } from '../../adapters/dynamodb/feed-state-store.dynamodb.ts';
import { createReader, type WirewatchReader } from '../../reader/wirewatch-reader.ts';
import { newFeedState } from '../../shared/polling/feed-state.ts';
import { articleIdFor } from '../../shared/urls/canonical-url.ts';
import { anAlert, anArticle } from '../support/builders.ts';
import { MOTO_DEPARTS, startTestTable, type TestTable } from '../support/test-backend.ts';

let table: TestTable;
let reader: WirewatchReader;

const day = (n: number) => `2026-11-${String(n).padStart(2, '0')}T12:00:00.000Z`;
const url = (n: number) => `https://news.example/story-${n}`;

beforeAll(async () => {
  table = await startTestTable();
  reader = createReader(table);
  const catalog = new DynamoDbArticleCatalog(table);
  // Ten articles, one a day from the 10th to the 19th; every other one also about AF-PK; every third
  // one a PK-US conflict, the others PK-US cooperation.
  for (let n = 10; n < 20; n += 1) {
    const id = articleIdFor(url(n));
    const pkUs = {
      pair: 'PK-US',
      score: 0.9,
      relation:
        n % 3 === 0
          ? { type: 'material-conflict' as const, evidence: 'US drones struck targets in Pakistan.' }
          : { type: 'verbal-cooperation' as const, evidence: 'Pakistan and the US held talks.' },
    };
    await catalog.saveArticle(
      anArticle({
        id,
        url: url(n),
        canonicalUrl: url(n),
        sortAt: day(n),
        publishedAt: day(n),
        source: n < 15 ? 'news.example' : 'wire.example',
        countryPairs: n % 2 === 0 ? [pkUs, { pair: 'AF-PK', score: 0.5 }] : [pkUs],
        countries:
          n % 2 === 0
            ? [
                { code: 'PK', score: 1 },
                { code: 'US', score: 0.9 },
                { code: 'AF', score: 0.5 },
              ]
            : [
                { code: 'PK', score: 1 },
                { code: 'US', score: 0.9 },
              ],
        topics: n < 12 ? [{ id: 'trade', score: 0.7 }] : [{ id: 'diplomacy', score: 0.8 }],
        clusterId: n < 13 ? articleIdFor(url(10)) : id,
        simhash: null,
      }),
      null,
    );
  }
  const ledger = new DynamoDbAlertLedger(table);
  for (const n of [12, 14, 16]) {
    await ledger.claimAlert(
      anAlert({ articleId: articleIdFor(url(n)), matchedAt: day(n) }),
      day(n),
      day(n + 1),
    );
  }
  const feeds = new DynamoDbFeedStateStore(table);
  await feeds.registerFeed(newFeedState({ url: 'https://news.example/due.rss' }, new Date(day(10))));
  await feeds.registerFeed(newFeedState({ url: 'https://news.example/later.rss' }, new Date(day(25))));
  await feeds.saveFeedState({
    ...newFeedState({ url: 'https://news.example/broken.rss' }, new Date(day(11))),
    status: 'broken',
  });
});

afterAll(async () => {
  await table.close();
});

const ids = (items: { id: string }[]) => items.map(({ id }) => id);
const idsOf = (...days: number[]) => days.map((n) => articleIdFor(url(n)));

describe('the typed reader', () => {
  it('gets an article by id and by any form of its URL', async () => {
    // Act
    const byId = await reader.getArticle(articleIdFor(url(13)));
    const byUrl = await reader.getArticleByUrl('https://NEWS.example/story-13?utm_source=rss#top');
    const missing = await reader.getArticle('nope');

    // Assess
    expect(byId).toMatchObject({ type: 'Article', schemaVersion: 1, canonicalUrl: url(13) });
    expect(byUrl?.id).toBe(byId?.id);
    expect(missing).toBeNull();
  });

  it('lists articles for a pair in a time range, newest first, under each of their pairs', async () => {
    // Act
    const pkUs = await reader.articlesForPair('PK-US', { since: day(12), until: day(15) });
    const afPk = await reader.articlesForPair('AF-PK');

    // Assess
    expect(ids(pkUs.items)).toEqual(idsOf(15, 14, 13, 12));
    expect(ids(afPk.items)).toEqual(idsOf(18, 16, 14, 12, 10));
    expect(pkUs.items[0]).toMatchObject({
      primaryPair: 'PK-US',
      countryPairs: ['PK-US'],
      topics: ['diplomacy'],
    });
  });

  it('lists a pair’s articles with one relation for that pair, a type or a shorthand', async () => {
    // Act
    const conflicts = await reader.articlesForPair('PK-US', { relation: 'conflict' });
    const cooperation = await reader.articlesForPair('PK-US', { relation: 'verbal-cooperation' });
    const material = await reader.articlesForPair('PK-US', { relation: 'material-cooperation' });

    // Assess
    expect(ids(conflicts.items)).toEqual(idsOf(18, 15, 12));
    expect(ids(cooperation.items)).toEqual(idsOf(19, 17, 16, 14, 13, 11, 10));
    expect(material.items).toEqual([]);
    expect(conflicts.items[0]?.pairRelations).toEqual({ 'PK-US': 'material-conflict' });
  });

  it('pages through a long list with an opaque cursor, without gaps or repeats', async () => {
    // Act
    const pages = [];
    let cursor: string | null = null;
    do {
      const page = await reader.articlesForPair('PK-US', { limit: 3, cursor });
      pages.push(ids(page.items));
      cursor = page.cursor;
    } while (cursor !== null);

    // Assess
    expect(pages.flat()).toEqual(idsOf(19, 18, 17, 16, 15, 14, 13, 12, 11, 10));
    expect(pages[0]).toHaveLength(3);
    await expect(reader.articlesForPair('PK-US', { cursor: 'not-a-cursor' })).rejects.toThrow(
      /Invalid cursor/,
    );
  });

  it('pages to the end when the page size divides the list, the last full page still leading on', async () => {
    // Act
    const pages = [];
    let cursor: string | null = null;
    do {
      const page = await reader.articlesForPair('PK-US', { limit: 5, cursor });
      pages.push(ids(page.items));
      cursor = page.cursor;
    } while (cursor !== null);

    // Assess
    const full = [idsOf(19, 18, 17, 16, 15), idsOf(14, 13, 12, 11, 10)];
    // DynamoDB returns a cursor when a page stops at its limit, so an empty page ends the list.
    expect(pages).toEqual(MOTO_DEPARTS.noLastEvaluatedKeyAtExactLimit ? full : [...full, []]);
  });

  it('lists articles for a country, a topic and a source', async () => {
    // Act
    const afghanistan = await reader.articlesForCountry('AF', { since: day(14) });
    const trade = await reader.articlesForTopic('trade');
    const wire = await reader.articlesForSource('wire.example', { until: day(16) });

    // Assess
    expect(ids(afghanistan.items)).toEqual(idsOf(18, 16, 14));
    expect(ids(trade.items)).toEqual(idsOf(11, 10));
    expect(ids(wire.items)).toEqual(idsOf(16, 15));
  });

  it('lists the articles of one story cluster', async () => {
    // Act
    const story = await reader.articlesInCluster(articleIdFor(url(10)));

    // Assess
    expect(ids(story.items)).toEqual(idsOf(12, 11, 10));
  });

  it('lists alerts for a rule in a time range, and alerts for an article', async () => {
    // Act
    const forRule = await reader.alertsForRule('ct-dialogue', { since: day(13) });
    const forArticle = await reader.alertsForArticle(articleIdFor(url(12)));

    // Assess
    expect(forRule.items.map(({ articleId }) => articleId)).toEqual(idsOf(16, 14));
    expect(forArticle).toMatchObject([{ ruleId: 'ct-dialogue', type: 'Alert' }]);
  });

  it('lists feeds that are due and feeds that are broken', async () => {
    // Act
    const due = await reader.dueFeeds(day(20));
    const broken = await reader.brokenFeeds();

    // Assess
    expect(due.items.map(({ url: feedUrl }) => feedUrl)).toEqual(['https://news.example/due.rss']);
    expect(broken.items.map(({ url: feedUrl }) => feedUrl)).toEqual(['https://news.example/broken.rss']);
  });
});
