import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbArticleCatalog } from '../../adapters/dynamodb/article-catalog.dynamodb.ts';
import { DynamoDbFeedStateStore } from '../../adapters/dynamodb/feed-state-store.dynamodb.ts';
import { batchWrite, type TableClient } from '../../adapters/dynamodb/table-client.ts';
import {
  costOfWrite,
  itemBytes,
  meterWrites,
  totalOf,
  type WriteUnitsByType,
  writeUnitsFor,
} from '../../bench/dynamodb-write-meter.ts';
import { labelsOf } from '../../shared/articles/article-record.ts';
import { newFeedState } from '../../shared/polling/feed-state.ts';
import { anArticle } from '../support/builders.ts';
import { startLocalTable } from '../support/local-table.ts';

let table: TableClient & { endpoint: string; close(): Promise<void> };
let reader: DynamoDBClient;
beforeAll(async () => {
  table = await startLocalTable();
  reader = new DynamoDBClient({
    endpoint: table.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});
afterAll(async () => {
  reader.destroy();
  await table.close();
});

/** Runs `act` with the meter on and gives what it counted. */
async function metered(act: () => Promise<unknown>): Promise<WriteUnitsByType> {
  const tally: WriteUnitsByType = new Map();
  const stop = meterWrites(table.client, reader, table.tableName, tally);
  try {
    await act().catch((error: Error) => {
      if (error.name !== 'ConditionalCheckFailedException') throw error;
    });
  } finally {
    stop();
  }
  return tally;
}

const indexed = (id: string, extra: Record<string, unknown> = {}) => ({
  pk: `THING#${id}`,
  sk: 'THING',
  gsi1pk: 'THINGS',
  gsi1sk: `2026-01-01#${id}`,
  type: 'Thing',
  ...extra,
});

describe('item sizes and write units', () => {
  it('counts attribute names and values as AWS documents them', () => {
    // Prepare: a 3-byte name with a 5-byte string; a number of 3 significant digits; a map and a list
    const item = {
      abc: { S: 'hello' },
      n: { N: '12300' },
      m: { M: { k: { BOOL: true } } },
      l: { L: [{ S: 'ab' }, { NULL: true }] },
    };

    // Act
    const bytes = itemBytes(item);

    // Assess: 3+5, 1+(2+1), 1+(3+1+1+1), 1+(3+1+2+1+1)
    expect(bytes).toBe(8 + 4 + 7 + 9);
  });

  it('rounds each write up to whole kilobytes, one unit at least', () => {
    expect([0, 1, 1024, 1025, 2048].map(writeUnitsFor)).toEqual([1, 1, 1, 2, 2]);
  });

  it('charges an index twice when an update moves the item to another index key', () => {
    // Prepare
    const before = { pk: { S: 'A' }, sk: { S: 'B' }, gsi1pk: { S: 'P' }, gsi1sk: { S: '1' } };
    const after = { ...before, gsi1sk: { S: '2' } };

    // Act
    const moved = costOfWrite(before, after, undefined);
    const unchanged = costOfWrite(before, before, undefined);

    // Assess: a delete and a put on the index; an identical rewrite touches the table only
    expect(moved).toEqual({ tableUnits: 1, indexUnits: 2 });
    expect(unchanged).toEqual({ tableUnits: 1, indexUnits: 0 });
  });
});

describe('the write meter on a live table', () => {
  it('charges a put on the table and again on the index, per started kilobyte', async () => {
    // Prepare
    const small = indexed('small');
    const large = indexed('large', { body: 'x'.repeat(1500) });

    // Act
    const tally = await metered(async () => {
      await table.client.send(new PutCommand({ TableName: table.tableName, Item: small }));
      await table.client.send(new PutCommand({ TableName: table.tableName, Item: large }));
    });

    // Assess
    expect(tally.get('Thing')).toEqual({ requests: 2, tableUnits: 1 + 2, indexUnits: 1 + 2 });
  });

  it('charges an item without index keys on the table only, and counts every item of a batch', async () => {
    // Prepare
    const items = Array.from({ length: 30 }, (_, index) => ({
      pk: `PLAIN#${index}`,
      sk: 'PLAIN',
      type: 'Plain',
    }));

    // Act
    const tally = await metered(() =>
      batchWrite(
        table,
        items.map((Item) => ({ PutRequest: { Item } })),
      ),
    );

    // Assess
    expect(tally.get('Plain')).toEqual({ requests: 30, tableUnits: 30, indexUnits: 0 });
  });

  it('charges updates, deletes and failed conditions as DynamoDB bills them', async () => {
    // Prepare
    const item = indexed('moving');
    await table.client.send(new PutCommand({ TableName: table.tableName, Item: item }));

    // Act
    const tally = await metered(async () => {
      await table.client.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: { pk: item.pk, sk: item.sk },
          UpdateExpression: 'SET gsi1sk = :later',
          ExpressionAttributeValues: { ':later': '2026-02-01#moving' },
        }),
      );
      await table.client.send(
        new DeleteCommand({ TableName: table.tableName, Key: { pk: item.pk, sk: item.sk } }),
      );
      await table.client.send(
        new PutCommand({
          TableName: table.tableName,
          Item: indexed('guarded'),
          ConditionExpression: 'attribute_exists(pk)',
        }),
      );
    });

    // Assess: update 1 + 2 (index delete and put), delete 1 + 1, failed put 1 + 0
    expect(totalOf(tally)).toEqual({ requests: 3, tableUnits: 3, indexUnits: 3 });
  });
});

describe('write units of a stored article', () => {
  it('pays two units per label (table and gsi1) and one per SimHash bucket entry (off gsi1, four bands: schema 1.5)', async () => {
    // Prepare
    const catalog = new DynamoDbArticleCatalog(table);
    const article = anArticle({ id: 'metered', simhash: '0123456789abcdef' });

    // Act
    const tally = await metered(() => catalog.saveArticle(article, null));

    // Assess
    const labels = labelsOf(article).length;
    expect(tally.get('ArticleLabel')).toEqual({ requests: labels, tableUnits: labels, indexUnits: labels });
    expect(tally.get('SimHashBucket')).toEqual({ requests: 4, tableUnits: 4, indexUnits: 0 });
    expect(tally.get('Article')?.indexUnits).toBe(0);
  });
});

describe('write units of a feed poll', () => {
  it('pays one unit for the lease, off gsi1, and moves the feed list entry once, when the poll saves', async () => {
    // Prepare: a due feed, leased by dispatch then saved by a poll that found nothing new (304)
    const store = new DynamoDbFeedStateStore(table);
    const feed = newFeedState(
      { url: 'https://news.example/metered.rss' },
      new Date('2026-11-27T08:00:00.000Z'),
    );
    await store.registerFeed(feed);
    const lease = { now: '2026-11-27T08:00:00.000Z', until: '2026-11-27T08:15:00.000Z' };

    // Act
    const tally = await metered(async () => {
      await store.leaseFeed(feed.feedId, feed.nextDueAt, lease);
      await store.saveFeedState({ ...feed, lastStatus: 304, nextDueAt: '2026-11-27T08:05:00.000Z' });
    });

    // Assess: lease 1 + 0; save 1 + 2 (the index entry's delete and put)
    expect(tally.get('FeedLease')).toEqual({ requests: 1, tableUnits: 1, indexUnits: 0 });
    expect(tally.get('FeedState')).toEqual({ requests: 1, tableUnits: 1, indexUnits: 2 });
  });
});
