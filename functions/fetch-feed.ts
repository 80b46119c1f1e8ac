/**
 * fetch-feed: consumes feed jobs; polls each feed (conditional GET, parse) and enqueues its new
 * articles. A feed's own failures are recorded on its state, not retried here.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { DynamoDbFeedStateStore } from '../adapters/dynamodb/feed-state-store.dynamodb.ts';
import { DynamoDbSeenEntryStore } from '../adapters/dynamodb/seen-entry-store.dynamodb.ts';
import { createNodeHttpClient } from '../adapters/http/node-http-client.ts';
import { SnsOpsNotifier } from '../adapters/sns/ops-notifier.sns.ts';
import { SqsJobQueue } from '../adapters/sqs/job-queue.sqs.ts';
import { ENV, QUEUES } from '../infra/resource-definitions.ts';
import { type ArticleJob, FeedJobSchema } from '../shared/pipeline/jobs.ts';
import { pollFeed } from '../shared/pipeline/poll-feed.ts';
import { DEFAULT_POLLING_POLICY } from '../shared/polling/feed-state.ts';
import { systemClock } from '../shared/ports/clock.ts';
import { httpConfig, numberEnv, requiredEnv } from './commons/config.ts';
import { dynamodb } from './commons/dynamodb-client.ts';
import { metrics } from './commons/observability.ts';
import { parseRecord, queueConsumer } from './commons/queue-consumer.ts';
import { sns } from './commons/sns-client.ts';
import { sqs } from './commons/sqs-client.ts';

const table = { client: dynamodb, tableName: requiredEnv(ENV.tableName) };
const deps = {
  feeds: new DynamoDbFeedStateStore(table),
  seen: new DynamoDbSeenEntryStore(table),
  articleJobs: new SqsJobQueue<ArticleJob>(sqs, requiredEnv(ENV.articleQueueUrl)),
  http: createNodeHttpClient(httpConfig()),
  clock: systemClock,
  policy: {
    ...DEFAULT_POLLING_POLICY,
    minIntervalSeconds: numberEnv(ENV.minPollSeconds, DEFAULT_POLLING_POLICY.minIntervalSeconds),
  },
  limits: { maxFeedBytes: 10 * 1024 * 1024, timeoutMs: 30_000, maxEntriesPerPoll: 200 },
  ...(process.env[ENV.opsTopicArn] ? { ops: new SnsOpsNotifier(sns, requiredEnv(ENV.opsTopicArn)) } : {}),
};

/**
 * Feeds of a batch polled at once. A feed at the 10 MB limit adds 50–60 MB while it is parsed: five
 * at once peaked at 269–307 MB of the function's 256, two at once at 168–186 MB (docs/cost.md).
 * Typical feeds (under 200 KB) leave far more room; the cap only costs a batch of five a second
 * and third round of waits on news sites.
 */
const RECORDS_AT_ONCE = 2;

export const handler = queueConsumer(
  async (record, recordLog) => {
    const job = parseRecord(FeedJobSchema, record);
    const log = recordLog.createChild({ persistentKeys: { feedId: job.feedId } });
    const outcome = await pollFeed(job, deps);
    metrics.addMetric(`Feed_${outcome.status}`, MetricUnit.Count, 1);
    if (outcome.status === 'fetched') {
      metrics.addMetric('ArticlesEnqueued', MetricUnit.Count, outcome.newArticles);
      log.info('Feed polled', { ...outcome });
    } else if (outcome.status === 'failed') {
      if (outcome.brokenNow) metrics.addMetric('FeedsBroken', MetricUnit.Count, 1);
      log.warn('Feed poll failed', { ...outcome });
    } else {
      log.info('Feed polled', { ...outcome });
    }
  },
  { maxReceiveCount: QUEUES.feedJobs.maxReceiveCount, recordsAtOnce: RECORDS_AT_ONCE },
);
