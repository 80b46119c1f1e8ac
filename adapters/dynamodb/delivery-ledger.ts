/**
 * The conditional writes behind every exactly-once delivery (shared/pipeline/deliver-once.ts), for
 * any item with `status`, `leaseUntil`, `attempts`, `publishedAt` and `messageId`: Alert items and
 * DigestSent items. Claims are conditional, so concurrent or repeated deliveries cannot both win.
 */
import { randomUUID } from 'node:crypto';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure, type TableClient, withoutKeys } from './table-client.ts';

type Key = { pk: string; sk: string };

interface Deliverable {
  status: 'pending' | 'published';
  leaseUntil: string | null;
  attempts: number;
}

/**
 * Puts `item` (keys, index entries, type) with `record` claimed until `leaseUntil` unless the key
 * exists; else takes the stored record over if it is unpublished and nobody holds a live lease.
 * Returns the claimed record (the stored one when taken over), or null.
 *
 * Each claim carries its own token, so that a claim whose write succeeded but whose response was lost
 * recognises its own lease when the SDK retries the write, instead of reading it as somebody else's
 * and leaving the message unpublished until nobody retries it.
 */
export async function claimDelivery<T extends Deliverable>(
  table: TableClient,
  item: Key & Record<string, unknown>,
  record: T,
  now: string,
  leaseUntil: string,
): Promise<T | null> {
  const claimed: T = { ...record, status: 'pending', leaseUntil, attempts: 1 };
  const claimToken = randomUUID();
  try {
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...item, ...claimed, claimToken },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return claimed;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  try {
    const { Attributes } = await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: 'SET leaseUntil = :lease, attempts = attempts + :one, claimToken = :token',
        ConditionExpression:
          '#status = :pending AND (attribute_type(leaseUntil, :null) OR leaseUntil < :now OR claimToken = :token)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':lease': leaseUntil,
          ':one': 1,
          ':pending': 'pending',
          ':null': 'NULL',
          ':now': now,
          ':token': claimToken,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return withoutKeys<T>(Attributes ?? {});
  } catch (error) {
    if (isConditionFailure(error)) return null;
    throw error;
  }
}

export async function markDelivered(
  table: TableClient,
  key: Key,
  messageId: string,
  at: string,
): Promise<void> {
  await table.client.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: key,
      UpdateExpression:
        'SET #status = :published, publishedAt = :at, messageId = :messageId, leaseUntil = :none',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':published': 'published',
        ':at': at,
        ':messageId': messageId,
        ':none': null,
      },
    }),
  );
}

/** Drops the lease of a pending item after a failed publish; a published item is left as it is. */
export async function releaseDelivery(table: TableClient, key: Key): Promise<void> {
  try {
    await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: key,
        UpdateExpression: 'SET leaseUntil = :none',
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':none': null, ':pending': 'pending' },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
