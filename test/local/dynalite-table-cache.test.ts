/**
 * dynalite's table definitions are read once per store and dropped on every write to them: a request
 * after CreateTable, UpdateTable or DeleteTable sees the change, and the others skip the LevelDB read.
 */
import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { describe, expect, it } from 'vitest';
import {
  cacheDynaliteTables,
  cacheTableDefinitions,
  type TableDb,
} from '../../local/dynalite-table-cache.ts';

/** A table store whose reads answer later, when the test says, and are counted. */
function deferredTableDb(initial: Record<string, unknown>) {
  const stored = new Map(Object.entries(initial));
  const pending: (() => void)[] = [];
  const tableDb = {
    reads: 0,
    get(name: string, callback: (error: Error | null, value?: unknown) => void) {
      tableDb.reads += 1;
      const value = structuredClone(stored.get(name));
      pending.push(() => callback(null, value));
    },
    put(name: unknown, value: unknown) {
      stored.set(name as string, value);
    },
    del(name: unknown) {
      stored.delete(name as string);
    },
    batch() {},
  };
  const answer = () => {
    for (const reply of pending.splice(0)) reply();
  };
  return { tableDb, answer };
}

const read = (tableDb: TableDb, name: string) =>
  new Promise<unknown>((resolve, reject) =>
    tableDb.get(name, (error, value) => (error ? reject(error) : resolve(value))),
  );

describe('cacheTableDefinitions', () => {
  it('reads a definition once and hands out a copy each time', async () => {
    // Prepare
    const { tableDb, answer } = deferredTableDb({ t: { TableStatus: 'ACTIVE' } });
    cacheTableDefinitions(tableDb);
    const first = read(tableDb, 't');
    answer();

    // Act
    const [once, again] = [await first, await read(tableDb, 't')];

    // Assess
    expect(tableDb.reads).toBe(1);
    expect(again).toEqual(once);
    expect(again).not.toBe(once);
  });

  it('reads again after a write, and does not keep a read that a write overtook', async () => {
    // Prepare
    const { tableDb, answer } = deferredTableDb({ t: { TableStatus: 'CREATING' } });
    cacheTableDefinitions(tableDb);
    const overtaken = read(tableDb, 't');

    // Act
    tableDb.put('t', { TableStatus: 'ACTIVE' });
    answer();
    await overtaken;
    const after = read(tableDb, 't');
    answer();

    // Assess
    expect(await after).toEqual({ TableStatus: 'ACTIVE' });
    expect(tableDb.reads).toBe(2);
  });

  it('does not keep a read made while a write was still being applied', async () => {
    // Prepare: a write whose completion LevelDB reports later, as an asynchronous put does
    const { tableDb: deferred, answer } = deferredTableDb({ t: { TableStatus: 'CREATING' } });
    const tableDb: TableDb = deferred;
    let completeWrite = () => {};
    const applyLater = deferred.put;
    tableDb.put = (name: unknown, value: unknown, callback?: unknown) => {
      completeWrite = () => {
        applyLater(name, value);
        (callback as () => void)();
      };
    };
    cacheTableDefinitions(tableDb);
    tableDb.put('t', { TableStatus: 'ACTIVE' }, () => {});

    // Act
    const during = read(tableDb, 't');
    answer();
    const stale = await during;
    completeWrite();
    const after = read(tableDb, 't');
    answer();

    // Assess
    expect(stale).toEqual({ TableStatus: 'CREATING' });
    expect(await after).toEqual({ TableStatus: 'ACTIVE' });
    expect(deferred.reads).toBe(2);
  });
});

describe('dynalite with its table definitions cached', () => {
  it('sees a table deleted and created again', async () => {
    // Prepare
    cacheDynaliteTables();
    const server = dynalite({ createTableMs: 0, deleteTableMs: 0 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = new DynamoDBClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    });
    const table = (hashKey: string) =>
      new CreateTableCommand({
        TableName: 'articles',
        AttributeDefinitions: [{ AttributeName: hashKey, AttributeType: 'S' }],
        KeySchema: [{ AttributeName: hashKey, KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      });
    const describeKey = async () =>
      (await client.send(new DescribeTableCommand({ TableName: 'articles' }))).Table?.KeySchema?.[0]
        ?.AttributeName;
    try {
      await client.send(table('pk'));
      const before = await describeKey();

      // Act
      await client.send(new DeleteTableCommand({ TableName: 'articles' }));
      const deleted = client.send(new GetItemCommand({ TableName: 'articles', Key: { pk: { S: 'a' } } }));
      await expect(deleted).rejects.toBeInstanceOf(ResourceNotFoundException);
      await client.send(table('id'));

      // Assess
      expect(before).toBe('pk');
      expect(await describeKey()).toBe('id');
    } finally {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
