/**
 * What a month of wirewatch costs on AWS, service by service, from figures measured on the local run
 * (write units per article and per poll, CPU time per record, log bytes, alerts and emails per
 * article), the stack's settings (memory, batch sizes, schedules) and on-demand prices for us-east-1;
 * and apart from it what a stage costs whatever its volume (alarms, dashboards, custom metrics, keys).
 * Pure arithmetic, so that each line can be checked by hand; docs/cost.md explains every assumption.
 */
import { DISPATCH_SCHEDULE_MINUTES, QUEUES } from '../infra/resource-definitions.ts';
import { DEFAULT_STAGE_CONFIG } from '../infra/stage-config.ts';
import { candidateBandKeys } from '../shared/dedup/near-duplicate.ts';
import { DEFAULT_POLLING_POLICY, type PollingPolicy } from '../shared/polling/feed-state.ts';
import {
  DEFAULT_FEED_ACTIVITY,
  type FeedActivity,
  type PollCounts,
  simulatePolling,
} from './poll-schedule.ts';

/** One on-demand price, with where it was read and when. */
export interface Price {
  readonly usd: number;
  readonly per: string;
  readonly source: string;
}

/** us-east-1 on-demand prices (USD). Free tiers are ignored: the model is for a production account. */
export const PRICES = {
  dynamodbWriteUnit: {
    usd: 0.625 / 1e6,
    per: 'write request unit',
    source:
      'aws.amazon.com/dynamodb/pricing/on-demand (since 2024-11-01), as quoted by airbyte.com, 2025-07-21',
  },
  dynamodbReadUnit: {
    usd: 0.125 / 1e6,
    per: 'read request unit',
    source:
      'aws.amazon.com/dynamodb/pricing/on-demand (since 2024-11-01), as quoted by airbyte.com, 2025-07-21',
  },
  dynamodbStorageGbMonth: {
    usd: 0.25,
    per: 'GB-month (Standard table class)',
    source: 'aws.amazon.com/dynamodb/pricing/on-demand; not found in the search corpus, figure as of 2025',
  },
  lambdaGbSecondArm: {
    usd: 0.0000133334,
    per: 'GB-second on Arm (first 7.5 billion a month)',
    source: 'aws.amazon.com/lambda/pricing, as quoted by cloudchipr.com (2024) and a 2026-05-11 guide',
  },
  lambdaRequest: {
    usd: 0.2 / 1e6,
    per: 'invocation',
    source: 'aws.amazon.com/lambda/pricing, as quoted by cloudchipr.com (2024)',
  },
  s3Put: {
    usd: 0.005 / 1000,
    per: 'PUT request (S3 Standard)',
    source: 'aws.amazon.com/s3/pricing, as quoted by c3x.dev "S3 request fees explained"',
  },
  s3Get: {
    usd: 0.0004 / 1000,
    per: 'GET request (S3 Standard)',
    source: 'aws.amazon.com/s3/pricing, as quoted by c3x.dev "S3 request fees explained"',
  },
  s3StorageGbMonth: {
    usd: 0.023,
    per: 'GB-month (S3 Standard, first 50 TB)',
    source: 'aws.amazon.com/s3/pricing; not found in the search corpus, figure as of 2025',
  },
  sqsRequest: {
    usd: 0.4 / 1e6,
    per: 'request (standard queue, per 64 KB chunk)',
    source: 'aws.amazon.com/sqs/pricing; not found in the search corpus, figure as of 2025',
  },
  snsPublish: {
    usd: 0.5 / 1e6,
    per: 'publish (64 KB chunk)',
    source: 'aws.amazon.com/sns/pricing; not found in the search corpus, figure as of 2025',
  },
  snsEmail: {
    usd: 2 / 100_000,
    per: 'email notification',
    source: 'aws.amazon.com/sns/pricing; not found in the search corpus, figure as of 2025',
  },
  logsIngestedGb: {
    usd: 0.5,
    per: 'GB of CloudWatch Logs ingested (standard class)',
    source:
      'aws.amazon.com/cloudwatch/pricing, as quoted by c3x.dev "CloudWatch Logs cost optimization" (us-east-1, June 2026)',
  },
  cloudwatchAlarmMetric: {
    usd: 0.1,
    per: 'standard-resolution alarm metric-month',
    source:
      'aws.amazon.com/cloudwatch/pricing, as quoted by c3x.dev "aws_cloudwatch_metric_alarm cost estimation"',
  },
  cloudwatchDashboard: {
    usd: 3,
    per: 'dashboard-month',
    source:
      'aws.amazon.com/cloudwatch/pricing, as quoted by c3x.dev "CloudWatch custom metrics cost: cardinality is the whole bill"',
  },
  cloudwatchCustomMetric: {
    usd: 0.3,
    per: 'custom metric-month (first 10,000): each name and dimension set in a namespace',
    source:
      'aws.amazon.com/cloudwatch/pricing, as quoted by c3x.dev "CloudWatch custom metrics cost: cardinality is the whole bill"',
  },
  kmsCustomerManagedKey: {
    usd: 1,
    per: 'customer-managed KMS key-month',
    source:
      'aws.amazon.com/kms/pricing (in the search corpus): "Each AWS KMS key that you create in KMS costs $1/month"',
  },
  xrayTrace: {
    usd: 5 / 1e6,
    per: 'trace recorded',
    source: 'aws.amazon.com/xray/pricing; not found in the search corpus, figure as of 2025',
  },
} as const satisfies Record<string, Price>;

/**
 * Bytes a function's invocations write to CloudWatch Logs, measured (bench/log-byte-meter.ts):
 * Powertools' JSON lines per record handled, and the EMF metric blob per invocation (one per batch).
 */
export interface LogBytes {
  lineBytesPerRecord: number;
  emfBytesPerInvocation: number;
}

/** What the local run measured (bench/write-amplification.ts). */
export interface MeasuredFigures {
  writeUnitsPerArticle: number;
  /** A poll that found new articles, and one that found none (304), in write units and CPU ms. */
  writeUnitsPerNewsPoll: number;
  writeUnitsPerUnchangedPoll: number;
  cpuMsPerNewsPoll: number;
  cpuMsPerUnchangedPoll: number;
  /** New articles a poll that finds any brings, on average. */
  articlesPerNewsPoll: number;
  cpuMsPerArticleFetch: number;
  cpuMsPerClassification: number;
  /**
   * AWS round trips each waits for one after another (bench/round-trip-meter.ts), per invocation;
   * priced per record, as if each batch carried one.
   */
  awsRoundTrips: { newsPoll: number; unchangedPoll: number; articleFetch: number; classification: number };
  alertsPerArticle: number;
  emailsPerArticle: number;
  /** What each kind of record and a dispatch run write to CloudWatch Logs, logging as deployed. */
  logBytes: {
    newsPoll: LogBytes;
    unchangedPoll: LogBytes;
    articleFetch: LogBytes;
    classification: LogBytes;
    dispatchRun: LogBytes;
  };
}

export interface Workload {
  articlesPerDay: number;
  feeds: number;
  pollMinutes: number;
  days: number;
}

/** Settings of the deployed stack and what the model assumes about AWS beyond this machine. */
export interface DeploymentAssumptions {
  memoryMiB: { fetchFeed: number; fetchArticle: number; classifyArticle: number; dispatchFeeds: number };
  /** Waiting on a news site per feed poll and per page fetch (no local measure: loopback is instant). */
  networkWaitMs: { feedPoll: number; pageFetch: number };
  /** One round trip to DynamoDB, S3, SQS or SNS from Lambda in the same region. */
  awsRoundTripMs: number;
  /** Lambda gives one full vCPU at this memory, proportionally less below it. */
  fullVcpuMiB: number;
  dispatchMsPerRun: number;
  /** Read units an article's classification and a poll spend (lookups and listings, below 4 KB). */
  readUnitsPerArticle: number;
  readUnitsPerPoll: number;
  /** Stored per article: table items with their index copies, and S3 objects (raw page and JSON). */
  tableBytesPerArticle: number;
  s3BytesPerArticle: number;
  /**
   * Whether X-Ray traces the functions (the stage's `tracing`): a trace per invocation, and the
   * REPORT line's X-Ray part (lambdaPlatformLines).
   */
  tracing: boolean;
  /** Lambda's SQS pollers long-poll each queue even when it is empty (20 s waits). */
  idleReceivesPerQueuePerMinute: number;
  /** The policy fetch-feed runs, which decides how often each feed is polled (bench/poll-schedule.ts). */
  pollingPolicy: PollingPolicy;
  /** How the articles are spread over the feeds (bench/poll-schedule.ts). */
  feedActivity: FeedActivity;
}

/**
 * An eventually consistent read of an item under 4 KB costs half a read unit, and one that finds no
 * item is billed the same: clustering reads 68 SimHash buckets (candidateBandKeys, one BatchGetItem,
 * schema 1.5), each a few entries at this volume. Indexing a new article decides which entries of
 * its own 4 buckets to drop on that same read (they are among the 68), so it reads none again.
 */
const CLUSTER_LOOKUP_READ_UNITS = candidateBandKeys('0000000000000000').length * 0.5;
/**
 * The article's own reads: its GetItem (strongly consistent), alert claims. A new article's
 * partition is not queried for stale labels (half a unit: it held only the SeenEntry).
 */
const OTHER_READ_UNITS_PER_ARTICLE = 3.5;

const REQUEST_ID = '8f507cfc-3b2e-4697-b07a-ac58fc914c95';
/**
 * The X-Ray part of the REPORT line, written only while the function is traced (the stage's
 * `tracing`), as docs.baselime.io "Discovered keys" quotes a REPORT line of a traced function.
 */
const REPORT_XRAY_PART =
  'XRAY TraceId: 1-674e0a1b-3c5d7e9f0a1b2c3d4e5f6a7b\tSegmentId: 9f3a5c7e1b2d4f60\tSampled: true\t\n';
/**
 * The lines Lambda writes for every invocation in the text log format, as the Lambda developer guide
 * shows them ("Log and monitor Node.js Lambda functions", docs.aws.amazon.com/lambda/latest/dg/
 * nodejs-logging.html, example log format; "How CloudWatch structures logs" in the operator guide: three
 * lines per invocation even when the code logs nothing), with a request id (a UUID) and figures of
 * realistic width. A cold start adds an INIT_START line and an Init Duration, left out as cold starts are.
 */
export function lambdaPlatformLines(traced: boolean): string[] {
  return [
    `START RequestId: ${REQUEST_ID} Version: $LATEST\n`,
    `END RequestId: ${REQUEST_ID}\n`,
    `REPORT RequestId: ${REQUEST_ID}\tDuration: 1234.56 ms\tBilled Duration: 1235 ms\tMemory Size: 1024 MB\tMax Memory Used: 187 MB\t\n${traced ? REPORT_XRAY_PART : ''}`,
  ];
}

/** Bytes of Lambda's own lines per invocation (ASCII only, so a character is a byte). */
export const platformLogBytes = (traced: boolean) =>
  lambdaPlatformLines(traced).reduce((sum, line) => sum + line.length, 0);

export const DEFAULT_ASSUMPTIONS: DeploymentAssumptions = {
  memoryMiB: DEFAULT_STAGE_CONFIG.memoryMiB,
  networkWaitMs: { feedPoll: 300, pageFetch: 500 },
  awsRoundTripMs: 10,
  fullVcpuMiB: 1769,
  dispatchMsPerRun: 200,
  readUnitsPerArticle: CLUSTER_LOOKUP_READ_UNITS + OTHER_READ_UNITS_PER_ARTICLE,
  readUnitsPerPoll: 1.5,
  tableBytesPerArticle: 10_000,
  s3BytesPerArticle: 40_000,
  tracing: DEFAULT_STAGE_CONFIG.tracing,
  idleReceivesPerQueuePerMinute: 15,
  pollingPolicy: DEFAULT_POLLING_POLICY,
  feedActivity: DEFAULT_FEED_ACTIVITY,
};

export interface CostLine {
  service: string;
  item: string;
  quantity: number;
  usd: number;
}

export interface CostEstimate {
  workload: Workload;
  articles: number;
  polls: number;
  /**
   * Records each function's invocation carries: fetch-feed's batches fill (dispatch sends every due
   * feed at once), while fetch-article and classify-article receive a poll's new articles together.
   */
  recordsPerInvocation: { fetchFeed: number; fetchArticle: number; classifyArticle: number };
  invocations: { fetchFeed: number; fetchArticle: number; classifyArticle: number; dispatchFeeds: number };
  /** The polls priced, with those that found news and how long an article waited for its poll. */
  pollCounts: PollCounts;
  /** What depends on the volume: the lines, their total, and that per 100,000 articles. */
  lines: CostLine[];
  totalUsd: number;
  usdPer100kArticles: number;
}

/** A quantity of one priced item. */
const costLine = (service: string, item: string, quantity: number, price: Price): CostLine => ({
  service,
  item,
  quantity,
  usd: quantity * price.usd,
});

const totalOf = (lines: readonly CostLine[]) => lines.reduce((sum, each) => sum + each.usd, 0);

/** Records an invocation receives when `arriving` come at once: at least one, at most a full batch. */
export function recordsPerBatch(arriving: number, batchSize: number): number {
  return Math.min(batchSize, Math.max(1, arriving));
}

/** Messages per SendMessageBatch request: SQS bills the request once (up to 64 KB of payload). */
const SQS_SEND_BATCH = 10;

/** Billed Lambda milliseconds for work measured as CPU time here, plus time spent waiting. */
export function billedMs(cpuMs: number, memoryMiB: number, waitMs: number, fullVcpuMiB: number): number {
  return cpuMs * Math.max(1, fullVcpuMiB / memoryMiB) + waitMs;
}

/** What billed time per record depends on besides the measured figures. */
export interface BilledTimeSettings {
  memoryMiB: { fetchFeed: number; fetchArticle: number; classifyArticle: number };
  networkWaitMs: { feedPoll: number; pageFetch: number };
  awsRoundTripMs: number;
  fullVcpuMiB: number;
}

/**
 * Billed Lambda milliseconds per record of each kind: the measured CPU time stretched to the vCPU share
 * of the function's memory, plus the waits: on the news site, and on each AWS round trip.
 */
export function billedMsPerRecord(measured: MeasuredFigures, settings: BilledTimeSettings) {
  const { memoryMiB, networkWaitMs, awsRoundTripMs, fullVcpuMiB } = settings;
  const { awsRoundTrips } = measured;
  const billed = (cpuMs: number, memory: number, waitMs: number, roundTrips: number) =>
    billedMs(cpuMs, memory, waitMs + roundTrips * awsRoundTripMs, fullVcpuMiB);
  return {
    newsPoll: billed(
      measured.cpuMsPerNewsPoll,
      memoryMiB.fetchFeed,
      networkWaitMs.feedPoll,
      awsRoundTrips.newsPoll,
    ),
    unchangedPoll: billed(
      measured.cpuMsPerUnchangedPoll,
      memoryMiB.fetchFeed,
      networkWaitMs.feedPoll,
      awsRoundTrips.unchangedPoll,
    ),
    articleFetch: billed(
      measured.cpuMsPerArticleFetch,
      memoryMiB.fetchArticle,
      networkWaitMs.pageFetch,
      awsRoundTrips.articleFetch,
    ),
    classification: billed(
      measured.cpuMsPerClassification,
      memoryMiB.classifyArticle,
      0,
      awsRoundTrips.classification,
    ),
  };
}

const gbSeconds = (ms: number, memoryMiB: number) => (ms / 1000) * (memoryMiB / 1024);

/**
 * The month's cost of `workload`, line by line. The polls come from simulating the polling policy
 * over the workload's feeds (bench/poll-schedule.ts) unless `pollCounts` gives them.
 */
export function estimateCost(
  workload: Workload,
  measured: MeasuredFigures,
  assumptions: DeploymentAssumptions = DEFAULT_ASSUMPTIONS,
  pollCounts: PollCounts = simulatePolling(workload, assumptions.pollingPolicy, assumptions.feedActivity),
): CostEstimate {
  const { days } = workload;
  const articles = workload.articlesPerDay * days;
  const { polls, newsPolls } = pollCounts;
  const unchangedPolls = polls - newsPolls;
  const dispatchRuns = ((24 * 60) / DISPATCH_SCHEDULE_MINUTES) * days;
  const { memoryMiB } = assumptions;
  const recordMs = billedMsPerRecord(measured, assumptions);

  // dispatch-feeds sends every due feed at once, so fetch-feed's batches fill. A poll with news hands
  // on its new articles together, which fetch-article and then classify-article receive within their
  // 1 s batching window (QUEUES); polls with news are seconds apart at the design volume, so a batch
  // carries one poll's articles (an assumption: docs/cost.md).
  const articlesPerNewsPoll = pollCounts.articles / Math.max(1, newsPolls);
  const recordsPerInvocation = {
    fetchFeed: recordsPerBatch(polls / dispatchRuns, QUEUES.feedJobs.batchSize),
    fetchArticle: recordsPerBatch(articlesPerNewsPoll, QUEUES.articleJobs.batchSize),
    classifyArticle: recordsPerBatch(articlesPerNewsPoll, QUEUES.classifyJobs.batchSize),
  };
  const invocations = {
    fetchFeed: polls / recordsPerInvocation.fetchFeed,
    fetchArticle: articles / recordsPerInvocation.fetchArticle,
    classifyArticle: articles / recordsPerInvocation.classifyArticle,
    dispatchFeeds: dispatchRuns,
  };
  const totalInvocations = Object.values(invocations).reduce((sum, each) => sum + each, 0);
  const lambdaGbSeconds = {
    fetchFeed:
      newsPolls * gbSeconds(recordMs.newsPoll, memoryMiB.fetchFeed) +
      unchangedPolls * gbSeconds(recordMs.unchangedPoll, memoryMiB.fetchFeed),
    fetchArticle: articles * gbSeconds(recordMs.articleFetch, memoryMiB.fetchArticle),
    classifyArticle: articles * gbSeconds(recordMs.classification, memoryMiB.classifyArticle),
    dispatchFeeds: dispatchRuns * gbSeconds(assumptions.dispatchMsPerRun, memoryMiB.dispatchFeeds),
  };

  const writeUnits = {
    articles: articles * measured.writeUnitsPerArticle,
    polls: newsPolls * measured.writeUnitsPerNewsPoll + unchangedPolls * measured.writeUnitsPerUnchangedPoll,
  };
  const readUnits = articles * assumptions.readUnitsPerArticle + polls * assumptions.readUnitsPerPoll;
  // Each invocation writes Lambda's own lines and one EMF blob (a fetch-feed batch mixes polls with
  // and without news: its blob is sized by their shares); each record its Powertools lines.
  const { logBytes } = measured;
  const perInvocation = (emfBytes: number) => emfBytes + platformLogBytes(assumptions.tracing);
  const pollEmfBytes =
    polls === 0
      ? 0
      : (newsPolls * logBytes.newsPoll.emfBytesPerInvocation +
          unchangedPolls * logBytes.unchangedPoll.emfBytesPerInvocation) /
        polls;
  const logGb = {
    fetchFeed:
      (newsPolls * logBytes.newsPoll.lineBytesPerRecord +
        unchangedPolls * logBytes.unchangedPoll.lineBytesPerRecord +
        invocations.fetchFeed * perInvocation(pollEmfBytes)) /
      1e9,
    fetchArticle:
      (articles * logBytes.articleFetch.lineBytesPerRecord +
        invocations.fetchArticle * perInvocation(logBytes.articleFetch.emfBytesPerInvocation)) /
      1e9,
    classifyArticle:
      (articles * logBytes.classification.lineBytesPerRecord +
        invocations.classifyArticle * perInvocation(logBytes.classification.emfBytesPerInvocation)) /
      1e9,
    dispatchFeeds:
      (dispatchRuns *
        (logBytes.dispatchRun.lineBytesPerRecord +
          perInvocation(logBytes.dispatchRun.emfBytesPerInvocation))) /
      1e9,
  };
  // Data grows through the month: on average half of it is stored.
  const averageGb = (bytesPerArticle: number) => (articles * bytesPerArticle) / 2 / 1e9;
  // Jobs are sent in batches of ten, one request each (adapters/sqs/job-queue.sqs.ts): dispatch-feeds
  // sends each run's due feeds, fetch-feed each poll's new articles. S3 notifies the classify queue
  // one message per article, which SQS bills to the queue's owner too. Lambda receives and deletes
  // once per invocation's batch.
  const feedJobSends = dispatchRuns * Math.ceil(polls / dispatchRuns / SQS_SEND_BATCH);
  const articleJobSends =
    newsPolls * Math.ceil(pollCounts.articles / Math.max(1, newsPolls) / SQS_SEND_BATCH);
  const consumerInvocations = invocations.fetchFeed + invocations.fetchArticle + invocations.classifyArticle;
  const sqsRequests =
    feedJobSends +
    articleJobSends +
    articles +
    2 * consumerInvocations +
    Object.keys(QUEUES).length * assumptions.idleReceivesPerQueuePerMinute * 24 * 60 * days;

  const lines: CostLine[] = [
    costLine('DynamoDB', 'write units, articles', writeUnits.articles, PRICES.dynamodbWriteUnit),
    costLine('DynamoDB', 'write units, feed polls', writeUnits.polls, PRICES.dynamodbWriteUnit),
    costLine('DynamoDB', 'read units', readUnits, PRICES.dynamodbReadUnit),
    costLine(
      'DynamoDB',
      'storage GB-month',
      averageGb(assumptions.tableBytesPerArticle),
      PRICES.dynamodbStorageGbMonth,
    ),
    ...(Object.entries(lambdaGbSeconds) as [string, number][]).map(([name, seconds]) =>
      costLine('Lambda', `GB-seconds, ${name}`, seconds, PRICES.lambdaGbSecondArm),
    ),
    costLine('Lambda', 'invocations', totalInvocations, PRICES.lambdaRequest),
    costLine('S3', 'PUT (raw page, article JSON)', 2 * articles, PRICES.s3Put),
    costLine('S3', 'GET (classification)', articles, PRICES.s3Get),
    costLine('S3', 'storage GB-month', averageGb(assumptions.s3BytesPerArticle), PRICES.s3StorageGbMonth),
    costLine('SQS', 'requests', sqsRequests, PRICES.sqsRequest),
    costLine('SNS', 'alert publishes', articles * measured.alertsPerArticle, PRICES.snsPublish),
    costLine('SNS', 'alert emails', articles * measured.emailsPerArticle, PRICES.snsEmail),
    ...(Object.entries(logGb) as [string, number][]).map(([name, gb]) =>
      costLine('CloudWatch Logs', `GB ingested, ${name}`, gb, PRICES.logsIngestedGb),
    ),
    // Lambda samples one invocation a second and 5 % of the rest: at these rates, every invocation.
    assumptions.tracing
      ? costLine('X-Ray', 'traces (every invocation: the stage traces)', totalInvocations, PRICES.xrayTrace)
      : costLine('X-Ray', "traces (none: the stage's tracing is off)", 0, PRICES.xrayTrace),
  ];
  const totalUsd = totalOf(lines);
  return {
    workload,
    articles,
    polls,
    recordsPerInvocation,
    invocations,
    pollCounts,
    lines,
    totalUsd,
    usdPer100kArticles: articles === 0 ? 0 : (totalUsd / articles) * 100_000,
  };
}

/** What a stage has whatever its volume, priced by the month. */
export interface StageResources {
  /** Standard-resolution alarm metrics: one per alarm on a metric, one per metric an alarm's math reads. */
  alarmMetrics: number;
  dashboards: number;
  customerManagedKeys: number;
  /** Metric names x dimension sets in a namespace that the functions publish. */
  customMetrics: number;
}

export interface FixedCost {
  lines: CostLine[];
  totalUsd: number;
}

/**
 * What a stage costs for `days` whatever the volume: CloudWatch alarms, dashboards and custom metrics,
 * KMS keys. Each is billed by the month, prorated (a 30-day month is one).
 */
export function estimateFixedCost(resources: StageResources, days: number): FixedCost {
  const months = days / 30;
  const line = (service: string, item: string, count: number, price: Price) =>
    costLine(service, item, count * months, price);
  const lines = [
    line(
      'CloudWatch',
      'alarm metric-months (standard resolution)',
      resources.alarmMetrics,
      PRICES.cloudwatchAlarmMetric,
    ),
    line('CloudWatch', 'dashboard-months', resources.dashboards, PRICES.cloudwatchDashboard),
    line('CloudWatch', 'custom metric-months', resources.customMetrics, PRICES.cloudwatchCustomMetric),
    line('KMS', 'customer-managed key-months', resources.customerManagedKeys, PRICES.kmsCustomerManagedKey),
  ];
  return { lines, totalUsd: totalOf(lines) };
}

/** The month's whole bill, the fixed part with the volume's, and that per 100,000 articles. */
export function monthTotal(estimate: CostEstimate, fixed: FixedCost) {
  const totalUsd = estimate.totalUsd + fixed.totalUsd;
  return {
    totalUsd,
    usdPer100kArticles: estimate.articles === 0 ? 0 : (totalUsd / estimate.articles) * 100_000,
  };
}
