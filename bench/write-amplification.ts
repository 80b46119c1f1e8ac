/**
 * Measures what one article and one feed poll cost the pipeline, by running it: the local runtime
 * polls the bundled sample feeds once, with the real handlers, while a meter on the handlers' own
 * DynamoDB client counts write units by item type (bench/dynamodb-write-meter.ts). Also gives each
 * queue-consuming function's time and AWS round trips per record (bench/round-trip-meter.ts), the
 * bytes each function writes to CloudWatch Logs and the custom metrics it publishes, logging as
 * deployed (bench/log-byte-meter.ts), the alerts and emails per article, and the label on the most
 * articles: the inputs of the cost model (bench/cost-model.ts).
 *
 * The write meter reads every written key before and after through a second client on the handlers'
 * thread, which roughly doubled classify-article's measured CPU time (52 → 91 ms a record). So the
 * samples run twice: metered for the write units, and unmetered, in a process of its own (the
 * handlers' clients keep the endpoints of the runtime they started with), for time, round trips and
 * log bytes (measurePipelineRun).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { SubscribeCommand } from '@aws-sdk/client-sns';
import { SAMPLES_DIR, startLocalRuntime } from '../cli/local-runtime.ts';
import { FUNCTIONS, type FunctionName, metricsNamespace } from '../infra/resource-definitions.ts';
import { DEFAULT_STAGE_CONFIG } from '../infra/stage-config.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/local-aws.ts';
import { type InvocationTiming, LOCAL_NAMES } from '../local/local-pipeline.ts';
import { registerFeeds } from '../shared/pipeline/register-feeds.ts';
import { feedIdFor } from '../shared/polling/feed-state.ts';
import { systemClock } from '../shared/ports/clock.ts';
import type { LogBytes } from './cost-model.ts';
import { meterWrites, type WriteTally, type WriteUnitsByType } from './dynamodb-write-meter.ts';
import { type InvocationLogs, meterLogBytes, publishedMetrics } from './log-byte-meter.ts';
import { meterRoundTrips } from './round-trip-meter.ts';

/** An invocation as measured: its timing, the AWS round trips its handler waited for, what it logged. */
interface Invocation extends InvocationTiming {
  awsRoundTrips: number;
  logs: InvocationLogs;
}

/**
 * Names as CloudFormation gives the stack's functions (`<stack>-<logical id>-<12 random characters>`,
 * the logical id the construct id and an 8-digit hash), which the Logger writes on every line twice
 * (the name and the ARN): local names are shorter.
 */
const DEPLOYED_FUNCTION_NAMES = Object.fromEntries(
  Object.keys(FUNCTIONS).map((name) => [
    name,
    `Wirewatch-${DEFAULT_STAGE_CONFIG.stage}-${name.charAt(0).toUpperCase()}${name.slice(1)}3F9A1C2B-k7Qm2xP9vL4t`,
  ]),
) as Record<FunctionName, string>;

/**
 * The trace header Lambda sets for each invocation (`_X_AMZN_TRACE_ID`), traced or not, whose root the
 * Logger writes on every line as `xray_trace_id`; a local run has none.
 */
const LAMBDA_TRACE_HEADER = `Root=1-674e0a1b-3c5d7e9f0a1b2c3d4e5f6a7b;Parent=9f3a5c7e1b2d4f60;Sampled=${DEFAULT_STAGE_CONFIG.tracing ? 1 : 0}`;

/** Item types written once per article (and its alerts); a feed's state and lease are written per poll instead. */
export const PER_POLL_TYPES: ReadonlySet<string> = new Set(['FeedState', 'FeedLease']);

export interface PipelineRunFigures {
  articles: number;
  polls: number;
  /** Write units by item type, over the whole run. */
  writes: Record<string, WriteTally>;
  /** Table + index write units per stored article (every type but FeedState and FeedLease). */
  writeUnitsPerArticle: number;
  /** Table + index write units per feed poll that found new articles (FeedState and FeedLease). */
  writeUnitsPerPoll: number;
  /**
   * Wall milliseconds per record handled, by queue-consuming function, leaving out each function's
   * first invocation (its warm-up: lazy loading that a warm Lambda instance has behind it).
   */
  msPerRecord: Partial<Record<FunctionName, number>>;
  /**
   * The same for the handler's CPU time (the process's, without the emulators' own thread), which
   * other load on the machine does not inflate.
   */
  cpuMsPerRecord: Partial<Record<FunctionName, number>>;
  /**
   * AWS round trips the handler waited for one after another, per invocation (records of a batch are
   * handled together and share their waits). Priced per record as they are: at the design volume most
   * batches carry one record or a few (docs/cost.md).
   */
  awsRoundTripsPerInvocation: Partial<Record<FunctionName, number>>;
  /**
   * A poll that finds nothing new (the feed answers 304): write units, wall and CPU ms per poll, and
   * AWS round trips per invocation. Measured over every invocation: warm by then.
   */
  unchangedPoll: {
    polls: number;
    writeUnits: number;
    ms: number;
    cpuMs: number;
    awsRoundTrips: number;
    logs: LogBytes;
  };
  /**
   * What each function's invocations write to CloudWatch Logs, logging as deployed (INFO, metrics
   * on), after its warm-up invocation; dispatchFeeds per run.
   */
  logBytes: Partial<Record<FunctionName, LogBytes>>;
  /**
   * The custom metrics the run's EMF blobs published (namespace, name and dimensions), both polls:
   * CloudWatch bills each once a month. Those a run without failures never publishes are not here.
   */
  customMetrics: string[];
  /** Emails SNS delivered and alerts recorded, per stored article. */
  emailsPerArticle: number;
  alertsPerArticle: number;
  /** The country, pair or topic label on the largest share of stored articles, e.g. `COUNTRY#US`. */
  busiestLabel: { label: string; share: number } | null;
}

const recordsHandled = (invocations: readonly Invocation[] | undefined) =>
  (invocations ?? []).reduce((sum, each) => sum + each.records, 0);

type Measure = 'ms' | 'cpuMs';

function perRecord(invocations: readonly Invocation[], measure: Measure): number {
  const records = recordsHandled(invocations);
  return records === 0 ? 0 : invocations.reduce((sum, each) => sum + each[measure], 0) / records;
}

/** Each function's first invocation is its warm-up (see msPerRecord). */
const afterWarmUp = (invocations: readonly Invocation[]) =>
  invocations.length > 1 ? invocations.slice(1) : invocations;

function perRecordAfterWarmUp(invocations: readonly Invocation[], measure: Measure): number {
  return perRecord(afterWarmUp(invocations), measure);
}

function roundTripsPerInvocation(invocations: readonly Invocation[]): number {
  return invocations.length === 0
    ? 0
    : invocations.reduce((sum, each) => sum + each.awsRoundTrips, 0) / invocations.length;
}

function logBytesOf(invocations: readonly Invocation[]): LogBytes {
  const records = recordsHandled(invocations);
  const sum = (part: (each: Invocation) => number) =>
    invocations.reduce((total, each) => total + part(each), 0);
  return {
    lineBytesPerRecord: records === 0 ? 0 : sum((each) => each.logs.lineBytes) / records,
    emfBytesPerInvocation:
      invocations.length === 0 ? 0 : sum((each) => each.logs.emfBytes) / invocations.length,
  };
}

const unitsOf = (tally: WriteTally) => tally.tableUnits + tally.indexUnits;

async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

/**
 * Labels the classifier gives (countries, pairs, topics): those concentrate on a few values in real
 * news. A source or cluster label is spread over sites and stories (the samples have one site only).
 */
const CLASSIFIED_LABEL = /^(COUNTRY|PAIR|TOPIC)#/;

/** What the run left in the table: alerts, and the label listing the most articles. */
async function census(reader: DynamoDBClient) {
  const labels = new Map<string, number>();
  let alerts = 0;
  for await (const page of paginateScan({ client: reader }, { TableName: LOCAL_NAMES.table })) {
    for (const item of page.Items ?? []) {
      if (item.type?.S === 'Alert') alerts += 1;
      const label = item.gsi1pk?.S;
      if (item.type?.S === 'ArticleLabel' && label !== undefined && CLASSIFIED_LABEL.test(label))
        labels.set(label, (labels.get(label) ?? 0) + 1);
    }
  }
  const [busiest] = [...labels].sort((a, b) => b[1] - a[1]);
  return { alerts, busiest };
}

/**
 * What the cost model needs from the samples: write units, alerts, emails and labels from a run with
 * the write meter; time, round trips and log bytes from a run without it, in a fresh process
 * (bench/unmetered-run-process.ts), so the meter's reads are not counted as the handlers' work.
 */
export async function measurePipelineRun(): Promise<PipelineRunFigures> {
  const metered = await runSamples({ meterWrites: true });
  const unmetered = await runSamplesInChildProcess();
  return {
    ...metered,
    msPerRecord: unmetered.msPerRecord,
    cpuMsPerRecord: unmetered.cpuMsPerRecord,
    awsRoundTripsPerInvocation: unmetered.awsRoundTripsPerInvocation,
    unchangedPoll: {
      ...unmetered.unchangedPoll,
      polls: metered.unchangedPoll.polls,
      writeUnits: metered.unchangedPoll.writeUnits,
    },
    logBytes: unmetered.logBytes,
  };
}

const UNMETERED_RUN_PROCESS = join(import.meta.dirname, 'unmetered-run-process.ts');
/** tsx's loader, resolved from here rather than from the working directory the command runs in. */
const TSX_LOADER = import.meta.resolve('tsx');

async function runSamplesInChildProcess(): Promise<PipelineRunFigures> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', TSX_LOADER, UNMETERED_RUN_PROCESS],
    {
      maxBuffer: 16 << 20,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    },
  );
  return JSON.parse(stdout) as PipelineRunFigures;
}

/** One poll of the sample feeds through the local pipeline, then an unchanged poll of each. */
export async function runSamples(options: { meterWrites: boolean }): Promise<PipelineRunFigures> {
  const outboxDir = await mkdtemp(join(tmpdir(), 'wirewatch-cost-'));
  // Before the runtime starts: the handlers create their clients as their modules load.
  const roundTrips = meterRoundTrips();
  // One batch at a time: each invocation's CPU time and round trips are then its own, not its neighbours'.
  // One record per batch, as the cost model prices them (at the design volume most batches carry one
  // or a few); a batch of several shares its waits, so its round trips are not one record's.
  const pipeline = await startLocalRuntime({
    stateDir: null,
    outboxDir,
    verbose: false,
    invocationsAtOnce: { perFunction: 1, total: 1 },
    batchSizes: { feedJobs: 1, articleJobs: 1, classifyJobs: 1 },
    observabilityAsDeployed: {
      metricsNamespace: metricsNamespace(DEFAULT_STAGE_CONFIG.stage),
      functionNames: DEPLOYED_FUNCTION_NAMES,
    },
  });
  // The handlers' Powertools consoles look up the streams' write as they print: metered from here on.
  const logs = meterLogBytes();
  const traceHeaderBefore = process.env._X_AMZN_TRACE_ID;
  process.env._X_AMZN_TRACE_ID = LAMBDA_TRACE_HEADER;
  try {
    const feeds = await readJson<{ url: string; title?: string }[]>(join(SAMPLES_DIR, 'feeds.json'));
    const rules = await readJson<{ id: string; name?: string; query: string }[]>(
      join(SAMPLES_DIR, 'rules.json'),
    );
    await registerFeeds(feeds, { feeds: pipeline.feedStore, clock: systemClock });
    for (const rule of rules) {
      await pipeline.ruleStore.putRule({
        id: rule.id,
        name: rule.name ?? rule.id,
        query: rule.query,
        createdAt: systemClock.now().toISOString(),
      });
    }
    const subscribers = await readJson<{ email: string; filterPolicy?: unknown }[]>(
      join(SAMPLES_DIR, 'subscribers.json'),
    );
    for (const subscriber of subscribers) {
      await pipeline.sns.send(
        new SubscribeCommand({
          TopicArn: pipeline.topicArn,
          Protocol: 'email',
          Endpoint: subscriber.email,
          ...(subscriber.filterPolicy === undefined
            ? {}
            : { Attributes: { FilterPolicy: JSON.stringify(subscriber.filterPolicy) } }),
        }),
      );
    }
    // The handlers' client is created at their cold start, which starting the runtime performed:
    // importing the module now gives that same client, so the meter sees exactly what they send.
    const { dynamodb } = await import('../functions/commons/dynamodb-client.ts');
    const reader = new DynamoDBClient({
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      endpoint: pipeline.aws.endpoints.dynamodb,
    });
    const tally: WriteUnitsByType = new Map();
    let timings = new Map<FunctionName, Invocation[]>();
    // One invocation at a time (above): the round trips between its start and end are its own.
    let roundTripsAtStart = 0;
    const emfBlobs: string[] = [];
    pipeline.onInvocationStart = () => {
      roundTripsAtStart = roundTrips.roundTrips();
      logs.begin();
    };
    pipeline.onInvocation = (name, timing) => {
      const invocationLogs = logs.end();
      emfBlobs.push(...invocationLogs.emfBlobs);
      const invocation = {
        ...timing,
        awsRoundTrips: roundTrips.roundTrips() - roundTripsAtStart,
        logs: invocationLogs,
      };
      timings.set(name, [...(timings.get(name) ?? []), invocation]);
    };
    const stopMetering = options.meterWrites
      ? meterWrites(dynamodb, reader, LOCAL_NAMES.table, tally)
      : () => {};
    try {
      await pipeline.tick();
      const articles = pipeline.archivedDocuments.size;
      const polls = recordsHandled(timings.get('fetchFeed'));
      const firstRun = timings;
      const firstTally = structuredClone(tally);
      // A second poll of every feed, made due at once as `wirewatch run` does: the sample site answers
      // 304 as most feeds do most of the time, so this is what an ordinary poll costs.
      const dueNow = systemClock.now().toISOString();
      for (const feed of feeds) {
        const state = await pipeline.feedStore.getFeed(feedIdFor(new URL(feed.url).toString()));
        if (state !== null) await pipeline.feedStore.saveFeedState({ ...state, nextDueAt: dueNow });
      }
      tally.clear();
      timings = new Map();
      await pipeline.tick();
      const unchangedCalls = timings.get('fetchFeed') ?? [];
      const unchangedPolls = recordsHandled(unchangedCalls);

      let perArticle = 0;
      let perPoll = 0;
      for (const [type, each] of firstTally) {
        if (PER_POLL_TYPES.has(type)) perPoll += unitsOf(each);
        else perArticle += unitsOf(each);
      }
      const perStored = (count: number) => (articles === 0 ? 0 : count / articles);
      const { alerts, busiest } = await census(reader);
      return {
        articles,
        polls,
        writes: Object.fromEntries(firstTally),
        writeUnitsPerArticle: perStored(perArticle),
        writeUnitsPerPoll: polls === 0 ? 0 : perPoll / polls,
        msPerRecord: Object.fromEntries(
          [...firstRun].map(([name, calls]) => [name, perRecordAfterWarmUp(calls, 'ms')]),
        ),
        cpuMsPerRecord: Object.fromEntries(
          [...firstRun].map(([name, calls]) => [name, perRecordAfterWarmUp(calls, 'cpuMs')]),
        ),
        awsRoundTripsPerInvocation: Object.fromEntries(
          [...firstRun].map(([name, calls]) => [name, roundTripsPerInvocation(afterWarmUp(calls))]),
        ),
        unchangedPoll: {
          polls: unchangedPolls,
          writeUnits:
            unchangedPolls === 0
              ? 0
              : [...tally.values()].reduce((sum, each) => sum + unitsOf(each), 0) / unchangedPolls,
          ms: perRecord(unchangedCalls, 'ms'),
          cpuMs: perRecord(unchangedCalls, 'cpuMs'),
          awsRoundTrips: roundTripsPerInvocation(unchangedCalls),
          logs: logBytesOf(unchangedCalls),
        },
        logBytes: Object.fromEntries(
          [...firstRun].map(([name, calls]) => [name, logBytesOf(afterWarmUp(calls))]),
        ),
        customMetrics: [...publishedMetrics(emfBlobs)].sort(),
        emailsPerArticle: perStored(pipeline.aws.sns.emails.length),
        alertsPerArticle: perStored(alerts),
        busiestLabel: busiest === undefined ? null : { label: busiest[0], share: perStored(busiest[1]) },
      };
    } finally {
      stopMetering();
      reader.destroy();
    }
  } finally {
    roundTrips.stop();
    logs.stop();
    if (traceHeaderBefore === undefined) delete process.env._X_AMZN_TRACE_ID;
    else process.env._X_AMZN_TRACE_ID = traceHeaderBefore;
    await pipeline.close();
    await rm(outboxDir, { recursive: true, force: true });
  }
}
