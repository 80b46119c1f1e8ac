/** The archive's day shards: what the job writes, and rule backtests that read them. */
import { describe, expect, it } from 'vitest';
import { articleDocumentKey } from '../../../shared/articles/storage-keys.ts';
import { buildDayShards, DAY_CLOSED_AFTER_MS } from '../../../shared/console/archive-day-shards.ts';
import { backtestRule, SHARD_LOAD_RESERVE_MS } from '../../../shared/pipeline/backtest-rule.ts';
import { anArticle, anArticleDocument } from '../../support/builders.ts';
import { FixedClock, MemoryArchive, MemoryCatalog } from '../../support/in-memory-ports.ts';
import { MemoryArchiveShards } from '../../support/memory-archive-shards.ts';

/** Counts the documents read one by one. */
class CountingArchive extends MemoryArchive {
  reads = 0;
  override async getArticle(key: string) {
    this.reads += 1;
    return super.getArticle(key);
  }
}

const aDocument = (id: string, fetchedAt: string, text: string) =>
  anArticleDocument(id, fetchedAt, `Story ${id}`, text);

/** Three days of archive: 25 and 26 November closed by NOW, the 27th open; c1 re-fetched on the 26th. */
const NOW = new Date('2026-11-27T12:00:00.000Z');
const DOCUMENTS = [
  ...Array.from({ length: 30 }, (_, index) =>
    aDocument(`a${index}`, '2026-11-25T08:00:00.000Z', index % 3 === 0 ? 'New sanctions.' : 'Rain.'),
  ),
  aDocument('c1', '2026-11-25T09:00:00.000Z', 'Sanctions talk.'),
  aDocument('c1', '2026-11-26T09:00:00.000Z', 'Sanctions talk, updated.'),
  aDocument('b1', '2026-11-26T10:00:00.000Z', 'Sanctions on PK-US trade.'),
  aDocument('t1', '2026-11-27T09:00:00.000Z', 'Sanctions again.'),
];

async function setup() {
  const archive = new CountingArchive();
  for (const document of DOCUMENTS) {
    await archive.putArticle(articleDocumentKey(document.id, document.fetchedAt), document);
  }
  const catalog = new MemoryCatalog();
  for (const id of ['b1', 'c1', 'a3']) catalog.articles.set(id, anArticle({ id }));
  return { archive, catalog, shards: new MemoryArchiveShards(), clock: new FixedClock(NOW) };
}

const preview = {
  query: 'sanctions AND pair:PK-US',
  since: '2026-11-25T00:00:00.000Z',
  until: NOW.toISOString(),
  sampleSize: 5,
  newestFirst: true,
};

describe('archive day shards', () => {
  it('seal closed days, keep today open, and refresh it reading only the documents archived since', async () => {
    // Prepare
    const { archive, shards, clock } = await setup();

    // Act
    const first = await buildDayShards({ archive, shards, clock }, () => false);
    await archive.putArticle(
      articleDocumentKey('t2', '2026-11-27T11:00:00.000Z'),
      aDocument('t2', '2026-11-27T11:00:00.000Z', 'Late news.'),
    );
    archive.reads = 0;
    const second = await buildDayShards({ archive, shards, clock }, () => false);

    // Assess
    expect(await shards.dayShardState('2026-11-25')).toBe('sealed');
    expect(await shards.dayShardState('2026-11-26')).toBe('sealed');
    expect(await shards.dayShardState('2026-11-27')).toBe('open');
    expect((await shards.getDayShard('2026-11-25'))?.documents).toHaveLength(31);
    expect(first.written).toBe(32);
    expect(second).toEqual({ written: 1, documentsRead: 1 });
    expect(archive.reads).toBe(1);
    expect((await shards.getDayShard('2026-11-27'))?.documents.map(({ key }) => key)).toEqual([
      articleDocumentKey('t1', '2026-11-27T09:00:00.000Z'),
      articleDocumentKey('t2', '2026-11-27T11:00:00.000Z'),
    ]);
  });

  it('does not seal a day before fetches begun before its midnight can have stored what they fetched', async () => {
    // Prepare
    const { archive, shards } = await setup();
    const clock = new FixedClock(
      new Date(Date.parse('2026-11-27T00:00:00.000Z') + DAY_CLOSED_AFTER_MS - 1000),
    );

    // Act
    await buildDayShards({ archive, shards, clock }, () => false);

    // Assess
    expect(await shards.dayShardState('2026-11-26')).toBe('open');
    expect(await shards.dayShardState('2026-11-25')).toBe('sealed');
  });

  it('give a backtest the same result as the archive read one document at a time, in far fewer reads', async () => {
    // Prepare: shards built, then one more document archived today
    const { archive, catalog, shards, clock } = await setup();
    await buildDayShards({ archive, shards, clock }, () => false);
    const late = aDocument('t3', '2026-11-27T11:30:00.000Z', 'Sanctions, late.');
    await archive.putArticle(articleDocumentKey(late.id, late.fetchedAt), late);
    catalog.articles.set('t3', anArticle({ id: 't3' }));
    const direct = await backtestRule(preview, { archive, catalog });
    archive.reads = 0;

    // Act
    const sharded = await backtestRule(preview, { archive, catalog, shards });

    // Assess
    expect(sharded).toEqual(direct);
    expect(sharded).toMatchObject({ articles: 34, matched: 4, truncated: false });
    expect(sharded.samples.map(({ articleId }) => articleId)).toEqual(['t3', 'b1', 'c1', 'a3']);
    expect(archive.reads).toBe(1);
  });

  it('are not loaded with less time left than loading one takes, and the backtest says it was truncated', async () => {
    // Prepare: time left for articles, but not for loading a shard
    const { archive, catalog, shards, clock } = await setup();
    await buildDayShards({ archive, shards, clock }, () => false);
    let loaded = 0;
    const counting = {
      getDayShard: (day: string) => {
        loaded += 1;
        return shards.getDayShard(day);
      },
    };
    const bounds = { maxArticles: 100, timeUp: (reserveMs = 0) => reserveMs >= SHARD_LOAD_RESERVE_MS };

    // Act
    const result = await backtestRule({ ...preview, bounds }, { archive, catalog, shards: counting });

    // Assess
    expect(result).toMatchObject({ articles: 0, truncated: true });
    expect(loaded).toBe(0);
  });

  it('stop a sharded day at the article bound and say the backtest was truncated', async () => {
    // Prepare
    const { archive, catalog, shards, clock } = await setup();
    await buildDayShards({ archive, shards, clock }, () => false);
    const bounds = { maxArticles: 10, timeUp: () => false };

    // Act
    const sharded = await backtestRule({ ...preview, bounds }, { archive, catalog, shards });
    const direct = await backtestRule({ ...preview, bounds }, { archive, catalog });

    // Assess
    expect(sharded).toMatchObject({ articles: 10, truncated: true });
    expect(sharded).toEqual(direct);
  });
});
