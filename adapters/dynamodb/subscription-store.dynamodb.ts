/**
 * SubscriptionStore on the table: one Subscription item per digest subscription, listed on gsi1 under
 * SUBSCRIPTIONS#digest by lower-cased address, so an address's subscriptions are one query.
 */
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DigestSubscription } from '../../shared/alerts/digest-subscription.ts';
import type { SubscriptionStore } from '../../shared/ports/subscription-store.ts';
import { appliedUnlessConditionFails, batchWrite, queryAll, type TableClient } from './table-client.ts';
import { DIGEST_SUBSCRIPTIONS_PARTITION, SCHEMA_VERSION, subscriptionKey } from './table-keys.ts';

const addressKey = (email: string) => email.trim().toLowerCase();

export class DynamoDbSubscriptionStore implements SubscriptionStore {
  constructor(private readonly table: TableClient) {}

  async putSubscription(subscription: DigestSubscription): Promise<void> {
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: {
          ...subscriptionKey(subscription.id),
          gsi1pk: DIGEST_SUBSCRIPTIONS_PARTITION,
          gsi1sk: addressKey(subscription.email),
          type: 'Subscription',
          schemaVersion: SCHEMA_VERSION,
          ...subscription,
        },
      }),
    );
  }

  async listDigestSubscriptions(): Promise<DigestSubscription[]> {
    return this.query();
  }

  async listSubscriptionsFor(email: string): Promise<DigestSubscription[]> {
    return this.query(addressKey(email));
  }

  async removeSubscription(id: string): Promise<boolean> {
    return appliedUnlessConditionFails(
      this.table.client.send(
        new DeleteCommand({
          TableName: this.table.tableName,
          Key: subscriptionKey(id),
          ConditionExpression: 'attribute_exists(pk)',
        }),
      ),
    );
  }

  async removeSubscriptionsFor(email: string): Promise<number> {
    const subscriptions = await this.query(addressKey(email));
    await batchWrite(
      this.table,
      subscriptions.map(({ id }) => ({ DeleteRequest: { Key: subscriptionKey(id) } })),
    );
    return subscriptions.length;
  }

  /** Every digest subscription, or one address's. */
  private async query(address?: string): Promise<DigestSubscription[]> {
    return queryAll<DigestSubscription>(this.table, {
      IndexName: 'gsi1',
      KeyConditionExpression: address === undefined ? 'gsi1pk = :pk' : 'gsi1pk = :pk AND gsi1sk = :address',
      ExpressionAttributeValues: {
        ':pk': DIGEST_SUBSCRIPTIONS_PARTITION,
        ...(address === undefined ? {} : { ':address': address }),
      },
    });
  }
}
