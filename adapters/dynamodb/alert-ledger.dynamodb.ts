/**
 * AlertLedger on the table: one Alert item per (article, rule) in the article's partition, listed per
 * rule on gsi1. Claims are conditional writes, so concurrent or repeated deliveries cannot both win.
 */
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AlertRecord } from '../../shared/alerts/alert-record.ts';
import type { AlertLedger } from '../../shared/ports/alert-ledger.ts';
import { isConditionFailure, type TableClient, withoutKeys } from './table-client.ts';
import {
  ALERT_SK_PREFIX,
  alertKey,
  alertsForRulePartition,
  articleKey,
  SCHEMA_VERSION,
  timeSortKey,
} from './table-keys.ts';

export class DynamoDbAlertLedger implements AlertLedger {
  constructor(private readonly table: TableClient) {}

  async claimAlert(alert: AlertRecord, now: string, leaseUntil: string): Promise<AlertRecord | null> {
    const claimed: AlertRecord = { ...alert, status: 'pending', leaseUntil, attempts: 1 };
    try {
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: {
            ...alertKey(alert.articleId, alert.ruleId),
            gsi1pk: alertsForRulePartition(alert.ruleId),
            gsi1sk: timeSortKey(alert.matchedAt, alert.articleId),
            type: 'Alert',
            schemaVersion: SCHEMA_VERSION,
            ...claimed,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return claimed;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    // It exists: take it over only if it is unpublished and nobody holds a live lease on it.
    try {
      const { Attributes } = await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: alertKey(alert.articleId, alert.ruleId),
          UpdateExpression: 'SET leaseUntil = :lease, attempts = attempts + :one',
          ConditionExpression:
            '#status = :pending AND (attribute_type(leaseUntil, :null) OR leaseUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':lease': leaseUntil,
            ':one': 1,
            ':pending': 'pending',
            ':null': 'NULL',
            ':now': now,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return withoutKeys<AlertRecord>(Attributes ?? {});
    } catch (error) {
      if (isConditionFailure(error)) return null;
      throw error;
    }
  }

  async markPublished(articleId: string, ruleId: string, messageId: string, at: string): Promise<void> {
    await this.table.client.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: alertKey(articleId, ruleId),
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

  async releaseAlert(articleId: string, ruleId: string): Promise<void> {
    try {
      await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: alertKey(articleId, ruleId),
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

  async listAlertsForArticle(articleId: string): Promise<AlertRecord[]> {
    const { Items = [] } = await this.table.client.send(
      new QueryCommand({
        TableName: this.table.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :alerts)',
        ExpressionAttributeValues: { ':pk': articleKey(articleId).pk, ':alerts': ALERT_SK_PREFIX },
      }),
    );
    return Items.map((item) => withoutKeys<AlertRecord>(item));
  }
}
