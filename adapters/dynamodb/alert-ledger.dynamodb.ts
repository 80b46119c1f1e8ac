/**
 * AlertLedger on the table: one Alert item per (article, rule) in the article's partition, listed per
 * rule on gsi1. Claims are conditional writes (delivery-ledger.ts), so concurrent or repeated
 * deliveries cannot both win.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AlertRecord } from '../../shared/alerts/alert-record.ts';
import type { AlertHistory } from '../../shared/ports/alert-history.ts';
import type { AlertLedger } from '../../shared/ports/alert-ledger.ts';
import { claimDelivery, markDelivered, releaseDelivery } from './delivery-ledger.ts';
import { type TableClient, withoutKeys } from './table-client.ts';
import {
  ALERT_SK_PREFIX,
  alertKey,
  alertsForRulePartition,
  articleKey,
  SCHEMA_VERSION,
  timeSortBound,
  timeSortKey,
} from './table-keys.ts';

export class DynamoDbAlertLedger implements AlertLedger, AlertHistory {
  constructor(private readonly table: TableClient) {}

  async claimAlert(alert: AlertRecord, now: string, leaseUntil: string): Promise<AlertRecord | null> {
    const item = {
      ...alertKey(alert.articleId, alert.ruleId),
      gsi1pk: alertsForRulePartition(alert.ruleId),
      gsi1sk: timeSortKey(alert.matchedAt, alert.articleId),
      type: 'Alert',
      schemaVersion: SCHEMA_VERSION,
    };
    return claimDelivery(this.table, item, alert, now, leaseUntil);
  }

  async markPublished(articleId: string, ruleId: string, messageId: string, at: string): Promise<void> {
    await markDelivered(this.table, alertKey(articleId, ruleId), messageId, at);
  }

  async releaseAlert(articleId: string, ruleId: string): Promise<void> {
    await releaseDelivery(this.table, alertKey(articleId, ruleId));
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

  async listAlertsForRule(ruleId: string, since: string, until: string): Promise<AlertRecord[]> {
    const alerts: AlertRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.table.client.send(
        new QueryCommand({
          TableName: this.table.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :since AND :until',
          ExpressionAttributeValues: {
            ':pk': alertsForRulePartition(ruleId),
            ':since': since,
            ':until': timeSortBound(until),
          },
          ExclusiveStartKey: startKey,
        }),
      );
      alerts.push(...(page.Items ?? []).map((item) => withoutKeys<AlertRecord>(item)));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return alerts;
  }
}
