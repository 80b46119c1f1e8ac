/**
 * The one source of truth for wirewatch's resources: table keys and indexes, bucket prefixes, queues,
 * functions and the environment variables that wire them together. The CDK stack and the local runtime
 * both build from these definitions, so a key or index can never differ between AWS and this machine.
 *
 * Pure data: no aws-cdk-lib import, so the local runtime and the Lambda bundles can load it cheaply.
 */
import {
  ARCHIVE_SHARD_SUFFIX,
  ARTICLE_PREFIX,
  ARTICLE_SUFFIX,
  RAW_PREFIX,
  RULE_INDEX_KEY,
} from '../shared/articles/storage-keys.ts';

export const ENV = {
  tableName: 'WIREWATCH_TABLE_NAME',
  bucketName: 'WIREWATCH_BUCKET_NAME',
  topicArn: 'WIREWATCH_TOPIC_ARN',
  /** The daily digest topic: one email subscription per digest recipient, filtered on `recipient`. */
  digestTopicArn: 'WIREWATCH_DIGEST_TOPIC_ARN',
  feedQueueUrl: 'WIREWATCH_FEED_QUEUE_URL',
  articleQueueUrl: 'WIREWATCH_ARTICLE_QUEUE_URL',
  /** Optional: where fetch-feed tells operators that a feed was marked broken. */
  opsTopicArn: 'WIREWATCH_OPS_TOPIC_ARN',
  /** The consuming function's own dead-letter queue, where poison messages go at once with their reason. */
  deadLetterQueueUrl: 'WIREWATCH_DEAD_LETTER_QUEUE_URL',
  /** The console's ops view: every dead-letter queue as comma-separated `name=url` pairs. */
  deadLetterQueueUrls: 'WIREWATCH_DEAD_LETTER_QUEUE_URLS',
  /** Comma-separated host names or IPs that the SSRF guard lets through (local sample server only). */
  allowedPrivateHosts: 'WIREWATCH_ALLOW_PRIVATE_HOSTS',
  /** Comma-separated `host:port=address:port` overrides, as curl's --connect-to (local sample server only). */
  connectTo: 'WIREWATCH_CONNECT_TO',
  userAgent: 'WIREWATCH_USER_AGENT',
  /** Shortest interval between two polls of one feed, in seconds. */
  minPollSeconds: 'WIREWATCH_MIN_POLL_SECONDS',
  /** Optional JSON `{"PK": ["Pakland"]}`: country aliases ops add without a code change. */
  extraCountryAliases: 'WIREWATCH_EXTRA_COUNTRY_ALIASES',
  /** How long classify-article keeps the compiled rules before reloading them, in seconds. */
  ruleCacheSeconds: 'WIREWATCH_RULE_CACHE_SECONDS',
  /** How long classify-article holds an alert while publishing it, in seconds (default 60). */
  alertLeaseSeconds: 'WIREWATCH_ALERT_LEASE_SECONDS',
  /** Optional: due feeds one dispatch-feeds run dispatches at most (default: DISPATCH_DEFAULTS in shared/pipeline/dispatch-due-feeds.ts). */
  dispatchMaxFeedsPerRun: 'WIREWATCH_DISPATCH_MAX_FEEDS_PER_RUN',
  /** Optional: batches of ten feeds dispatch-feeds leases and enqueues at the same time. */
  dispatchConcurrentBatches: 'WIREWATCH_DISPATCH_CONCURRENT_BATCHES',
  /**
   * The analyst console's origin (`https://…`, no trailing slash), which alert and digest emails link
   * to (`<consoleUrl>/#/articles/<articleId>`); unset, emails link to the article's own page only.
   */
  consoleUrl: 'WIREWATCH_CONSOLE_URL',
  /**
   * Optional: when schema 1.5 was deployed to the table (ISO time), after which no SimHashBand item
   * (schemas 1.1 to 1.4) was written, or `none` for a table created by 1.5 or later. classify-article
   * then stops querying for those items once its 7-day window starts after it; unset, it always does.
   * (It replaces WIREWATCH_LEGACY_BANDS_BEFORE, which dated 1.3 and is no longer read.)
   */
  bandItemsBefore: 'WIREWATCH_BAND_ITEMS_BEFORE',
} as const;

export type EnvName = (typeof ENV)[keyof typeof ENV];

/**
 * A value of WIREWATCH_BAND_ITEMS_BEFORE (and of the stage setting that gives it): an ISO time,
 * normalised, or `none`; null when it is neither. The stage's check and classify-article's read share it.
 */
export function bandItemsBeforeValue(raw: string): string | null {
  if (raw === 'none') return raw;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(Date.parse(raw))) return null;
  return new Date(raw).toISOString();
}

export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N';
}

export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  /** Which attributes the index copies: every write to an indexed item is paid again on its copy. */
  readonly projection: 'ALL' | 'KEYS_ONLY' | readonly string[];
}

export const TABLE = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  /** One overloaded GSI serves every label, feed, rule and alert listing (see docs/data-contract.md). */
  globalSecondaryIndexes: [
    {
      indexName: 'gsi1',
      partitionKey: { name: 'gsi1pk', type: 'S' },
      sortKey: { name: 'gsi1sk', type: 'S' },
      // Listings read whole items; projecting everything spares a second read per item.
      projection: 'ALL',
    },
  ],
  timeToLiveAttribute: 'expiresAt',
} as const satisfies {
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  globalSecondaryIndexes: readonly IndexDefinition[];
  timeToLiveAttribute: string;
};

export const BUCKET = {
  /** Normalised article JSON; an object created here starts classification. */
  articlePrefix: ARTICLE_PREFIX,
  articleSuffix: ARTICLE_SUFFIX,
  /** A closed day's documents in one object (`articles/…/dd=27.shard.json.gz`), beside the day's prefix; written by roll-up-trends. */
  archiveShardSuffix: ARCHIVE_SHARD_SUFFIX,
  /** Raw fetched pages, gzip-compressed. */
  rawPrefix: RAW_PREFIX,
  /** The analysts' rules precompiled, gzip-compressed JSON; written and read by classify-article. */
  ruleIndexKey: RULE_INDEX_KEY,
} as const;

export interface QueueDefinition {
  /**
   * Six times the consuming function's timeout, as AWS advises for Lambda event sources: a batch that
   * is retried inside the function never reappears to a second consumer meanwhile.
   */
  readonly visibilityTimeoutSeconds: number;
  /**
   * Deliveries before a message moves to the dead-letter queue: at least 5, as AWS advises for Lambda
   * event sources, since a batch that fails as a whole (a crash, a timeout) costs every message in it a
   * delivery. With 3, `wirewatch chaos` (seed 3, 20 % faults) saw a sound classify job dead-lettered
   * after three crashed batches.
   */
  readonly maxReceiveCount: number;
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
}

export const QUEUES = {
  feedJobs: { visibilityTimeoutSeconds: 900, maxReceiveCount: 5, batchSize: 5, maxBatchingWindowSeconds: 0 },
  articleJobs: {
    visibilityTimeoutSeconds: 900,
    maxReceiveCount: 5,
    batchSize: 10,
    maxBatchingWindowSeconds: 1,
  },
  classifyJobs: {
    visibilityTimeoutSeconds: 540,
    maxReceiveCount: 5,
    batchSize: 10,
    maxBatchingWindowSeconds: 1,
  },
} as const satisfies Record<string, QueueDefinition>;

export type QueueName = keyof typeof QUEUES;

export interface FunctionDefinition {
  /** Path of the entry module, relative to the repository root. */
  readonly entry: string;
  readonly timeoutSeconds: number;
  readonly memoryMiB: number;
  /** The queue this function consumes, if any. */
  readonly consumes?: QueueName;
}

export const FUNCTIONS = {
  dispatchFeeds: { entry: 'functions/dispatch-feeds.ts', timeoutSeconds: 60, memoryMiB: 256 },
  fetchFeed: { entry: 'functions/fetch-feed.ts', timeoutSeconds: 150, memoryMiB: 512, consumes: 'feedJobs' },
  fetchArticle: {
    entry: 'functions/fetch-article.ts',
    timeoutSeconds: 150,
    memoryMiB: 1024,
    consumes: 'articleJobs',
  },
  classifyArticle: {
    entry: 'functions/classify-article.ts',
    timeoutSeconds: 90,
    memoryMiB: 1024,
    consumes: 'classifyJobs',
  },
  sendDigest: { entry: 'functions/send-digest.ts', timeoutSeconds: 300, memoryMiB: 512 },
  // A first run after deployment rolls up 240 hours of the last 31 days; later runs a few hours each.
  rollUpTrends: { entry: 'functions/roll-up-trends.ts', timeoutSeconds: 300, memoryMiB: 512 },
  // API Gateway gives up on an integration after 30 s; rule previews are bounded well inside this.
  // The memory buys CPU for previews, which match a rule against many archived articles.
  consoleApi: { entry: 'functions/console-api.ts', timeoutSeconds: 25, memoryMiB: 1024 },
} as const satisfies Record<string, FunctionDefinition>;

export type FunctionName = keyof typeof FUNCTIONS;

/** How often dispatch-feeds runs; each feed's own next-due time decides whether it is polled. */
export const DISPATCH_SCHEDULE_MINUTES = 5;

/**
 * How often roll-up-trends runs: a closed hour's heat map rollup (or a changed hour's new one) is
 * saved within this time; until then the heat map counts that hour live.
 */
export const ROLLUP_SCHEDULE_MINUTES = 15;

/**
 * When send-digest runs each day (UTC), for the day before: late enough that yesterday's last
 * articles are classified, early enough to be read over breakfast in Europe.
 */
export const DIGEST_SCHEDULE_UTC = { hour: 6, minute: 0 } as const;

/** Powertools service name shared by every function, so logs and metrics group together. */
export const SERVICE_NAME = 'wirewatch';
/**
 * Each stage's metrics live in their own namespace (`Wirewatch/prod`), so the dashboards and alarms of
 * two stages in one account never count each other's articles. Functions read it from
 * POWERTOOLS_METRICS_NAMESPACE, which the stack sets.
 */
export function metricsNamespace(stage: string): string {
  return `Wirewatch/${stage}`;
}
