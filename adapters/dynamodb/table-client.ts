/**
 * What every DynamoDB adapter shares: the document client and table name, batch helpers that retry
 * unprocessed items, and a check for failed conditions.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  paginateQuery,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';

export interface TableClient {
  client: DynamoDBDocumentClient;
  tableName: string;
}

type Key = Record<string, string>;
type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Key } };

const MAX_ATTEMPTS = 8;
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** BatchGetItem in chunks of 100, retrying unprocessed keys with backoff. */
export async function batchGet(table: TableClient, keys: readonly Key[]): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (const chunk of chunks(keys, 100)) {
    let pending: Key[] = chunk;
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt === MAX_ATTEMPTS) throw new Error(`BatchGetItem left ${pending.length} keys unprocessed`);
      if (attempt > 0) await backoff(attempt);
      const result = await table.client.send(
        new BatchGetCommand({ RequestItems: { [table.tableName]: { Keys: pending } } }),
      );
      found.push(...(result.Responses?.[table.tableName] ?? []));
      pending = (result.UnprocessedKeys?.[table.tableName]?.Keys as Key[] | undefined) ?? [];
    }
  }
  return found;
}

/** BatchWriteItem in chunks of 25, retrying unprocessed items with backoff. */
export async function batchWrite(table: TableClient, requests: readonly WriteRequest[]): Promise<void> {
  for (const chunk of chunks(requests, 25)) {
    let pending: WriteRequest[] = chunk;
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt === MAX_ATTEMPTS)
        throw new Error(`BatchWriteItem left ${pending.length} writes unprocessed`);
      if (attempt > 0) await backoff(attempt);
      const result = await table.client.send(
        new BatchWriteCommand({ RequestItems: { [table.tableName]: pending } }),
      );
      pending = (result.UnprocessedItems?.[table.tableName] as WriteRequest[] | undefined) ?? [];
    }
  }
}

export function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error instanceof Error && error.name === 'ConditionalCheckFailedException')
  );
}

/** Every item a query returns, page after page (up to `max`), with the storage-only attributes dropped. */
export async function queryAll<T>(
  table: TableClient,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
  max = Number.POSITIVE_INFINITY,
): Promise<T[]> {
  const items: T[] = [];
  for await (const page of paginateQuery(
    { client: table.client },
    { TableName: table.tableName, ...input },
  )) {
    for (const item of page.Items ?? []) {
      items.push(withoutKeys<T>(item));
      if (items.length >= max) return items;
    }
  }
  return items;
}

/** Runs a conditional write: true when it was applied, false when its condition did not hold. */
export async function appliedUnlessConditionFails(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Drops the storage-only attributes (keys, type, version, a delivery's claim token) from an item. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const {
    pk: _pk,
    sk: _sk,
    gsi1pk: _g,
    gsi1sk: _s,
    type: _t,
    schemaVersion: _v,
    schemaMinorVersion: _m,
    expiresAt: _e,
    claimToken: _c,
    ...rest
  } = item;
  return rest as T;
}
