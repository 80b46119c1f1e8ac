import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbAlertLedger } from '../../adapters/dynamodb/alert-ledger.dynamodb.ts';
import { DynamoDbArticleCatalog } from '../../adapters/dynamodb/article-catalog.dynamodb.ts';
import { DynamoDbFeedStateStore } from '../../adapters/dynamodb/feed-state-store.dynamodb.ts';
import { DynamoDbRuleStore } from '../../adapters/dynamodb/rule-store.dynamodb.ts';
import { DynamoDbSeenEntryStore } from '../../adapters/dynamodb/seen-entry-store.dynamodb.ts';
import {
  MAX_BUCKET_ENTRIES,
  SIMHASH_BUCKET_WINDOW_DAYS,
} from '../../adapters/dynamodb/simhash-buckets.dynamodb.ts';
import { labelPartition } from '../../adapters/dynamodb/table-keys.ts';
import { labelsOf } from '../../shared/articles/article-record.ts';
import { fingerprintBands, legacyFingerprintBands } from '../../shared/dedup/near-duplicate.ts';
import { newFeedState } from '../../shared/polling/feed-state.ts';
import { ConcurrentUpdateError } from '../../shared/ports/article-catalog.ts';
import { anAlert, anArticle } from '../support/builders.ts';
import { contending, startTestTable, type TestTable } from '../support/test-backend.ts';

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(async () => {
  await table.close();
});

const byLabel = async (label: string, attribute = 'id') => {
  const { Items = [] } = await table.client.send(
    new QueryCommand({
      TableName: table.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :label',
      ExpressionAttributeValues: { ':label': label },
      ScanIndexForward: false,
    }),
  );
  return Items.map((item) => item[attribute]);
};

const partitionItems = async (pk: string) => {
  const { Items = [] } = await table.client.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
    }),
  );
  return Items;
};

/** The SimHash buckets of a fingerprint's four bands that hold the article, as stored. */
const bucketsHolding = async (id: string, simhash: string) =>
  (await Promise.all(fingerprintBands(simhash).map((band) => partitionItems(`SIMBUCKET#${band}`))))
    .flat()
    .filter((item) => item[`@${id}`] !== undefined);

/** The low-level commands `act` sends through the table's client, by name, with the partition each queries. */
async function commandsSentBy(act: () => Promise<unknown>): Promise<{ name: string; partition?: string }[]> {
  const sent: { name: string; partition?: string }[] = [];
  const name = 'recordCommandsSent';
  table.client.middlewareStack.add(
    (next, context) => async (args) => {
      const values = (args.input as { ExpressionAttributeValues?: Record<string, { S?: string }> })
        .ExpressionAttributeValues;
      sent.push({ name: String(context.commandName), partition: values?.[':pk']?.S });
      return next(args);
    },
    // After marshalling, so every command is seen by its DynamoDB name.
    { step: 'build', name },
  );
  try {
    await act();
  } finally {
    table.client.middlewareStack.remove(name);
  }
  return sent;
}

const named = (sent: readonly { name: string }[], name: string) => sent.filter((each) => each.name === name);

/** A band item as schemas 1.2 to 1.4 wrote them: one per article and band, in the band's partition. */
const putBandItem = (band: string, fetchedAt: string, id: string, simhash: string, clusterId: string) =>
  table.client.send(
    new PutCommand({
      TableName: table.tableName,
      Item: {
        pk: `SIMBAND#${band}`,
        sk: `${fetchedAt}#${id}`,
        type: 'SimHashBand',
        schemaVersion: 1,
        schemaMinorVersion: band.length === 6 ? 3 : 2,
        id,
        simhash,
        clusterId,
      },
    }),
  );

describe('feed state on DynamoDB', () => {
  it('registers a feed once, lists it when due, and leases it to one dispatcher only', async () => {
    // Prepare
    const store = new DynamoDbFeedStateStore(table);
    const feed = newFeedState({ url: 'https://news.example/due.rss' }, new Date('2026-11-27T08:00:00.000Z'));
    const later = {
      ...newFeedState({ url: 'https://news.example/later.rss' }, new Date('2026-11-27T09:00:00.000Z')),
    };
    const lease = { now: '2026-11-27T08:30:00.000Z', until: '2026-11-27T08:45:00.000Z' };

    // Act
    const added = [
      await store.registerFeed(feed),
      await store.registerFeed(feed),
      await store.registerFeed(later),
    ];
    const due = await store.listDueFeeds('2026-11-27T08:30:00.000Z', 10);
    const leases = await contending([
      () => store.leaseFeed(feed.feedId, feed.nextDueAt, lease),
      () => store.leaseFeed(feed.feedId, feed.nextDueAt, lease),
    ]);
    const leaseByNextRun = await store.leaseFeed(feed.feedId, feed.nextDueAt, {
      now: '2026-11-27T08:35:00.000Z',
      until: '2026-11-27T08:50:00.000Z',
    });

    // Assess
    expect(added).toEqual([true, false, true]);
    expect(due.map(({ url }) => url)).toEqual(['https://news.example/due.rss']);
    expect(leases.filter(Boolean)).toHaveLength(1);
    expect(leaseByNextRun).toBe(false);
    expect(await store.getFeed(feed.feedId)).toEqual(feed);
  });

  it('leases a feed again once its poll has saved a later due time, or once the lease expired', async () => {
    // Prepare: two feeds leased at 08:30 until 08:45; the first one's poll saves, the second crashes
    const store = new DynamoDbFeedStateStore(table);
    const polled = newFeedState(
      { url: 'https://news.example/polled.rss' },
      new Date('2026-11-27T08:00:00.000Z'),
    );
    const crashed = newFeedState(
      { url: 'https://news.example/crashed.rss' },
      new Date('2026-11-27T08:00:00.000Z'),
    );
    const firstLease = { now: '2026-11-27T08:30:00.000Z', until: '2026-11-27T08:45:00.000Z' };
    for (const feed of [polled, crashed]) {
      await store.registerFeed(feed);
      await store.leaseFeed(feed.feedId, feed.nextDueAt, firstLease);
    }
    const afterPoll = { ...polled, nextDueAt: '2026-11-27T08:35:00.000Z', lastStatus: 304 };
    await store.saveFeedState(afterPoll);

    // Act
    const nextDue = { now: '2026-11-27T08:40:00.000Z', until: '2026-11-27T08:55:00.000Z' };
    const polledAgain = await store.leaseFeed(polled.feedId, afterPoll.nextDueAt, nextDue);
    const staleDispatcher = await store.leaseFeed(polled.feedId, polled.nextDueAt, nextDue);
    const crashedBeforeExpiry = await store.leaseFeed(crashed.feedId, crashed.nextDueAt, nextDue);
    const crashedAfterExpiry = await store.leaseFeed(crashed.feedId, crashed.nextDueAt, {
      now: '2026-11-27T08:45:00.000Z',
      until: '2026-11-27T09:00:00.000Z',
    });

    // Assess
    expect(polledAgain).toBe(true);
    expect(staleDispatcher).toBe(false);
    expect(crashedBeforeExpiry).toBe(false);
    expect(crashedAfterExpiry).toBe(true);
  });

  it('lists broken feeds that are due alongside active ones', async () => {
    // Prepare
    const store = new DynamoDbFeedStateStore(table);
    const broken = {
      ...newFeedState({ url: 'https://news.example/broken.rss' }, new Date('2026-11-20T00:00:00.000Z')),
      status: 'broken' as const,
    };
    await store.saveFeedState(broken);

    // Act
    const due = await store.listDueFeeds('2026-11-21T00:00:00.000Z', 10);

    // Assess
    expect(due.map(({ status }) => status)).toContain('broken');
    expect(await store.getFeed(broken.feedId)).toEqual(broken);
  });
});

describe('seen entries on DynamoDB', () => {
  it('remembers entry versions in batches larger than one request', async () => {
    // Prepare
    const store = new DynamoDbSeenEntryStore(table);
    const entries = Array.from({ length: 130 }, (_, i) => ({ articleId: `seen-${i}`, entryHash: `h${i}` }));

    // Act
    await store.markEntriesSeen(entries, '2026-11-27T08:00:00.000Z');
    const found = await store.findSeenEntries([...entries.map(({ articleId }) => articleId), 'never-seen']);

    // Assess
    expect(found.size).toBe(130);
    expect(found.get('seen-129')).toBe('h129');
    expect(found.has('never-seen')).toBe(false);
  });
});

describe('article catalogue on DynamoDB', () => {
  it('lists an article under each of its labels, newest first, and drops labels it loses', async () => {
    // Prepare
    const catalog = new DynamoDbArticleCatalog(table);
    const older = anArticle({ id: 'older', sortAt: '2026-11-25T00:00:00.000Z', clusterId: 'older' });
    const newer = anArticle({
      id: 'newer',
      sortAt: '2026-11-26T00:00:00.000Z',
      countryPairs: [
        { pair: 'PK-US', score: 0.9 },
        { pair: 'AF-PK', score: 0.4 },
      ],
      clusterId: 'newer',
    });
    await catalog.saveArticle(older, null);
    await catalog.saveArticle(newer, null);

    // Act
    const pkUs = await byLabel('PAIR#PK-US');
    const afPk = await byLabel('PAIR#AF-PK');
    await catalog.saveArticle(
      { ...newer, countryPairs: [{ pair: 'PK-US', score: 0.9 }], revision: 2 },
      newer,
    );
    const afPkAfter = await byLabel('PAIR#AF-PK');

    // Assess
    expect(pkUs).toEqual(['newer', 'older']);
    expect(afPk).toEqual(['newer']);
    expect(afPkAfter).toEqual([]);
    expect(await byLabel('TOPIC#diplomacy')).toEqual(['newer', 'older']);
    expect(await byLabel('COUNTRY#PK')).toEqual(['newer', 'older']);
    expect(await byLabel('SOURCE#news.example')).toEqual(['newer', 'older']);
    expect((await catalog.getArticle('newer'))?.revision).toBe(2);
  });

  it('refuses a write based on a stale revision', async () => {
    // Prepare
    const catalog = new DynamoDbArticleCatalog(table);
    const first = anArticle({ id: 'contested' });
    await catalog.saveArticle(first, null);
    await catalog.saveArticle({ ...first, title: 'Writer A', revision: 2 }, first);

    // Act
    // Both writes settle before either is assessed: an unobserved rejection would fail the run.
    const [stale, duplicateCreate] = await Promise.allSettled([
      catalog.saveArticle({ ...first, title: 'Writer B', revision: 2 }, first),
      catalog.saveArticle(first, null),
    ]);

    // Assess
    expect(stale.status === 'rejected' && stale.reason).toBeInstanceOf(ConcurrentUpdateError);
    expect(duplicateCreate.status === 'rejected' && duplicateCreate.reason).toBeInstanceOf(
      ConcurrentUpdateError,
    );
    expect((await catalog.getArticle('contested'))?.title).toBe('Writer A');
  });

  it('finds the story cluster of a near-duplicate text by its SimHash', async () => {
    // Prepare
    const catalog = new DynamoDbArticleCatalog(table);
    await catalog.saveArticle(
      anArticle({ id: 'wire-copy', simhash: 'f0f0f0f0f0f0f0f0', clusterId: 'story-1' }),
      null,
    );

    // Act
    const nearby = (await catalog.findCluster('f0f0f0f0f0f0f0f1', '2026-11-01T00:00:00.000Z')).clusterId;
    const unrelated = (await catalog.findCluster('0f0f0f0f0f0f0f0f', '2026-11-01T00:00:00.000Z')).clusterId;

    // Assess
    expect(nearby).toBe('story-1');
    expect(unrelated).toBeNull();
  });
  it('lets SimHash buckets expire when clustering can no longer look back to their newest entry, and nothing else', async () => {
    // Prepare
    const catalog = new DynamoDbArticleCatalog(table);
    const fetchedAt = '2026-11-20T10:00:00.000Z';
    const article = anArticle({ id: 'expiring-bands', simhash: '0badc0ffee123456', fetchedAt });

    // Act
    await catalog.saveArticle(article, null);
    const buckets = await bucketsHolding('expiring-bands', '0badc0ffee123456');
    const others = await partitionItems('ARTICLE#expiring-bands');

    // Assess
    const expectedExpiry = Date.parse(fetchedAt) / 1000 + SIMHASH_BUCKET_WINDOW_DAYS * 86_400;
    expect(buckets).toHaveLength(4);
    expect(buckets.map((item) => item.expiresAt)).toEqual(buckets.map(() => expectedExpiry));
    expect(others.length).toBeGreaterThan(0);
    expect(others.filter((item) => item.expiresAt !== undefined)).toEqual([]);
  });

  it('enters an article in one SimHash bucket per band, off gsi1, and writes no band items', async () => {
    // Prepare
    const catalog = new DynamoDbArticleCatalog(table);
    const article = anArticle({ id: 'band-layout', simhash: '1111222233334444', clusterId: 'story-b' });

    // Act
    await catalog.saveArticle(article, null);
    const buckets = await bucketsHolding('band-layout', '1111222233334444');
    const bandItems = await Promise.all(
      fingerprintBands('1111222233334444').map((band) => partitionItems(`SIMBAND#${band}`)),
    );

    // Assess
    expect(
      buckets.map((item) => [item.pk, item.sk, item.gsi1pk, item.type, item.schemaMinorVersion]),
    ).toEqual(
      fingerprintBands('1111222233334444').map((band) => [
        `SIMBUCKET#${band}`,
        'BUCKET',
        undefined,
        'SimHashBucket',
        5,
      ]),
    );
    expect(buckets.map((item) => item['@band-layout'])).toEqual(
      buckets.map(() => `${article.fetchedAt} 1111222233334444 story-b`),
    );
    expect(bandItems.flat()).toEqual([]);
  });

  it('takes an article out of the buckets of its previous text, so a copy of the old text no longer joins the story', async () => {
    // Prepare
    const catalog = new DynamoDbArticleCatalog(table);
    const first = anArticle({ id: 'rewritten', simhash: 'aaaaaaaaaaaaaaaa', clusterId: 'story-r' });
    await catalog.saveArticle(first, null);

    // Act
    await catalog.saveArticle({ ...first, simhash: '5555555555555555', revision: 2 }, first);

    // Assess
    expect(await bucketsHolding('rewritten', 'aaaaaaaaaaaaaaaa')).toEqual([]);
    expect(await bucketsHolding('rewritten', '5555555555555555')).toHaveLength(4);
    expect((await catalog.findCluster('aaaaaaaaaaaaaaab', '2026-11-01T00:00:00.000Z')).clusterId).toBeNull();
  });

  it('keeps both of two articles entered in one bucket at once', async () => {
    // Prepare: the same band 0 value, different elsewhere
    const catalog = new DynamoDbArticleCatalog(table);
    const articles = ['7777000000000001', '7777ffffffffffff'].map((simhash, index) =>
      anArticle({ id: `together-${index}`, simhash, clusterId: `story-together-${index}` }),
    );

    // Act
    await contending(articles.map((article) => () => catalog.indexArticle(article)));
    const [bucket] = await partitionItems('SIMBUCKET#0:7777');

    // Assess
    expect(
      Object.keys(bucket ?? {})
        .filter((name) => name.startsWith('@'))
        .sort(),
    ).toEqual(['@together-0', '@together-1']);
  });

  it('drops bucket entries a window older than the newest, then all but the newest 50', async () => {
    // Prepare: in one bucket (band 0 = 6666), two articles a month older than 51 others, entered oldest first
    const catalog = new DynamoDbArticleCatalog(table);
    const day = (n: number) =>
      new Date(Date.parse('2026-09-01T00:00:00.000Z') + n * 86_400_000).toISOString();
    const crowd = Array.from({ length: MAX_BUCKET_ENTRIES + 3 }, (_, n) =>
      anArticle({
        id: `crowd-${String(n).padStart(2, '0')}`,
        simhash: `6666${n.toString(16).padStart(12, '0')}`,
        fetchedAt: day(n < 2 ? n : 30 + n / 100),
      }),
    );

    // Act
    for (const article of crowd) await catalog.indexArticle(article);
    const [bucket] = await partitionItems('SIMBUCKET#0:6666');
    const held = Object.keys(bucket ?? {}).filter((name) => name.startsWith('@'));

    // Assess: the two from a month before are gone, then the oldest of the 51, so that 50 stay
    expect(held).toHaveLength(MAX_BUCKET_ENTRIES);
    expect(held).not.toContain('@crowd-00');
    expect(held).not.toContain('@crowd-01');
    expect(held).not.toContain('@crowd-02');
    expect(held).toContain(`@crowd-${MAX_BUCKET_ENTRIES + 2}`);
  });

  it("prunes a new article's buckets on clustering's read of them and skips its partition's query; re-indexing reads both", async () => {
    // Prepare: a month-old entry in the bucket of band 0 (9d9d); the new article beside its SeenEntry
    const catalog = new DynamoDbArticleCatalog(table, { bandItemsBefore: () => null });
    const monthOld = anArticle({
      id: 'month-old',
      simhash: '9d9d000000000000',
      fetchedAt: '2026-10-26T09:05:00.000Z',
    });
    await catalog.indexArticle(monthOld);
    const article = anArticle({ id: 'fresh', simhash: '9d9dffffffffffff', clusterId: 'fresh' });
    await new DynamoDbSeenEntryStore(table).markEntriesSeen(
      [{ articleId: 'fresh', entryHash: 'h1' }],
      article.fetchedAt,
    );

    // Act
    const created = await commandsSentBy(async () => {
      const lookup = await catalog.findCluster('9d9dffffffffffff', '2026-11-19T09:05:00.000Z');
      await catalog.saveArticle(article, null, lookup);
    });
    const [bucket] = await partitionItems('SIMBUCKET#0:9d9d');
    const partition = await partitionItems('ARTICLE#fresh');
    const reindexed = await commandsSentBy(() => catalog.indexArticle(article));

    // Assess
    expect(named(created, 'BatchGetItemCommand')).toHaveLength(1);
    expect(named(created, 'QueryCommand')).toEqual([]);
    expect(Object.keys(bucket ?? {}).filter((name) => name.startsWith('@'))).toEqual(['@fresh']);
    expect(partition.map((item) => item.sk).sort()).toEqual(
      ['ARTICLE', 'SEEN', ...labelsOf(article).map((label) => `LABEL#${labelPartition(label)}`)].sort(),
    );
    expect(named(reindexed, 'BatchGetItemCommand')).toHaveLength(1);
    expect(named(reindexed, 'QueryCommand')).toEqual([{ name: 'QueryCommand', partition: 'ARTICLE#fresh' }]);
  });

  it('reads the buckets again when the lookup it is given was for another fingerprint', async () => {
    // Prepare: a month-old entry in the bucket of band 0 (9e9e), and a lookup of an unrelated text
    const catalog = new DynamoDbArticleCatalog(table, { bandItemsBefore: () => null });
    await catalog.indexArticle(
      anArticle({ id: 'month-old-2', simhash: '9e9e000000000000', fetchedAt: '2026-10-26T09:05:00.000Z' }),
    );
    const otherText = await catalog.findCluster('0101010101010101', '2026-11-19T09:05:00.000Z');
    const article = anArticle({ id: 'fresh-2', simhash: '9e9effffffffffff', clusterId: 'fresh-2' });

    // Act
    const sent = await commandsSentBy(() => catalog.saveArticle(article, null, otherText));
    const [bucket] = await partitionItems('SIMBUCKET#0:9e9e');

    // Assess
    expect(named(sent, 'BatchGetItemCommand')).toHaveLength(1);
    expect(Object.keys(bucket ?? {}).filter((name) => name.startsWith('@'))).toEqual(['@fresh-2']);
  });

  it('ignores bucket entries fetched before the window clustering asks for', async () => {
    // Prepare
    const catalog = new DynamoDbArticleCatalog(table);
    await catalog.saveArticle(
      anArticle({
        id: 'old-news',
        simhash: '4242424242424242',
        clusterId: 'old-news',
        fetchedAt: '2026-11-10T00:00:00.000Z',
      }),
      null,
    );

    // Act
    const inWindow = (await catalog.findCluster('4242424242424243', '2026-11-09T00:00:00.000Z')).clusterId;
    const afterIt = (await catalog.findCluster('4242424242424243', '2026-11-11T00:00:00.000Z')).clusterId;

    // Assess
    expect(inWindow).toBe('old-news');
    expect(afterIt).toBeNull();
  });

  it('finds a near-duplicate seven bits away, with at most one differing bit in a single band', async () => {
    // Prepare: bands 0-2 differ in two bits each, band 3 in one
    const catalog = new DynamoDbArticleCatalog(table);
    await catalog.saveArticle(
      anArticle({ id: 'seven-bits', simhash: '13579bdf2468ace0', clusterId: 'story-7' }),
      null,
    );

    // Act
    const found = (await catalog.findCluster('93561bdea469ace1', '2026-11-01T00:00:00.000Z')).clusterId;

    // Assess
    expect(found).toBe('story-7');
  });

  it('still clusters against band items of schemas 1.2 to 1.4, and deletes them when the text changes', async () => {
    // Prepare: a 16-bit band item of 1.3/1.4 for one article, 8-bit ones of 1.2 for another
    const catalog = new DynamoDbArticleCatalog(table);
    const of14 = anArticle({ id: 'bands-1-4', simhash: '2d2d2d2d2d2d2d2d', clusterId: 'story-14' });
    const of12 = anArticle({ id: 'bands-1-2', simhash: '3c3c3c3c3c3c3c3c', clusterId: 'story-12' });
    for (const band of fingerprintBands(of14.simhash as string))
      await putBandItem(band, of14.fetchedAt, of14.id, of14.simhash as string, of14.clusterId);
    for (const band of legacyFingerprintBands(of12.simhash as string))
      await putBandItem(band, of12.fetchedAt, of12.id, of12.simhash as string, of12.clusterId);

    // Act
    const found = [
      (await catalog.findCluster('2d2d2d2d2d2d2d2c', '2026-11-01T00:00:00.000Z')).clusterId,
      (await catalog.findCluster('3c3c3c3c3c3c3c3d', '2026-11-01T00:00:00.000Z')).clusterId,
    ];
    for (const article of [of14, of12]) {
      await catalog.saveArticle(article, null);
      await catalog.saveArticle({ ...article, simhash: 'e1e1e1e1e1e1e1e1', revision: 2 }, article);
    }
    const left = (
      await Promise.all(
        [...fingerprintBands(of14.simhash as string), ...legacyFingerprintBands(of12.simhash as string)].map(
          (band) => partitionItems(`SIMBAND#${band}`),
        ),
      )
    ).flat();

    // Assess
    expect(found).toEqual(['story-14', 'story-12']);
    expect(left.filter((item) => item.id === 'bands-1-4' || item.id === 'bands-1-2')).toEqual([]);
  });

  it('queries for band items of schemas 1.1 to 1.4 only while the window can hold them', async () => {
    // Prepare: one 1.2 band item, written before 1.5 was deployed on 2026-11-20
    const simhash = '5a5a5a5a5a5a5a5a';
    const [band] = legacyFingerprintBands(simhash);
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          pk: `SIMBAND#${band}`,
          sk: '2026-11-15T08:00:00.000Z#bands-window',
          type: 'SimHashBand',
          schemaVersion: 1,
          schemaMinorVersion: 2,
          id: 'bands-window',
          simhash,
          clusterId: 'story-window',
        },
      }),
    );
    const deployed = () => '2026-11-20T00:00:00.000Z';
    const catalogs = {
      unknown: new DynamoDbArticleCatalog(table),
      deployed: new DynamoDbArticleCatalog(table, { bandItemsBefore: deployed }),
      never: new DynamoDbArticleCatalog(table, { bandItemsBefore: () => null }),
    };
    const near = '5a5a5a5a5a5a5a5b';

    // Act
    const found = {
      unknown: (await catalogs.unknown.findCluster(near, '2026-11-14T00:00:00.000Z')).clusterId,
      windowBeforeDeployment: (await catalogs.deployed.findCluster(near, '2026-11-14T00:00:00.000Z'))
        .clusterId,
      windowAfterDeployment: (await catalogs.deployed.findCluster(near, '2026-11-20T00:00:00.000Z'))
        .clusterId,
      never: (await catalogs.never.findCluster(near, '2026-11-14T00:00:00.000Z')).clusterId,
    };

    // Assess
    expect(found).toEqual({
      unknown: 'story-window',
      windowBeforeDeployment: 'story-window',
      windowAfterDeployment: null,
      never: null,
    });
  });

  it('still clusters against band items of schema 1.1 on gsi1, and removes them when it re-indexes', async () => {
    // Prepare: a band item as schema 1.1 wrote it, in the article's partition and on gsi1
    const catalog = new DynamoDbArticleCatalog(table);
    const legacy = anArticle({ id: 'legacy-bands', simhash: 'c3c3c3c3c3c3c3c3', clusterId: 'story-old' });
    const [band] = legacyFingerprintBands('c3c3c3c3c3c3c3c3');
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          pk: 'ARTICLE#legacy-bands',
          sk: `SIMBAND#${band}`,
          gsi1pk: `SIMBAND#${band}`,
          gsi1sk: `${legacy.fetchedAt}#legacy-bands`,
          type: 'SimHashBand',
          schemaVersion: 1,
          id: 'legacy-bands',
          simhash: 'c3c3c3c3c3c3c3c3',
          clusterId: 'story-old',
        },
      }),
    );

    // Act
    const found = (await catalog.findCluster('c3c3c3c3c3c3c3c2', '2026-11-01T00:00:00.000Z')).clusterId;
    await catalog.indexArticle(legacy);

    // Assess
    expect(found).toBe('story-old');
    expect(
      (await partitionItems('ARTICLE#legacy-bands')).filter((item) => item.type === 'SimHashBand'),
    ).toEqual([]);
  });
});

describe('alert ledger on DynamoDB', () => {
  it('lets one delivery claim an alert, lets it be retried after release, and never after publishing', async () => {
    // Prepare
    const ledger = new DynamoDbAlertLedger(table);
    const alert = anAlert({ articleId: 'ledger-1' });
    const now = '2026-11-27T08:00:00.000Z';
    const lease = '2026-11-27T08:01:00.000Z';

    // Act
    const claims = await contending([
      () => ledger.claimAlert(alert, now, lease),
      () => ledger.claimAlert(alert, now, lease),
    ]);
    await ledger.releaseAlert('ledger-1', alert.ruleId);
    const retry = await ledger.claimAlert(alert, now, lease);
    await ledger.markPublished('ledger-1', alert.ruleId, 'message-1', now);
    const afterPublish = await ledger.claimAlert(
      alert,
      '2026-11-28T00:00:00.000Z',
      '2026-11-28T00:01:00.000Z',
    );

    // Assess
    expect(claims.filter((claim) => claim !== null)).toHaveLength(1);
    expect(retry).toMatchObject({ status: 'pending', attempts: 2 });
    expect(afterPublish).toBeNull();
    expect(await ledger.listAlertsForArticle('ledger-1')).toMatchObject([
      { ruleId: 'ct-dialogue', status: 'published', messageId: 'message-1' },
    ]);
    expect(await byLabel('ALERTS#ct-dialogue', 'articleId')).toEqual(['ledger-1']);
  });

  it('takes over a pending alert whose lease has expired', async () => {
    // Prepare
    const ledger = new DynamoDbAlertLedger(table);
    const alert = anAlert({ articleId: 'ledger-2' });
    await ledger.claimAlert(alert, '2026-11-27T08:00:00.000Z', '2026-11-27T08:01:00.000Z');

    // Act
    const early = await ledger.claimAlert(alert, '2026-11-27T08:00:30.000Z', '2026-11-27T08:01:30.000Z');
    const late = await ledger.claimAlert(alert, '2026-11-27T08:02:00.000Z', '2026-11-27T08:03:00.000Z');

    // Assess
    expect(early).toBeNull();
    expect(late).toMatchObject({ leaseUntil: '2026-11-27T08:03:00.000Z', attempts: 2 });
  });
});

describe('rules on DynamoDB', () => {
  it('stores, lists and removes rules', async () => {
    // Prepare
    const store = new DynamoDbRuleStore(table);
    const rule = {
      id: 'r1',
      name: 'Rule one',
      query: '"counterterrorism dialogue"',
      createdAt: '2026-11-27T08:00:00.000Z',
    };

    // Act
    await store.putRule(rule);
    const listed = await store.listRules();
    const removed = [await store.removeRule('r1'), await store.removeRule('r1')];

    // Assess
    expect(listed).toEqual([rule]);
    expect(removed).toEqual([true, false]);
    expect(await store.listRules()).toEqual([]);
  });

  it('counts every change to the rules, and nothing else, in their version', async () => {
    // Prepare
    const store = new DynamoDbRuleStore(table);
    const rule = { id: 'v1', name: 'Versioned', query: 'sanctions', createdAt: '2026-11-27T08:00:00.000Z' };
    const before = await store.version();

    // Act
    await store.putRule(rule);
    await store.putRule({ ...rule, query: 'tariffs' });
    const afterPuts = await store.version();
    await store.removeRule('v1');
    await store.removeRule('v1');
    const afterRemovals = await store.version();

    // Assess
    expect([afterPuts - before, afterRemovals - before]).toEqual([2, 3]);
    expect(await store.listRules()).toEqual([]);
  });
});
