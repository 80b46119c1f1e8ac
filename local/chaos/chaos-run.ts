/**
 * One `wirewatch chaos` run: the local pipeline over a generated corpus with ground truth, while AWS
 * calls fail (aws-faults.ts), invocations are cut short and messages arrive twice or out of order
 * (invocation-faults.ts) and feed servers misbehave (feed-faults.ts), all drawn from one seed. Feeds
 * are polled in rounds until the corpus is in or the rounds run out; then what the table holds and
 * what SNS accepted are compared with the ground truth.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ENV, type QueueName } from '../../infra/resource-definitions.ts';
import { feedIdFor } from '../../shared/polling/feed-state.ts';
import { systemClock } from '../../shared/ports/clock.ts';
import { LocalPipeline } from '../local-pipeline.ts';
import { registerCorpus, SyntheticCorpus } from '../synthetic-corpus.ts';
import { startSyntheticSite } from '../synthetic-site.ts';
import { type AwsFaultCounts, AwsFaultInjector, installAwsFaults } from './aws-faults.ts';
import { FeedFaults } from './feed-faults.ts';
import { type InvocationFaultCounts, InvocationFaults } from './invocation-faults.ts';

export interface ChaosOptions {
  articles: number;
  feeds: number;
  /** The share of AWS calls and feed polls that fail; invocations are cut short at a quarter of it. */
  faultRate: number;
  seed: number;
  /** Polling rounds at most: a feed that failed or looked stale is polled again in the next. */
  maxRounds?: number;
  /** Told after each round, e.g. to show progress. */
  onRound?: (round: number, progress: { stored: number; delivered: number }) => void;
}

/** The figures the issue asks for; with --json, exactly this object. */
export interface ChaosReport {
  seed: number;
  faultRate: number;
  articles: { expected: number; stored: number; lost: number; duplicated: number };
  alerts: { expected: number; delivered: number; missing: number; duplicated: number; unpreventable: number };
  deadLetters: { queue: string; reason: string; poisoned: boolean }[];
  retries: number;
  seconds: number;
}

/** What the run injected and saw beyond the report: for the human-readable output and for tests. */
export interface ChaosDetails {
  rounds: number;
  aws: AwsFaultCounts;
  runtime: InvocationFaultCounts;
  feeds: FeedFaults['counts'];
  sdkRetries: number;
  queueRetries: number;
  /** Alerts SNS accepted that the ground truth does not expect. */
  unexpectedAlerts: string[];
  lostArticles: string[];
  missingAlerts: string[];
  duplicatedAlerts: string[];
}

/** Messages no handler can process, sent on purpose: each must end in its queue's DLQ with a reason. */
const POISON: Record<QueueName, string> = {
  feedJobs: JSON.stringify({ feedId: 42, chaos: 'poison: a feed job that does not match its schema' }),
  articleJobs: 'poison: an article job that is not JSON',
  classifyJobs: JSON.stringify({
    Records: [
      {
        eventName: 'ObjectCreated:Put',
        s3: { bucket: { name: 'wirewatch-local-archive' }, object: { key: 'raw/chaos-poison.html.gz' } },
      },
    ],
  }),
};

/** How long an alert is held while it is published, and so the least time before a retry. */
const ALERT_LEASE_MS = 1000;

const SAMPLE_SITE = fileURLToPath(new URL('../../samples/site/', import.meta.url));

/** True when the run met every target: nothing lost, stored twice, missing or sent twice by a bug. */
export function chaosPassed(report: ChaosReport, details: Pick<ChaosDetails, 'unexpectedAlerts'>): boolean {
  return (
    report.articles.lost === 0 &&
    report.articles.duplicated === 0 &&
    report.alerts.missing === 0 &&
    report.alerts.duplicated === 0 &&
    details.unexpectedAlerts.length === 0 &&
    report.deadLetters.every(({ poisoned }) => poisoned)
  );
}

async function storedArticles(pipeline: LocalPipeline): Promise<{ id: string; url: string }[]> {
  const items: { id: string; url: string }[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await pipeline.table.client.send(
      new ScanCommand({
        TableName: pipeline.table.tableName,
        FilterExpression: '#type = :article',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':article': 'Article' },
        ProjectionExpression: 'id, canonicalUrl',
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) items.push({ id: String(item.id), url: String(item.canonicalUrl) });
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}

export async function runChaos(
  options: ChaosOptions,
): Promise<{ report: ChaosReport; details: ChaosDetails }> {
  const started = Date.now();
  const { seed, faultRate: rate } = options;
  const corpus = new SyntheticCorpus({
    seed,
    articles: options.articles,
    feeds: options.feeds,
    newestAt: new Date(),
  });
  const runtimeFaults = new InvocationFaults(seed, { kill: rate / 4, reorder: rate, redeliver: rate / 2 });
  const awsFaults = new AwsFaultInjector(seed, rate, runtimeFaults);
  const feedFaults = new FeedFaults(seed, rate, corpus);
  const site = await startSyntheticSite(corpus, { intercept: feedFaults.intercept });
  const outboxDir = await mkdtemp(join(tmpdir(), 'wirewatch-chaos-'));
  // Installed before the handlers load, so that the clients they create carry the fault middleware.
  const uninstall = installAwsFaults(awsFaults);
  // Time is compressed as AWS orders it: a failed message comes back only after any alert lease it
  // held has run out (the visibility timeout, 540 s, outlasts the 60 s lease), here in a second.
  const leaseBefore = process.env[ENV.alertLeaseSeconds];
  process.env[ENV.alertLeaseSeconds] = String(ALERT_LEASE_MS / 1000);
  let pipeline: LocalPipeline | null = null;
  try {
    pipeline = await LocalPipeline.start({
      stateDir: null,
      outboxDir,
      sampleRoot: SAMPLE_SITE,
      verbose: false,
      faults: runtimeFaults,
      // The fault injector follows the AWS calls of the one invocation under way.
      invocationsAtOnce: { perFunction: 1, total: 1 },
      retryDelayMs: ALERT_LEASE_MS,
      loopbackSites: [{ hosts: corpus.hosts, address: site.address }],
    });
    const clock = systemClock;
    const feeds = corpus.feeds();
    await registerCorpus(corpus, { feeds: pipeline.feedStore, rules: pipeline.ruleStore }, clock);
    for (const [queue, body] of Object.entries(POISON) as [QueueName, string][])
      pipeline.queue(queue).send(body);

    const expectedArticles = new Map(
      Array.from({ length: corpus.articleCount }, (_, index) => [
        corpus.articleId(index),
        corpus.articleUrl(index),
      ]),
    );
    const expectedAlerts = new Set(
      [...corpus.expectedMatches()].flatMap(([ruleId, ids]) => ids.map((id) => `${id}:${ruleId}`)),
    );
    const feedIds = feeds.map(({ url }) => feedIdFor(new URL(url).toString()));
    const maxRounds = options.maxRounds ?? 6;
    let rounds = 0;
    let stored: { id: string; url: string }[] = [];
    const delivered = () =>
      [...expectedAlerts].filter((id) => (runtimeFaults.publishes.get(id)?.accepted ?? 0) > 0);
    while (rounds < maxRounds) {
      rounds += 1;
      // Every feed is due now, as `wirewatch run` makes them: one that failed is polled again.
      for (const feedId of feedIds) {
        const state = await pipeline.feedStore.getFeed(feedId);
        if (state !== null)
          await pipeline.feedStore.saveFeedState({ ...state, nextDueAt: clock.now().toISOString() });
      }
      await pipeline.tick();
      stored = await storedArticles(pipeline);
      const storedIds = new Set(stored.map(({ id }) => id));
      const complete =
        [...expectedArticles.keys()].every((id) => storedIds.has(id)) &&
        delivered().length === expectedAlerts.size;
      options.onRound?.(rounds, { stored: storedIds.size, delivered: delivered().length });
      // Two rounds at least, so that every feed is also polled once it has content to compare against.
      if (complete && rounds >= 2) break;
    }

    const storedIds = new Set(stored.map(({ id }) => id));
    const lostArticles = [...expectedArticles.keys()].filter((id) => !storedIds.has(id));
    const itemsPerUrl = new Map<string, number>();
    for (const { url } of stored) itemsPerUrl.set(url, (itemsPerUrl.get(url) ?? 0) + 1);
    const duplicatedArticles = [...expectedArticles.values()].filter(
      (url) => (itemsPerUrl.get(url) ?? 0) > 1,
    );

    let unpreventable = 0;
    const duplicatedAlerts: string[] = [];
    for (const [alertId, ledger] of runtimeFaults.publishes) {
      const extra = Math.max(0, ledger.accepted - 1);
      const excused = Math.min(extra, ledger.unacknowledged);
      unpreventable += excused;
      for (let copy = excused; copy < extra; copy++) duplicatedAlerts.push(alertId);
    }
    const deliveredAlerts = delivered();
    const missingAlerts = [...expectedAlerts].filter((id) => !deliveredAlerts.includes(id));
    const unexpectedAlerts = [...runtimeFaults.publishes.keys()].filter((id) => !expectedAlerts.has(id));

    const poisonBodies = new Set(Object.values(POISON));
    const deadLetters = [...pipeline.deadLetterQueues].flatMap(([queue, dlq]) =>
      dlq.list().map((message) => ({
        queue,
        reason: `${message.attributes.errorCode?.StringValue ?? 'unknown'}: ${message.attributes.errorMessage?.StringValue ?? ''}`,
        poisoned: poisonBodies.has(message.body),
      })),
    );
    const sdkRetries = awsFaults.counts.attempts - awsFaults.counts.calls;
    const queueRetries = [...pipeline.queueStats().values()].reduce((sum, stats) => sum + stats.retried, 0);
    const report: ChaosReport = {
      seed,
      faultRate: rate,
      articles: {
        expected: expectedArticles.size,
        stored: expectedArticles.size - lostArticles.length,
        lost: lostArticles.length,
        duplicated: duplicatedArticles.length,
      },
      alerts: {
        expected: expectedAlerts.size,
        delivered: deliveredAlerts.length,
        missing: missingAlerts.length,
        duplicated: duplicatedAlerts.length,
        unpreventable,
      },
      deadLetters,
      retries: sdkRetries + queueRetries,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
    return {
      report,
      details: {
        rounds,
        aws: awsFaults.counts,
        runtime: runtimeFaults.counts,
        feeds: feedFaults.counts,
        sdkRetries,
        queueRetries,
        unexpectedAlerts,
        lostArticles,
        missingAlerts,
        duplicatedAlerts,
      },
    };
  } finally {
    uninstall();
    if (leaseBefore === undefined) delete process.env[ENV.alertLeaseSeconds];
    else process.env[ENV.alertLeaseSeconds] = leaseBefore;
    await pipeline?.close();
    await site.close();
    await rm(outboxDir, { recursive: true, force: true });
  }
}
