/**
 * send-digest: run by a daily EventBridge schedule; emails each digest recipient the previous UTC
 * day's matches, once. The event's `time` names the day, so a retried or replayed event sends the
 * same day's digests, and only those not sent yet.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, ScheduledEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { DynamoDbAlertLedger } from '../adapters/dynamodb/alert-ledger.dynamodb.ts';
import { DynamoDbArticleCatalog } from '../adapters/dynamodb/article-catalog.dynamodb.ts';
import { DynamoDbDigestLedger } from '../adapters/dynamodb/digest-ledger.dynamodb.ts';
import { DynamoDbRuleStore } from '../adapters/dynamodb/rule-store.dynamodb.ts';
import { DynamoDbSubscriptionStore } from '../adapters/dynamodb/subscription-store.dynamodb.ts';
import { SnsDigestPublisher } from '../adapters/sns/digest-publisher.sns.ts';
import { ENV } from '../infra/resource-definitions.ts';
import { previousUtcDay, sendDailyDigests } from '../shared/pipeline/send-daily-digests.ts';
import { systemClock } from '../shared/ports/clock.ts';
import { optionalEnv, requiredEnv } from './commons/config.ts';
import { dynamodb } from './commons/dynamodb-client.ts';
import { logger, metrics, publishAddedMetrics } from './commons/observability.ts';
import { sns } from './commons/sns-client.ts';

const ScheduledEventSchema = z.object({
  'detail-type': z.literal('Scheduled Event'),
  time: z.iso.datetime(),
});

const table = { client: dynamodb, tableName: requiredEnv(ENV.tableName) };
const deps = {
  subscriptions: new DynamoDbSubscriptionStore(table),
  rules: new DynamoDbRuleStore(table),
  alerts: new DynamoDbAlertLedger(table),
  catalog: new DynamoDbArticleCatalog(table),
  ledger: new DynamoDbDigestLedger(table),
  publisher: new SnsDigestPublisher(sns, requiredEnv(ENV.digestTopicArn)),
  clock: systemClock,
  leaseSeconds: 60,
  consoleUrl: optionalEnv(ENV.consoleUrl),
};

export const handler = async (event: ScheduledEvent, context: Context) => {
  logger.addContext(context);
  const parsed = ScheduledEventSchema.safeParse(event);
  if (!parsed.success) {
    throw new TypeError(
      `send-digest expects an EventBridge Scheduled Event with a time, got "${event['detail-type']}" at "${event.time}"`,
    );
  }
  const day = previousUtcDay(new Date(parsed.data.time));
  try {
    const summary = await sendDailyDigests(day, deps);
    metrics.addMetric('DigestsSent', MetricUnit.Count, summary.sent);
    logger.info('Sent daily digests', { ...summary });
    return summary;
  } catch (error) {
    logger.error('Some daily digests failed; a retry sends only those', { day, error });
    throw error;
  } finally {
    publishAddedMetrics();
  }
};
