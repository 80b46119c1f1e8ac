/**
 * Which limit wirewatch meets first as its volume grows: for each AWS limit the design depends on,
 * the load at the design volume (from the measured per-article and per-poll costs), scaled by a
 * multiplier, against the limit. Concurrency comes from Little's law (arrival rate × time per
 * record); partition throughput from the write units that land on one key. The busiest hour is
 * `peakFactor` times the day's average (news is diurnal); polls are spread evenly by schedule.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import {
  entryAttribute,
  MAX_BUCKET_ENTRIES,
  SIMHASH_BUCKET_TYPE,
} from '../adapters/dynamodb/simhash-buckets.dynamodb.ts';
import {
  SCHEMA_VERSION,
  SIMHASH_BUCKET_SCHEMA_MINOR_VERSION,
  simhashBucketKey,
} from '../adapters/dynamodb/table-keys.ts';
import { DISPATCH_SCHEDULE_MINUTES, FUNCTIONS } from '../infra/resource-definitions.ts';
import { DEFAULT_STAGE_CONFIG } from '../infra/stage-config.ts';
import { BAND_VALUES } from '../shared/dedup/near-duplicate.ts';
import { DISPATCH_BATCH_SIZE, DISPATCH_DEFAULTS } from '../shared/pipeline/dispatch-due-feeds.ts';
import { billedMsPerRecord, DEFAULT_ASSUMPTIONS, type MeasuredFigures, type Workload } from './cost-model.ts';
import { itemBytes } from './dynamodb-write-meter.ts';

/** AWS limits, with where each is documented. */
export const AWS_LIMITS = {
  /** Per partition, table or GSI (DynamoDB Developer Guide, "warm throughput scenarios"). */
  partitionWriteUnitsPerSecond: 1000,
  /** A new on-demand table's warm throughput; it adapts upwards beyond (same page). */
  tableWriteUnitsPerSecond: 4000,
  /** Lambda's default concurrent executions per account and Region (Lambda quotas). */
  accountConcurrency: 1000,
  /** S3 PUT/COPY/POST/DELETE per second per partitioned prefix (S3 performance guidelines). */
  s3PutsPerPrefixPerSecond: 3500,
  /** SNS email deliveries per second (SNS quotas, general reference; not in the stored excerpt). */
  snsEmailsPerSecond: 10,
  /** The values one SimHash band takes (16 bits): see near-duplicate.ts. */
  simhashBandValues: BAND_VALUES,
  /** A SimHash bucket keeps the newest this many entries, all that findCluster reads per band key. */
  clusterCandidatesPerBand: MAX_BUCKET_ENTRIES,
  /** DynamoDB bills a write one unit per started KB of the item. */
  writeUnitBytes: 1024,
} as const;

/** The size DynamoDB bills of a SimHash bucket holding `entries` articles, as the adapter writes it. */
export function simhashBucketBytes(entries: number): number {
  const item = {
    ...simhashBucketKey('0:ffff'),
    type: SIMHASH_BUCKET_TYPE,
    schemaVersion: SCHEMA_VERSION,
    schemaMinorVersion: SIMHASH_BUCKET_SCHEMA_MINOR_VERSION,
    expiresAt: 1_800_000_000,
    ...Object.fromEntries(
      Array.from({ length: entries }, (_, index) =>
        entryAttribute({
          articleId: `${index}`.padStart(22, 'A'),
          fetchedAt: '2026-12-02T06:00:00.000Z',
          fingerprint: '0123456789abcdef',
          clusterId: `${index}`.padStart(22, 'B'),
        }),
      ),
    ),
  };
  return itemBytes(marshall(item));
}

export interface ScaleInputs {
  workload: Workload;
  measured: MeasuredFigures;
  /** Share of all articles carrying the busiest label (e.g. `COUNTRY#US`). */
  busiestLabelShare: number;
  /**
   * gsi1 write units a poll spends on `FEEDS#active`: the poll's save moves the entry once (a delete
   * and a put); the lease is an item of its own, off gsi1.
   */
  feedListWriteUnitsPerPoll: number;
  peakFactor: number;
  /** Feeds one dispatch-feeds run leases and enqueues at most (`DISPATCH_DEFAULTS` in shared/pipeline/dispatch-due-feeds.ts). */
  dispatchMaxFeedsPerRun: number;
  /** Batches of ten feeds one run leases and enqueues at once. */
  dispatchConcurrentBatches: number;
  /**
   * Milliseconds to lease a batch (ten conditional puts in parallel) and send it to SQS (one batch
   * request): two round trips inside a Region, ~20 ms each; a guess, not measurable on loopback.
   */
  dispatchBatchMs: number;
  /** dispatch-feeds' timeout: a run must list, lease and enqueue within it. */
  dispatchTimeoutSeconds: number;
  maxConcurrency: { fetchFeed: number; fetchArticle: number; classifyArticle: number };
  memoryMiB: { fetchFeed: number; fetchArticle: number; classifyArticle: number };
  networkWaitMs: { feedPoll: number; pageFetch: number };
  awsRoundTripMs: number;
  fullVcpuMiB: number;
  clusterWindowDays: number;
}

export function defaultScaleInputs(
  workload: Workload,
  measured: MeasuredFigures,
  busiestLabelShare: number,
): ScaleInputs {
  return {
    workload,
    measured,
    busiestLabelShare,
    feedListWriteUnitsPerPoll: 2,
    peakFactor: 3,
    dispatchMaxFeedsPerRun: DISPATCH_DEFAULTS.maxFeedsPerRun,
    dispatchConcurrentBatches: DISPATCH_DEFAULTS.concurrentBatches,
    dispatchBatchMs: 40,
    dispatchTimeoutSeconds: FUNCTIONS.dispatchFeeds.timeoutSeconds,
    maxConcurrency: DEFAULT_STAGE_CONFIG.maxConcurrency,
    memoryMiB: DEFAULT_ASSUMPTIONS.memoryMiB,
    networkWaitMs: DEFAULT_ASSUMPTIONS.networkWaitMs,
    awsRoundTripMs: DEFAULT_ASSUMPTIONS.awsRoundTripMs,
    fullVcpuMiB: DEFAULT_ASSUMPTIONS.fullVcpuMiB,
    clusterWindowDays: 7,
  };
}

export interface LimitAtScale {
  limit: string;
  /** The load at the design volume (1×) and the limit, in `unit`. */
  loadAtDesign: number;
  capacity: number;
  unit: string;
  /** The multiple of the design volume at which the load reaches the limit. */
  reachedAt: number;
}

const DAY_SECONDS = 86_400;

/** Every limit with the multiple of the design volume that reaches it, the nearest first. */
export function limitsAtScale(inputs: ScaleInputs): LimitAtScale[] {
  const { workload, measured, peakFactor } = inputs;
  const articlesPerSecond = (workload.articlesPerDay / DAY_SECONDS) * peakFactor;
  const pollsPerSecond = workload.feeds / (workload.pollMinutes * 60);
  const newsPollShare = Math.min(
    1,
    articlesPerSecond / Math.max(1, measured.articlesPerNewsPoll) / pollsPerSecond,
  );
  const recordMs = billedMsPerRecord(measured, inputs);
  const pollSeconds =
    (newsPollShare * recordMs.newsPoll + (1 - newsPollShare) * recordMs.unchangedPoll) / 1000;
  const fetchSeconds = recordMs.articleFetch / 1000;
  const classifySeconds = recordMs.classification / 1000;
  const concurrency = {
    fetchFeed: pollsPerSecond * pollSeconds,
    fetchArticle: articlesPerSecond * fetchSeconds,
    classifyArticle: articlesPerSecond * classifySeconds,
  };
  const dispatchPerSecond = 1 / (DISPATCH_SCHEDULE_MINUTES * 60);
  const bandItemsPerDay = workload.articlesPerDay / AWS_LIMITS.simhashBandValues;
  const entryBytes = simhashBucketBytes(2) - simhashBucketBytes(1);
  const entriesInOneWriteUnit = Math.floor((AWS_LIMITS.writeUnitBytes - simhashBucketBytes(0)) / entryBytes);

  const limits: Omit<LimitAtScale, 'reachedAt'>[] = [
    {
      limit: 'dispatch-feeds: feeds per run (maxFeedsPerRun, every run)',
      loadAtDesign: pollsPerSecond,
      capacity: inputs.dispatchMaxFeedsPerRun * dispatchPerSecond,
      unit: 'polls/s',
    },
    {
      limit: 'dispatch-feeds: leasing within its timeout (parallel batches)',
      loadAtDesign: pollsPerSecond,
      capacity:
        ((inputs.dispatchTimeoutSeconds * 1000) / inputs.dispatchBatchMs) *
        inputs.dispatchConcurrentBatches *
        DISPATCH_BATCH_SIZE *
        dispatchPerSecond,
      unit: 'polls/s',
    },
    {
      limit: 'fetch-feed concurrency cap (maxConcurrency)',
      loadAtDesign: concurrency.fetchFeed,
      capacity: inputs.maxConcurrency.fetchFeed,
      unit: 'concurrent executions',
    },
    {
      limit: 'fetch-article concurrency cap (maxConcurrency)',
      loadAtDesign: concurrency.fetchArticle,
      capacity: inputs.maxConcurrency.fetchArticle,
      unit: 'concurrent executions',
    },
    {
      limit: 'classify-article concurrency cap (maxConcurrency)',
      loadAtDesign: concurrency.classifyArticle,
      capacity: inputs.maxConcurrency.classifyArticle,
      unit: 'concurrent executions',
    },
    {
      limit: 'Lambda account concurrency, caps lifted',
      loadAtDesign:
        concurrency.fetchFeed + concurrency.fetchArticle + concurrency.classifyArticle + dispatchPerSecond,
      capacity: AWS_LIMITS.accountConcurrency,
      unit: 'concurrent executions',
    },
    {
      limit: 'busiest label partition on gsi1 (e.g. COUNTRY#US)',
      loadAtDesign: articlesPerSecond * inputs.busiestLabelShare,
      capacity: AWS_LIMITS.partitionWriteUnitsPerSecond,
      unit: 'write units/s',
    },
    {
      limit: 'FEEDS#active partition on gsi1',
      loadAtDesign: pollsPerSecond * inputs.feedListWriteUnitsPerPoll,
      capacity: AWS_LIMITS.partitionWriteUnitsPerSecond,
      unit: 'write units/s',
    },
    {
      limit: 'one SimHash bucket partition',
      loadAtDesign: articlesPerSecond / AWS_LIMITS.simhashBandValues,
      capacity: AWS_LIMITS.partitionWriteUnitsPerSecond,
      unit: 'write units/s',
    },
    {
      limit: 'table write throughput (on-demand, before it adapts)',
      loadAtDesign:
        articlesPerSecond * measured.writeUnitsPerArticle +
        pollsPerSecond *
          (newsPollShare * measured.writeUnitsPerNewsPoll +
            (1 - newsPollShare) * measured.writeUnitsPerUnchangedPoll),
      capacity: AWS_LIMITS.tableWriteUnitsPerSecond,
      unit: 'write units/s',
    },
    {
      limit: "S3 PUTs on one day's prefix (raw/ or articles/)",
      loadAtDesign: articlesPerSecond,
      capacity: AWS_LIMITS.s3PutsPerPrefixPerSecond,
      unit: 'PUT/s',
    },
    {
      limit: 'SNS email deliveries',
      loadAtDesign: articlesPerSecond * measured.emailsPerArticle,
      capacity: AWS_LIMITS.snsEmailsPerSecond,
      unit: 'emails/s',
    },
    {
      // Not a throughput limit: beyond it each of an article's four bucket writes costs two units or more.
      limit: 'SimHash bucket within one write unit (entries in the window)',
      loadAtDesign: bandItemsPerDay * inputs.clusterWindowDays,
      capacity: entriesInOneWriteUnit,
      unit: 'entries per bucket',
    },
    {
      // Not a throughput limit: the days of look-back that the newest candidates per band cover.
      limit: 'clustering look-back covered by the newest candidates per band',
      loadAtDesign: inputs.clusterWindowDays / (AWS_LIMITS.clusterCandidatesPerBand / bandItemsPerDay),
      capacity: 1,
      unit: 'share of the window beyond reach',
    },
  ];
  return limits
    .map((limit) => ({
      ...limit,
      reachedAt: limit.loadAtDesign === 0 ? Number.POSITIVE_INFINITY : limit.capacity / limit.loadAtDesign,
    }))
    .sort((a, b) => a.reachedAt - b.reachedAt);
}

/** What each limit needs at `multiplier` times the design volume: its load and utilization. */
export function loadAt(limit: LimitAtScale, multiplier: number) {
  const load = limit.loadAtDesign * multiplier;
  return { load, utilization: load / limit.capacity };
}
