/** FeedStateStore on the table: FeedState items, listed by status and next-due time on gsi1, and their leases. */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { FeedState } from '../../shared/polling/feed-state.ts';
import type { FeedStateStore } from '../../shared/ports/feed-state-store.ts';
import { appliedUnlessConditionFails, queryAll, type TableClient, withoutKeys } from './table-client.ts';
import {
  FEED_STATE_SCHEMA_MINOR_VERSION,
  feedKey,
  feedLeaseKey,
  feedStatusPartition,
  SCHEMA_VERSION,
  timeSortBound,
  timeSortKey,
} from './table-keys.ts';

/** A lease item outlives its lease by a day (TTL), long after any poll it guarded has saved. */
const LEASE_RETENTION_SECONDS = 86_400;

function toItem(state: FeedState) {
  return {
    ...feedKey(state.feedId),
    gsi1pk: feedStatusPartition(state.status),
    gsi1sk: timeSortKey(state.nextDueAt, state.feedId),
    type: 'FeedState',
    schemaVersion: SCHEMA_VERSION,
    schemaMinorVersion: FEED_STATE_SCHEMA_MINOR_VERSION,
    ...state,
  };
}

export class DynamoDbFeedStateStore implements FeedStateStore {
  constructor(private readonly table: TableClient) {}

  async registerFeed(feed: FeedState): Promise<boolean> {
    return appliedUnlessConditionFails(
      this.table.client.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: toItem(feed),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async getFeed(feedId: string): Promise<FeedState | null> {
    const { Item } = await this.table.client.send(
      new GetCommand({ TableName: this.table.tableName, Key: feedKey(feedId), ConsistentRead: true }),
    );
    return Item === undefined ? null : withoutKeys<FeedState>(Item);
  }

  async listDueFeeds(now: string, limit: number): Promise<FeedState[]> {
    const lists = await Promise.all(
      (['active', 'broken'] as const).map((status) => this.dueWithStatus(status, now, limit)),
    );
    return lists
      .flat()
      .sort((a, b) => a.nextDueAt.localeCompare(b.nextDueAt))
      .slice(0, limit);
  }

  private async dueWithStatus(status: 'active' | 'broken', now: string, limit: number): Promise<FeedState[]> {
    return queryAll<FeedState>(
      this.table,
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :status AND gsi1sk < :bound',
        ExpressionAttributeValues: { ':status': feedStatusPartition(status), ':bound': timeSortBound(now) },
        Limit: limit,
      },
      limit,
    );
  }

  /**
   * One conditional PutItem of the feed's lease item (`sk = LEASE`, off gsi1): one write unit. The
   * FeedState and its gsi1 entry are not touched, so a poll moves the entry once, when it saves.
   */
  async leaseFeed(feedId: string, dueAt: string, lease: { now: string; until: string }): Promise<boolean> {
    return appliedUnlessConditionFails(
      this.table.client.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: {
            ...feedLeaseKey(feedId),
            type: 'FeedLease',
            schemaVersion: SCHEMA_VERSION,
            feedId,
            dueAt,
            leaseUntil: lease.until,
            expiresAt: Math.floor(Date.parse(lease.until) / 1000) + LEASE_RETENTION_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR dueAt < :dueAt OR leaseUntil <= :now',
          ExpressionAttributeValues: { ':dueAt': dueAt, ':now': lease.now },
        }),
      ),
    );
  }

  async saveFeedState(state: FeedState): Promise<void> {
    await this.table.client.send(new PutCommand({ TableName: this.table.tableName, Item: toItem(state) }));
  }

  /** Stops polling a feed (`wirewatch feeds remove`); its articles stay. True when it existed. */
  async removeFeed(feedId: string): Promise<boolean> {
    return appliedUnlessConditionFails(
      this.table.client.send(
        new DeleteCommand({
          TableName: this.table.tableName,
          Key: feedKey(feedId),
          ConditionExpression: 'attribute_exists(pk)',
        }),
      ),
    );
  }
}
