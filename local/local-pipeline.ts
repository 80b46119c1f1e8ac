/**
 * The local runtime: the real Lambda handlers, wired as in AWS, on this machine.
 * - the emulators (local-aws.ts) with the table, bucket and topic made from the CDK definitions;
 * - one queue per stage with its dead-letter queue, delivered to the handlers as SQS batch events
 *   with partial batch failures, receive counts and retries (queues/local-queue.ts); with a state
 *   directory the queues are durable, so a run stopped at any point resumes its unfinished jobs;
 * - S3 ObjectCreated events for article documents turned into classify-queue messages, as the
 *   bucket notification does in AWS;
 * - a scheduled EventBridge event that starts dispatch, and the daily one that sends digests.
 * Handlers are loaded after the environment is set, each with its own dead-letter queue variable,
 * exactly as each Lambda function gets its own configuration.
 */

import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context, ScheduledEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { DynamoDbFeedStateStore } from '../adapters/dynamodb/feed-state-store.dynamodb.ts';
import { DynamoDbRuleStore } from '../adapters/dynamodb/rule-store.dynamodb.ts';
import type { TableClient } from '../adapters/dynamodb/table-client.ts';
import { cpuMs } from '../bench/measure.ts';
import {
  BUCKET,
  DIGEST_SCHEDULE_UTC,
  ENV,
  FUNCTIONS,
  type FunctionName,
  QUEUES,
  type QueueName,
  SERVICE_NAME,
} from '../infra/resource-definitions.ts';
import type { DigestRunSummary } from '../shared/pipeline/send-daily-digests.ts';
import { createTable, createTopic } from './create-resources.ts';
import { lambdaContext, scheduledEvent, sqsEvent } from './lambda-events.ts';
import {
  LOCAL_ACCOUNT,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  type LocalAws,
  type LocalAwsOptions,
  startLocalAws,
} from './local-aws.ts';
import { LocalQueue, type QueuedMessage } from './queues/local-queue.ts';
import { MessageDirectory } from './queues/message-directory.ts';
import { type SampleSite, sampleSiteAccess, startSampleSite } from './sample-site.ts';

/** A function that cannot start (bad configuration, a missing module), as Lambda would report it. */
export class ColdStartError extends Error {
  override name = 'ColdStartError';
}

export const LOCAL_NAMES = {
  table: 'wirewatch-local',
  bucket: 'wirewatch-local-archive',
  topic: 'wirewatch-alerts',
  digestTopic: 'wirewatch-digests',
} as const;

export interface LocalPipelineOptions {
  stateDir: string | null;
  outboxDir: string;
  /** The folder served as the sample news site. */
  sampleRoot: string;
  /**
   * Modules to load instead of the source entries, by function: e.g. the esbuild bundles Lambda
   * runs, to check that what ships behaves as the source does.
   */
  handlerModules?: Partial<Record<FunctionName, string>>;
  /** Show the functions' structured logs (INFO) instead of errors only. */
  verbose: boolean;
  /** Faults the runtime itself injects, for `wirewatch chaos` only; none by default. */
  faults?: RuntimeFaults;
  /**
   * The first retry delay of a failed message (default 100 ms), doubling with each receive: the local
   * stand-in for the visibility timeout, which on AWS is longer than any lease a handler holds.
   */
  retryDelayMs?: number;
  /**
   * How many batches are delivered at once (default DEFAULT_INVOCATIONS_AT_ONCE): to each function
   * (as its reserved concurrency would in Lambda) and in all; `{ perFunction: 1, total: 1 }` delivers
   * one batch at a time, e.g. for a fault injector that follows one invocation's calls.
   */
  invocationsAtOnce?: InvocationsAtOnce;
  /**
   * Records per batch, by queue, instead of the stack's batch sizes (QUEUES): the cost run delivers
   * one record per batch, as its model prices them.
   */
  batchSizes?: Partial<Record<QueueName, number>>;
  /**
   * Loopback servers this process started (a generated corpus for `bench e2e` or `chaos`) that the
   * handlers may fetch from, as they do the sample site: each host name, on port 80 only, is
   * connected to `address` and let past the SSRF guard. Only code can pass this; no environment
   * variable, file or flag of `run` reaches it.
   */
  loopbackSites?: readonly LoopbackSite[];
  /**
   * Starts the AWS services the runtime uses: by default the in-process emulators (startLocalAws);
   * the suites on moto pass startMotoAws (local/moto-aws.ts) through test/support/test-backend.ts.
   */
  startAws?: (options: LocalAwsOptions) => Promise<LocalAws>;
  /**
   * Let the handlers log and publish metrics as the stack deploys them (Powertools Logger at INFO,
   * Metrics on, in `metricsNamespace`), each under the name Lambda would give it in its context, for a
   * run that measures what they write (the cost run); capturing the output is the caller's. By default
   * they log only when `verbose`, and publish no metrics.
   */
  observabilityAsDeployed?: ObservabilityAsDeployed;
  /**
   * Whether `aws.sns.emails` keeps every email delivered (default true); a long run that only
   * listens to `aws.sns.onEmail` passes false, so its memory does not grow with every alert.
   */
  keepEmails?: boolean;
}

/**
 * What a fault injector may do to the runtime around the handlers: what SQS and Lambda allow and a
 * correct pipeline must survive.
 */
export interface RuntimeFaults {
  /** The order a received batch is delivered in: standard queues do not promise any. */
  arrange(functionName: FunctionName, batch: QueuedMessage[]): QueuedMessage[];
  /** Starts an invocation; `end` returns why the runtime cut it short (a crash, a timeout), or null. */
  invoke(functionName: FunctionName, batch: readonly QueuedMessage[]): { end(): string | null };
  /** Whether a processed and deleted message, or an S3 event, is delivered once more (at least once). */
  deliverAgain(source: QueueName | 's3-event'): boolean;
}

export interface ObservabilityAsDeployed {
  metricsNamespace: string;
  /** The function names handed to the handlers (logged on every line), by function. */
  functionNames: Record<FunctionName, string>;
}

export interface LoopbackSite {
  hosts: readonly string[];
  /** Where the server listens: 127.0.0.1:port. */
  address: string;
}

export interface InvocationTiming {
  records: number;
  ms: number;
  /** CPU time of the process meanwhile, without the in-process emulators' own thread (thread-cpu-time.ts). */
  cpuMs: number;
}

/** How often a runtime with invocations in flight looks for jobs they sent. */
const NEW_JOB_POLL_MS = 5;

export interface InvocationsAtOnce {
  perFunction: number;
  total: number;
}

/**
 * Batches in flight at once by default: one. The records of a batch are processed concurrently, so
 * the emulators' thread already works while the handler's does; a second batch beside it (a fetch
 * beside a classify) only shared this thread's core with it. One at a time, bench e2e on 300
 * articles (two pairs of runs side by side, load ~11) ran in about the same time (−6 % to +7 %) with
 * alert latency a third lower (p95 3.6–3.8 s against 5.4–6.4 s), the classify batch no longer
 * sharing the thread with a fetch; two classify batches at once made p95 8.7 s.
 */
export const DEFAULT_INVOCATIONS_AT_ONCE: InvocationsAtOnce = { perFunction: 1, total: 1 };

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
type ScheduledHandler = (event: ScheduledEvent, context: Context) => Promise<unknown>;

interface Consumer {
  functionName: FunctionName;
  queueName: QueueName;
  queue: LocalQueue;
  handler: SqsHandler;
}

/** Real S3 URL-encodes object keys in notifications (spaces as '+'); s3rver does not, so we do. */
const encodeS3Key = (key: string) => key.split('/').map(encodeURIComponent).join('/').replace(/%20/g, '+');

/** The object keys an S3 notification (a classify-queue message body) names, decoded; none if malformed. */
function notifiedKeys(body: string): string[] {
  try {
    const { Records } = JSON.parse(body) as { Records?: { s3?: { object?: { key?: unknown } } }[] };
    return (Records ?? [])
      .map((record) => record.s3?.object?.key)
      .filter((key): key is string => typeof key === 'string')
      .map((key) => decodeURIComponent(key.replace(/\+/g, ' ')));
  } catch {
    return [];
  }
}

export class LocalPipeline {
  readonly deadLetterQueues: ReadonlyMap<QueueName, LocalQueue>;
  readonly table: TableClient;
  readonly sns: SNSClient;
  readonly topicArn: string;
  readonly digestTopicArn: string;
  /** Keys of the article documents archived (S3 ObjectCreated under articles/) since start. */
  readonly archivedDocuments = new Set<string>();
  /**
   * Told of each queue-consuming invocation and each scheduled dispatch as it starts, and again as it
   * ends with its records (a dispatch has one event), wall time and the handler's CPU time (the
   * process's meanwhile, without the in-process emulators' thread). For measurements.
   */
  onInvocationStart: ((functionName: FunctionName) => void) | null = null;
  onInvocation: ((functionName: FunctionName, invocation: InvocationTiming) => void) | null = null;
  /**
   * Keys of the article documents classified since start. S3 may notify twice for one document, so
   * this, not the classify queue's message count, says how many articles were classified.
   */
  readonly classifiedDocuments = new Set<string>();

  private constructor(
    readonly aws: LocalAws,
    readonly site: SampleSite,
    private readonly queues: ReadonlyMap<QueueName, LocalQueue>,
    deadLetterQueues: ReadonlyMap<QueueName, LocalQueue>,
    private readonly consumers: readonly Consumer[],
    private readonly dispatch: ScheduledHandler,
    private readonly sendDigest: ScheduledHandler,
    topics: { topicArn: string; digestTopicArn: string },
    private readonly faults: RuntimeFaults | null,
    private readonly invocationsAtOnce: InvocationsAtOnce,
    private readonly deployedFunctionNames: Record<FunctionName, string> | null,
  ) {
    this.deadLetterQueues = deadLetterQueues;
    this.topicArn = topics.topicArn;
    this.digestTopicArn = topics.digestTopicArn;
    const clientConfig = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
    this.table = {
      client: DynamoDBDocumentClient.from(
        new DynamoDBClient({ ...clientConfig, endpoint: aws.endpoints.dynamodb }),
        {
          marshallOptions: { removeUndefinedValues: true },
        },
      ),
      tableName: LOCAL_NAMES.table,
    };
    this.sns = new SNSClient({ ...clientConfig, endpoint: aws.endpoints.sns });
  }

  static async start(options: LocalPipelineOptions): Promise<LocalPipeline> {
    const aws = await (options.startAws ?? startLocalAws)({
      stateDir: options.stateDir,
      outboxDir: options.outboxDir,
      bucketName: LOCAL_NAMES.bucket,
      keepEmails: options.keepEmails ?? true,
    });
    const site = await startSampleSite(options.sampleRoot);
    const clientConfig = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
    const tableCreated = await createTable(
      new DynamoDBClient({ ...clientConfig, endpoint: aws.endpoints.dynamodb }),
      LOCAL_NAMES.table,
    );
    const snsClient = new SNSClient({ ...clientConfig, endpoint: aws.endpoints.sns });
    const topicArn = await createTopic(snsClient, LOCAL_NAMES.topic);
    const digestTopicArn = await createTopic(snsClient, LOCAL_NAMES.digestTopic);
    snsClient.destroy();

    const queues = new Map<QueueName, LocalQueue>();
    const deadLetterQueues = new Map<QueueName, LocalQueue>();
    for (const [name, definition] of Object.entries(QUEUES) as [QueueName, (typeof QUEUES)[QueueName]][]) {
      const settings = (queueName: string, batchSize: number) => ({
        name: queueName,
        url: aws.sqs.queueUrl(queueName),
        arn: `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${queueName}`,
        batchSize,
        maxReceiveCount: definition.maxReceiveCount,
        retryDelayMs: options.retryDelayMs ?? 100,
      });
      const directory = (queueName: string) =>
        options.stateDir === null ? null : new MessageDirectory(join(options.stateDir, 'queues', queueName));
      const deadLetterName = `${SERVICE_NAME}-${name}-dlq`;
      const queueName = `${SERVICE_NAME}-${name}`;
      const deadLetters = new LocalQueue(settings(deadLetterName, 10), null, directory(deadLetterName));
      const queue = new LocalQueue(
        settings(queueName, options.batchSizes?.[name] ?? definition.batchSize),
        deadLetters,
        directory(queueName),
      );
      for (const each of [queue, deadLetters]) aws.sqs.register(each);
      queues.set(name, queue);
      deadLetterQueues.set(name, deadLetters);
    }
    const queue = (name: QueueName) => queues.get(name) as LocalQueue;

    const access = sampleSiteAccess(site);
    const loopbackSites = options.loopbackSites ?? [];
    Object.assign(process.env, {
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ENDPOINT_URL_DYNAMODB: aws.endpoints.dynamodb,
      AWS_ENDPOINT_URL_S3: aws.endpoints.s3,
      AWS_ENDPOINT_URL_SNS: aws.endpoints.sns,
      AWS_ENDPOINT_URL_SQS: aws.endpoints.sqs,
      // s3rver stores stream bodies with aws-chunked framing unless checksums are only sent when required.
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      ...(options.observabilityAsDeployed === undefined
        ? {
            // Quiet unless asked: the run prints dead letters and feed errors with their reasons itself.
            POWERTOOLS_LOG_LEVEL: options.verbose ? 'INFO' : 'SILENT',
            POWERTOOLS_METRICS_DISABLED: 'true',
          }
        : {
            POWERTOOLS_LOG_LEVEL: 'INFO',
            POWERTOOLS_METRICS_DISABLED: 'false',
            POWERTOOLS_METRICS_NAMESPACE: options.observabilityAsDeployed.metricsNamespace,
          }),
      // Not traced, so the handlers never import the tracer and the X-Ray SDK (observability.ts).
      POWERTOOLS_TRACE_ENABLED: 'false',
      [ENV.tableName]: LOCAL_NAMES.table,
      [ENV.bucketName]: LOCAL_NAMES.bucket,
      [ENV.topicArn]: topicArn,
      [ENV.digestTopicArn]: digestTopicArn,
      [ENV.feedQueueUrl]: queue('feedJobs').settings.url,
      [ENV.articleQueueUrl]: queue('articleJobs').settings.url,
      // The sample site and any generated corpus, each host on port 80 only (see sampleSiteAccess).
      [ENV.allowedPrivateHosts]: [
        ...access.allowPrivateHosts,
        ...loopbackSites.flatMap(({ hosts }) => hosts.map((host) => `${host}:80`)),
      ].join(','),
      [ENV.connectTo]: [
        ...access.connectTo,
        ...loopbackSites.flatMap(({ hosts, address }) => hosts.map((host) => `${host}:80=${address}`)),
      ].join(','),
      [ENV.minPollSeconds]: '60',
      // A table this run created has no band items of schemas 1.1 to 1.4 to query for; a kept one may.
      [ENV.bandItemsBefore]: tableCreated ? 'none' : '',
      [ENV.ruleCacheSeconds]: '0',
    });

    const consumers: Consumer[] = [];
    const load = async (name: FunctionName) => {
      const definition = FUNCTIONS[name];
      const consumes = 'consumes' in definition ? definition.consumes : undefined;
      if (consumes !== undefined) {
        process.env[ENV.deadLetterQueueUrl] = (deadLetterQueues.get(consumes) as LocalQueue).settings.url;
      }
      // The entry path comes from the shared definitions, as CDK's NodejsFunction takes it.
      const entry = options.handlerModules?.[name] ?? new URL(`../${definition.entry}`, import.meta.url).href;
      let module: { handler: unknown };
      try {
        module = (await import(/* @vite-ignore */ entry)) as { handler: unknown };
      } catch (error) {
        throw new ColdStartError(`${definition.entry} failed its cold start: ${(error as Error).message}`, {
          cause: error,
        });
      } finally {
        delete process.env[ENV.deadLetterQueueUrl];
      }
      if (consumes !== undefined)
        consumers.push({
          functionName: name,
          queueName: consumes,
          queue: queue(consumes),
          handler: module.handler as SqsHandler,
        });
      return module.handler;
    };
    let dispatch: ScheduledHandler;
    let sendDigest: ScheduledHandler;
    try {
      dispatch = (await load('dispatchFeeds')) as ScheduledHandler;
      for (const name of ['fetchFeed', 'fetchArticle', 'classifyArticle'] as const) await load(name);
      sendDigest = (await load('sendDigest')) as ScheduledHandler;
    } catch (error) {
      await Promise.all([site.close(), aws.close()]);
      throw error;
    }

    const pipeline = new LocalPipeline(
      aws,
      site,
      queues,
      deadLetterQueues,
      consumers,
      dispatch,
      sendDigest,
      { topicArn, digestTopicArn },
      options.faults ?? null,
      options.invocationsAtOnce ?? DEFAULT_INVOCATIONS_AT_ONCE,
      options.observabilityAsDeployed?.functionNames ?? null,
    );
    aws.s3.on('event', (event: { Records: { eventName: string; s3: { object: { key: string } } }[] }) => {
      for (const record of event.Records) {
        const { key } = record.s3.object;
        if (!record.eventName.startsWith('ObjectCreated:')) continue;
        if (!key.startsWith(BUCKET.articlePrefix) || !key.endsWith(BUCKET.articleSuffix)) continue;
        pipeline.archivedDocuments.add(key);
        const encoded = {
          ...record,
          s3: { ...record.s3, object: { ...record.s3.object, key: encodeS3Key(key) } },
        };
        queue('classifyJobs').send(JSON.stringify({ Records: [encoded] }));
        if (options.faults?.deliverAgain('s3-event')) {
          queue('classifyJobs').send(JSON.stringify({ Records: [encoded] }));
        }
      }
    });
    return pipeline;
  }

  get feedStore() {
    return new DynamoDbFeedStateStore(this.table);
  }

  get ruleStore() {
    return new DynamoDbRuleStore(this.table);
  }

  /** A stage's queue, e.g. to hand it a job directly. */
  queue(name: QueueName): LocalQueue {
    return this.queues.get(name) as LocalQueue;
  }

  /** Jobs waiting in the stage queues: at start, what a stopped run left for this one to finish. */
  pendingJobs(): number {
    return [...this.queues.values()].reduce((sum, queue) => sum + queue.size, 0);
  }

  queueStats() {
    return new Map([...this.queues].map(([name, queue]) => [name, { ...queue.stats }]));
  }

  /** One scheduled run: dispatch due feeds, then deliver every queued job until the pipeline is idle. */
  async tick(): Promise<void> {
    // Emails a stopped run had published and not yet written go out first, once.
    await this.aws.sns.deliverPending();
    const ruleArn = `arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT}:rule/${SERVICE_NAME}-dispatch`;
    this.onInvocationStart?.('dispatchFeeds');
    const started = performance.now();
    const cpuBefore = this.handlerCpuMs();
    await this.dispatch(
      scheduledEvent(ruleArn, LOCAL_REGION, LOCAL_ACCOUNT),
      lambdaContext(
        this.deployedFunctionNames?.dispatchFeeds ?? 'dispatch-feeds',
        LOCAL_REGION,
        LOCAL_ACCOUNT,
        FUNCTIONS.dispatchFeeds.timeoutSeconds,
      ),
    );
    this.onInvocation?.('dispatchFeeds', {
      records: 1,
      ms: performance.now() - started,
      cpuMs: this.handlerCpuMs() - cpuBefore,
    });
    await this.drain();
  }

  /**
   * The daily digest run for `day` (YYYY-MM-DD, UTC): the scheduled event the day after, as
   * EventBridge sends it, so the handler derives the day itself. Resolves once every email is written.
   */
  async sendDigests(day: string): Promise<DigestRunSummary> {
    const ruleArn = `arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT}:rule/${SERVICE_NAME}-digest`;
    const at = new Date(`${day}T00:00:00.000Z`);
    if (Number.isNaN(at.getTime())) throw new RangeError(`Not a day in the form YYYY-MM-DD: "${day}"`);
    at.setUTCDate(at.getUTCDate() + 1);
    at.setUTCHours(DIGEST_SCHEDULE_UTC.hour, DIGEST_SCHEDULE_UTC.minute);
    const summary = await this.sendDigest(
      scheduledEvent(ruleArn, LOCAL_REGION, LOCAL_ACCOUNT, at),
      lambdaContext('send-digest', LOCAL_REGION, LOCAL_ACCOUNT, FUNCTIONS.sendDigest.timeoutSeconds),
    );
    await this.aws.sns.idle();
    return summary as DigestRunSummary;
  }

  /**
   * Delivers every queued job until the pipeline is idle, as Lambda's event source mappings do, up to
   * `invocationsAtOnce` batches in flight (one by default: see DEFAULT_INVOCATIONS_AT_ONCE). A stage
   * waits while a later one has jobs ready: a stored article is classified, and its alerts sent,
   * before more articles are fetched, which keeps alert latency to a classify batch's own time rather
   * than the time to fetch the backlog.
   */
  async drain(): Promise<void> {
    const running = new Map<Promise<void>, FunctionName>();
    const runningOf = (name: FunctionName) => [...running.values()].filter((each) => each === name).length;
    const laterStagesFirst = this.consumers.toReversed();
    const { perFunction, total } = this.invocationsAtOnce;
    for (;;) {
      for (const [stage, consumer] of laterStagesFirst.entries()) {
        if (laterStagesFirst.slice(0, stage).some(({ queue }) => queue.hasVisible())) break;
        while (running.size < total && runningOf(consumer.functionName) < perFunction) {
          const batch = consumer.queue.receive();
          if (batch.length === 0) break;
          const invocation: Promise<void> = this.deliver(consumer, batch).finally(() =>
            running.delete(invocation),
          );
          running.set(invocation, consumer.functionName);
        }
      }
      if (running.size > 0) {
        // Woken when an invocation ends, or (while another may start) soon after a job it sent arrives.
        const wakeUps = [...running.keys()];
        if (running.size < total) wakeUps.push(delay(NEW_JOB_POLL_MS));
        await Promise.race(wakeUps);
        continue;
      }
      await this.aws.sns.idle();
      // An S3 event of a document stored in the last batch may still be on its way to the classify queue.
      await this.aws.settled?.();
      const waiting = this.consumers
        .map(({ queue }) => queue.nextVisibleAt())
        .filter((at): at is number => at !== null);
      if (waiting.length === 0) return;
      const soonest = Math.min(...waiting) - Date.now();
      if (soonest > 0) await delay(soonest);
    }
  }

  /**
   * The process's CPU time without the emulators' own thread: what a handler would use on Lambda.
   * The SNS and SQS emulators answer on this thread and stay counted, a small overstatement.
   */
  private handlerCpuMs(): number {
    return cpuMs() - (this.aws.emulatorThreadCpuMs?.() ?? 0);
  }

  private async deliver(consumer: Consumer, received: QueuedMessage[]): Promise<void> {
    const definition = FUNCTIONS[consumer.functionName];
    const batch = this.faults?.arrange(consumer.functionName, received) ?? received;
    const invocation = this.faults?.invoke(consumer.functionName, batch);
    const event = sqsEvent(batch, consumer.queue.settings.arn, LOCAL_REGION);
    const context = lambdaContext(
      this.deployedFunctionNames?.[consumer.functionName] ?? consumer.functionName,
      LOCAL_REGION,
      LOCAL_ACCOUNT,
      definition.timeoutSeconds,
    );
    let failed: Set<string>;
    let reason: string | null = null;
    this.onInvocationStart?.(consumer.functionName);
    const started = performance.now();
    const cpuBefore = this.handlerCpuMs();
    try {
      const response = await consumer.handler(event, context);
      failed = new Set((response?.batchItemFailures ?? []).map(({ itemIdentifier }) => itemIdentifier));
    } catch (error) {
      // A thrown handler fails the whole batch, as Lambda does.
      failed = new Set(batch.map(({ messageId }) => messageId));
      reason = (error as Error).message;
    }
    this.onInvocation?.(consumer.functionName, {
      records: batch.length,
      ms: performance.now() - started,
      cpuMs: this.handlerCpuMs() - cpuBefore,
    });
    const cutShort = invocation?.end() ?? null;
    if (cutShort !== null) {
      // The runtime never saw a response: every message in the batch comes back, as in Lambda.
      failed = new Set(batch.map(({ messageId }) => messageId));
      reason = cutShort;
    }
    for (const message of batch) {
      if (failed.has(message.messageId)) {
        consumer.queue.fail(message.messageId, reason);
        continue;
      }
      consumer.queue.acknowledge(message.messageId);
      if (consumer.functionName === 'classifyArticle') {
        for (const key of notifiedKeys(message.body)) this.classifiedDocuments.add(key);
      }
      if (this.faults?.deliverAgain(consumer.queueName))
        consumer.queue.send(message.body, message.attributes);
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.site.close(), this.aws.close()]);
  }
}
