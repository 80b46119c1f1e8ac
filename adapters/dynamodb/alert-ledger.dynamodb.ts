/**
 * AlertLedger on the table: one Alert item per (article, rule) in the article's partition, listed per
 * rule on gsi1. Claims are conditional writes (delivery-ledger.ts), so concurrent or repeated
 * deliveries cannot both win.
 */
import type { AlertRecord } from '../../shared/alerts/alert-record.ts';
import type { AlertHistory } from '../../shared/ports/alert-history.ts';
import type { AlertLedger } from '../../shared/ports/alert-ledger.ts';
import { claimDelivery, markDelivered, releaseDelivery } from './delivery-ledger.ts';
import { queryAll, type TableClient } from './table-client.ts';
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
    return queryAll<AlertRecord>(this.table, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :alerts)',
      ExpressionAttributeValues: { ':pk': articleKey(articleId).pk, ':alerts': ALERT_SK_PREFIX },
    });
  }

  async listAlertsForRule(ruleId: string, since: string, until: string): Promise<AlertRecord[]> {
    return queryAll<AlertRecord>(this.table, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :since AND :until',
      ExpressionAttributeValues: {
        ':pk': alertsForRulePartition(ruleId),
        ':since': since,
        ':until': timeSortBound(until),
      },
    });
  }
}
