/**
 * dispatch-feeds: run by the EventBridge schedule; enqueues every due feed on the feed-job queue once.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { DynamoDbFeedStateStore } from '../adapters/dynamodb/feed-state-store.dynamodb.ts';
import { SqsJobQueue } from '../adapters/sqs/job-queue.sqs.ts';
import { ENV } from '../infra/resource-definitions.ts';
import { DISPATCH_DEFAULTS, dispatchDueFeeds } from '../shared/pipeline/dispatch-due-feeds.ts';
import type { FeedJob } from '../shared/pipeline/jobs.ts';
import { systemClock } from '../shared/ports/clock.ts';
import { numberEnv, requiredEnv } from './commons/config.ts';
import { dynamodb } from './commons/dynamodb-client.ts';
import { logger, metrics } from './commons/observability.ts';
import { sqs } from './commons/sqs-client.ts';

const feeds = new DynamoDbFeedStateStore({ client: dynamodb, tableName: requiredEnv(ENV.tableName) });
const feedJobs = new SqsJobQueue<FeedJob>(sqs, requiredEnv(ENV.feedQueueUrl));
const maxFeedsPerRun = numberEnv(ENV.dispatchMaxFeedsPerRun, DISPATCH_DEFAULTS.maxFeedsPerRun);
const concurrentBatches = numberEnv(ENV.dispatchConcurrentBatches, DISPATCH_DEFAULTS.concurrentBatches);

export const handler = async (event: ScheduledEvent, context: Context) => {
  logger.addContext(context);
  if (event['detail-type'] !== 'Scheduled Event') {
    throw new TypeError(
      `dispatch-feeds expects an EventBridge Scheduled Event, got "${event['detail-type']}"`,
    );
  }
  const summary = await dispatchDueFeeds({
    feeds,
    feedJobs,
    clock: systemClock,
    leaseSeconds: 15 * 60,
    maxFeedsPerRun,
    concurrentBatches,
  });
  metrics.addMetric('FeedsDispatched', MetricUnit.Count, summary.dispatched);
  // Every run reports it, 0 or 1, so its alarm tells "never capped" from "no data".
  metrics.addMetric('DispatchCapReached', MetricUnit.Count, summary.capped ? 1 : 0);
  metrics.publishStoredMetrics();
  if (summary.capped) {
    logger.warn('More feeds are due than one run dispatches: raise the cap or the feeds fall behind', {
      ...summary,
      maxFeedsPerRun,
    });
  } else logger.info('Dispatched due feeds', { ...summary });
  return summary;
};
