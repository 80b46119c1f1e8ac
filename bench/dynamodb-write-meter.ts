/**
 * Counts the DynamoDB write request units a client spends, as on-demand billing would: each item
 * written, replaced or deleted costs one unit per started KB of the larger of its old and new image,
 * and each global secondary index whose entry for the item is put, changed or removed costs the same
 * again on the projected entry (two writes when the index key changes: a delete and a put). A failed
 * condition still costs the write. Sizes follow AWS's item size rules ("Item sizes and formats",
 * DynamoDB Developer Guide): attribute names plus values, numbers at about one byte per two digits,
 * lists and maps at 3 bytes plus 1 per element.
 *
 * The meter is middleware on the client (after marshalling, so every command is seen as low-level
 * attribute values) and reads each written key before and after through a second, unmetered client.
 */

import { isDeepStrictEqual } from 'node:util';
import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TABLE } from '../infra/resource-definitions.ts';

type Item = Record<string, AttributeValue>;

/** Units per started kilobyte, at least one. */
export const writeUnitsFor = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

function numberBytes(text: string): number {
  const digits = text
    .replace(/^-/, '')
    .replace(/[eE].*$/, '')
    .replace('.', '')
    .replace(/^0+|0+$/g, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

/** Bytes of one attribute value as DynamoDB counts them. */
export function valueBytes(value: AttributeValue): number {
  if (value.S !== undefined) return utf8Bytes(value.S);
  if (value.N !== undefined) return numberBytes(value.N);
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((sum, each) => sum + utf8Bytes(each), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, each) => sum + numberBytes(each), 0);
  if (value.BS !== undefined) return value.BS.reduce((sum, each) => sum + each.byteLength, 0);
  if (value.L !== undefined) return 3 + value.L.reduce((sum, each) => sum + 1 + valueBytes(each), 0);
  if (value.M !== undefined) return 3 + itemBytes(value.M) + Object.keys(value.M).length;
  return 0;
}

/** Bytes of an item: each attribute's name plus its value. */
export function itemBytes(item: Item): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8Bytes(name) + valueBytes(value), 0);
}

export interface IndexProjection {
  indexName: string;
  partitionKey: string;
  sortKey: string;
  /** ALL, KEYS_ONLY, or the attributes an INCLUDE projection adds to the keys. */
  projection: 'ALL' | 'KEYS_ONLY' | readonly string[];
}

/** The table's own indexes, from the definitions the stack and the local runtime share. */
export const TABLE_INDEXES: readonly IndexProjection[] = TABLE.globalSecondaryIndexes.map((index) => ({
  indexName: index.indexName,
  partitionKey: index.partitionKey.name,
  sortKey: index.sortKey.name,
  projection: index.projection,
}));

/** The entry an item has in an index (null when it lacks the index keys: a sparse index skips it). */
export function indexEntry(item: Item | undefined, index: IndexProjection): Item | null {
  if (item?.[index.partitionKey] === undefined || item[index.sortKey] === undefined) return null;
  if (index.projection === 'ALL') return item;
  const kept = [TABLE.partitionKey.name, TABLE.sortKey.name, index.partitionKey, index.sortKey];
  if (index.projection !== 'KEYS_ONLY') kept.push(...index.projection);
  return Object.fromEntries(kept.flatMap((name) => (item[name] === undefined ? [] : [[name, item[name]]])));
}

export interface WriteTally {
  /** Write requests (one per item written, replaced or deleted, batched or not). */
  requests: number;
  tableUnits: number;
  indexUnits: number;
}

/** Write units by item type (`type` attribute, or `(untyped)`). */
export type WriteUnitsByType = Map<string, WriteTally>;

/** What one item write costs, on the table and on each index, from its images before and after. */
export function costOfWrite(
  before: Item | undefined,
  after: Item | undefined,
  attempted: Item | undefined,
  indexes: readonly IndexProjection[] = TABLE_INDEXES,
): { tableUnits: number; indexUnits: number } {
  // A put that failed its condition is charged on the item it tried to write: hence `attempted`.
  const largest = Math.max(itemBytes(before ?? {}), itemBytes(after ?? {}), itemBytes(attempted ?? {}));
  let indexUnits = 0;
  for (const index of indexes) {
    const old = indexEntry(before, index);
    const current = indexEntry(after, index);
    if (isDeepStrictEqual(old, current)) continue;
    const sameKey =
      old !== null &&
      current !== null &&
      isDeepStrictEqual(old[index.partitionKey], current[index.partitionKey]) &&
      isDeepStrictEqual(old[index.sortKey], current[index.sortKey]);
    if (sameKey) indexUnits += writeUnitsFor(Math.max(itemBytes(old), itemBytes(current)));
    else
      indexUnits +=
        (old === null ? 0 : writeUnitsFor(itemBytes(old))) +
        (current === null ? 0 : writeUnitsFor(itemBytes(current)));
  }
  return { tableUnits: writeUnitsFor(largest), indexUnits };
}

interface PlannedWrite {
  key: Item;
  attempted: Item | undefined;
}

const keyOf = (item: Item): Item => {
  const { [TABLE.partitionKey.name]: pk, [TABLE.sortKey.name]: sk } = item;
  return { [TABLE.partitionKey.name]: pk as AttributeValue, [TABLE.sortKey.name]: sk as AttributeValue };
};

function plannedWrites(commandName: string, input: Record<string, unknown>): PlannedWrite[] {
  switch (commandName) {
    case 'PutItemCommand':
      return [{ key: keyOf(input.Item as Item), attempted: input.Item as Item }];
    case 'UpdateItemCommand':
    case 'DeleteItemCommand':
      return [{ key: input.Key as Item, attempted: undefined }];
    case 'BatchWriteItemCommand':
      return Object.values(input.RequestItems as Record<string, WriteRequest[]>)
        .flat()
        .map((request) =>
          request.PutRequest !== undefined
            ? { key: keyOf(request.PutRequest.Item as Item), attempted: request.PutRequest.Item as Item }
            : { key: request.DeleteRequest?.Key as Item, attempted: undefined },
        );
    default:
      return [];
  }
}

/** The keys a batch write left unprocessed: they cost nothing until retried. */
function unprocessedKeys(output: Record<string, unknown> | undefined): Set<string> {
  const unprocessed = (output?.UnprocessedItems ?? {}) as Record<string, WriteRequest[]>;
  return new Set(
    Object.values(unprocessed)
      .flat()
      .map((request) =>
        JSON.stringify(
          request.PutRequest !== undefined
            ? keyOf(request.PutRequest.Item as Item)
            : request.DeleteRequest?.Key,
        ),
      ),
  );
}

/**
 * Meters every write `client` sends from now on into `tally`, reading images through `reader` (a
 * client on the same table without this meter). Returns a function that removes the meter.
 */
export function meterWrites(
  client: DynamoDBClient | DynamoDBDocumentClient,
  reader: DynamoDBClient,
  tableName: string,
  tally: WriteUnitsByType,
): () => void {
  const read = async (key: Item) =>
    (await reader.send(new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
  const name = `wirewatch-write-meter-${Math.random().toString(36).slice(2)}`;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      const writes = plannedWrites(String(context.commandName), input);
      if (writes.length === 0) return next(args);
      const before = await Promise.all(writes.map(({ key }) => read(key)));
      let output: Awaited<ReturnType<typeof next>> | undefined;
      let failure: unknown;
      try {
        output = await next(args);
      } catch (error) {
        // Only a failed condition is a write that was charged; anything else was not applied.
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
        failure = error;
      }
      const skipped = unprocessedKeys(output?.output as Record<string, unknown> | undefined);
      await Promise.all(
        writes.map(async ({ key, attempted }, index) => {
          if (skipped.has(JSON.stringify(key))) return;
          const old = before[index];
          const current = failure === undefined ? await read(key) : old;
          const { tableUnits, indexUnits } = costOfWrite(old, current, attempted);
          const type = (current ?? old ?? attempted)?.type?.S ?? '(untyped)';
          const entry = tally.get(type) ?? { requests: 0, tableUnits: 0, indexUnits: 0 };
          entry.requests += 1;
          entry.tableUnits += tableUnits;
          entry.indexUnits += indexUnits;
          tally.set(type, entry);
        }),
      );
      if (failure !== undefined) throw failure;
      return output as Awaited<ReturnType<typeof next>>;
    },
    { step: 'build', name },
  );
  return () => {
    client.middlewareStack.remove(name);
  };
}

/** The sum over item types. */
export function totalOf(tally: WriteUnitsByType): WriteTally {
  const total = { requests: 0, tableUnits: 0, indexUnits: 0 };
  for (const each of tally.values()) {
    total.requests += each.requests;
    total.tableUnits += each.tableUnits;
    total.indexUnits += each.indexUnits;
  }
  return total;
}
