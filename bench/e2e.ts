/**
 * `wirewatch bench e2e [--articles N] [--feeds F] [--seed S] [--json]`: the whole local pipeline (the
 * real handlers on the emulators, as `wirewatch run` wires them) over a generated corpus served from
 * loopback (local/synthetic-corpus.ts), end to end: feeds polled, pages fetched, extracted, archived,
 * classified, catalogued, matched against rules and alerted by email.
 *
 * Reports articles per second (wall time from the first dispatch to the last email), alert latency
 * p50/p95 from article stored (the S3 ObjectCreated event time of its document) to email written (the
 * mtime of its .eml file in the outbox), and the process's peak RSS (getrusage maxRSS, which includes
 * the emulators: they run in this process, DynamoDB and S3 in a worker thread of it). Beside it, an in-house baseline named as such: the same
 * pure steps (parse feed, extract page, classify, match rules) called in a loop on a slice of the same
 * corpus, with no HTTP, queues, emulators or storage: the distance between the two is the cost of the
 * pipeline's I/O and hand-offs.
 *
 * Checks the run against the corpus's ground truth and exits 1 when an article was not stored or an
 * expected alert was missing, duplicated or unexpected. `--json` prints exactly one object:
 * {"articles","feeds","seconds","articlesPerSec","alertLatencyMs":{"p50","p95"},"peakRssMb"}.
 */
import { mkdtemp, opendir, rmdir, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { SubscribeCommand } from '@aws-sdk/client-sns';
import { SAMPLES_DIR } from '../cli/local-runtime.ts';
import type { LocalAws } from '../local/local-aws.ts';
import { LocalPipeline } from '../local/local-pipeline.ts';
import { registerCorpus, SyntheticCorpus } from '../local/synthetic-corpus.ts';
import { startSyntheticSite } from '../local/synthetic-site.ts';
import { createReader } from '../reader/wirewatch-reader.ts';
import { ARTICLE_PREFIX, ARTICLE_SUFFIX } from '../shared/articles/storage-keys.ts';
import { createClassifier } from '../shared/classification/classifier.ts';
import { extractArticle } from '../shared/extraction/extract-article.ts';
import { parseFeed } from '../shared/feeds/parse-feed.ts';
import { systemClock } from '../shared/ports/clock.ts';
import { compileRuleSet } from '../shared/rules/rule-set.ts';
import { parseCommandArgs } from '../tools/cli-arguments.ts';
import { CliError } from '../tools/cli-error.ts';

const USAGE = 'usage: wirewatch bench e2e [--articles N] [--feeds F] [--seed S] [--json]';
/** fetch-feed takes at most this many new entries from one feed per poll; one poll must see them all. */
const MAX_ARTICLES_PER_FEED = 200;
/** The baseline's rate is per article: a slice of the corpus measures it well enough. */
const BASELINE_ARTICLES = 300;
const SUBSCRIBER = 'bench@example.com';
/**
 * How far V8 lets this thread's heap (the handlers', with SNS's and SQS's emulators) grow past what
 * survived its last full collection before it collects again. On a machine with this much memory V8
 * allows up to four times: the handlers' heap went from about 55 MB live to 200 MB and more between
 * collections, the largest share of the peak, and any growth of what lives was multiplied by as much.
 * A Lambda function's heap is bounded by its own memory size instead. Set for the run and reset after
 * it (0 is V8's own choice again). V8's flags are the process's: the emulators' thread, held to about
 * 1.3 by its own bound (storage-emulators.ts), gets 1.5 too, and its heap stayed the same.
 */
const HEAP_GROWING_PERCENT = 50;

export interface EndToEndOptions {
  articles: number;
  feeds: number;
  seed: number;
}

/** What `--json` prints, and nothing else. */
export interface EndToEndFigures {
  articles: number;
  feeds: number;
  seconds: number;
  articlesPerSec: number;
  alertLatencyMs: { p50: number; p95: number };
  peakRssMb: number;
}

/** The run against the corpus's ground truth: alerts as `ruleId articleId`. */
export interface EndToEndCheck {
  articlesStored: number;
  alertsExpected: number;
  alertsDelivered: number;
  missingAlerts: string[];
  duplicatedAlerts: string[];
  unexpectedAlerts: string[];
  deadLetters: number;
}

export interface EndToEndResult {
  figures: EndToEndFigures;
  check: EndToEndCheck;
}

/** The value below which `share` of the sorted values lie (nearest rank). */
export function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(share * sorted.length)));
  return sorted[rank - 1] as number;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));
const alertKey = (ruleId: string, articleId: string) => `${ruleId} ${articleId}`;

/** Runs the corpus through the local pipeline once and measures it; one run per process (handlers load once). */
export async function runEndToEnd(options: EndToEndOptions): Promise<EndToEndResult> {
  const corpus = new SyntheticCorpus({ ...options, newestAt: new Date() });
  const site = await startSyntheticSite(corpus);
  // A state directory keeps the table and the archive on disk, as a service's are: the process's
  // memory then measures the pipeline, not the emulated table holding every article so far.
  const stateDir = await mkdtemp(join(tmpdir(), 'wirewatch-bench-e2e-'));
  let pipeline: LocalPipeline | undefined;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  try {
    pipeline = await LocalPipeline.start({
      stateDir,
      outboxDir: join(stateDir, 'outbox'),
      sampleRoot: join(SAMPLES_DIR, 'site'),
      verbose: false,
      loopbackSites: [{ hosts: corpus.hosts, address: site.address }],
      // The check needs each email's message id and file, not every body kept for the whole run.
      keepEmails: false,
    });
    await registerCorpus(corpus, { feeds: pipeline.feedStore, rules: pipeline.ruleStore }, systemClock);
    await pipeline.sns.send(
      new SubscribeCommand({ TopicArn: pipeline.topicArn, Protocol: 'email', Endpoint: SUBSCRIBER }),
    );
    const expected = corpus.expectedMatches();
    const bookkeeping = trackAlerts(expected, pipeline.aws);

    const started = performance.now();
    await pipeline.tick();
    const seconds = (performance.now() - started) / 1000;
    const peakRssMb = process.resourceUsage().maxRSS / 1024;

    const check = await checkAgainstGroundTruth(corpus, expected, pipeline, bookkeeping);
    return {
      figures: {
        articles: corpus.articleCount,
        feeds: corpus.feedCount,
        seconds: round(seconds, 2),
        articlesPerSec: round(corpus.articleCount / seconds, 1),
        alertLatencyMs: {
          p50: round(percentile(check.latenciesMs, 0.5), 0),
          p95: round(percentile(check.latenciesMs, 0.95), 0),
        },
        peakRssMb: round(peakRssMb, 0),
      },
      check: check.check,
    };
  } finally {
    setFlagsFromString('--heap-growing-percent=0');
    await pipeline?.close();
    await site.close();
    await removeFolder(stateDir);
  }
}

/**
 * Deletes a folder entry by entry, as it reads it. `rm(path, { recursive: true })` unlinks every
 * entry of a folder at once: after a 20,000-article run (about 120,000 files in the archive) the
 * process's peak RSS was 502 MB against 427 MB at the end of the run, and deleting 120,000 files that
 * way raised a bare process's peak by 250 MB; one at a time, by 3 MB (and about 7 s).
 */
async function removeFolder(path: string): Promise<void> {
  for await (const entry of await opendir(path)) {
    const entryPath = join(path, entry.name);
    if (entry.isDirectory()) await removeFolder(entryPath);
    else await unlink(entryPath);
  }
  await rmdir(path);
}

/**
 * What the run keeps for its check, as it goes: only for alerts, never for every article, so that it
 * stays small beside the pipeline however large the corpus (the articles stored are counted at the
 * end, from the pipeline's own record of archived documents).
 */
export interface AlertBookkeeping {
  /** When each article an alert is expected for was stored: the time S3 stamps on its ObjectCreated event. */
  storedAt: Map<string, number>;
  /** The .eml files written for each SNS message id. */
  emailFiles: Map<string, string[]>;
}

/**
 * Starts keeping the run's AlertBookkeeping from the emulators' S3 events and emails, given the alerts
 * expected (article ids by rule id).
 */
export function trackAlerts(
  expected: ReadonlyMap<string, readonly string[]>,
  aws: { s3: LocalAws['s3']; sns: Pick<LocalAws['sns'], 'onEmail'> },
): AlertBookkeeping {
  const alerting = new Set([...expected.values()].flat());
  const bookkeeping: AlertBookkeeping = { storedAt: new Map(), emailFiles: new Map() };
  aws.s3.on('event', (event: { Records: { eventTime: string; s3: { object: { key: string } } }[] }) => {
    for (const record of event.Records) {
      const articleId = articleIdOf(record.s3.object.key);
      if (articleId === null || !alerting.has(articleId) || bookkeeping.storedAt.has(articleId)) continue;
      bookkeeping.storedAt.set(articleId, Date.parse(record.eventTime));
    }
  });
  aws.sns.onEmail(({ messageId, file }) => {
    bookkeeping.emailFiles.set(messageId, [...(bookkeeping.emailFiles.get(messageId) ?? []), file]);
  });
  return bookkeeping;
}

/** The article id in an article document's key, or null for any other key. */
function articleIdOf(key: string): string | null {
  if (!key.startsWith(ARTICLE_PREFIX) || !key.endsWith(ARTICLE_SUFFIX)) return null;
  return key.slice(key.lastIndexOf('/') + 1, -ARTICLE_SUFFIX.length);
}

async function checkAgainstGroundTruth(
  corpus: SyntheticCorpus,
  expectedMatches: ReadonlyMap<string, readonly string[]>,
  pipeline: LocalPipeline,
  { storedAt, emailFiles }: AlertBookkeeping,
): Promise<{ check: EndToEndCheck; latenciesMs: number[] }> {
  const reader = createReader(pipeline.table);
  const delivered = new Map<string, number>();
  const latenciesMs: number[] = [];
  for (const rule of corpus.rules) {
    let cursor: string | null = null;
    do {
      const page = await reader.alertsForRule(rule.id, { cursor, limit: 500 });
      for (const alert of page.items) {
        const files = alert.messageId === null ? [] : (emailFiles.get(alert.messageId) ?? []);
        if (files.length === 0) continue;
        delivered.set(alertKey(alert.ruleId, alert.articleId), files.length);
        const stored = storedAt.get(alert.articleId);
        for (const file of files) {
          if (stored !== undefined) latenciesMs.push((await stat(file)).mtimeMs - stored);
        }
      }
      cursor = page.cursor;
    } while (cursor !== null);
  }
  const expected = new Set(
    [...expectedMatches].flatMap(([ruleId, articleIds]) =>
      articleIds.map((articleId) => alertKey(ruleId, articleId)),
    ),
  );
  const archivedIds = new Set([...pipeline.archivedDocuments].map(articleIdOf));
  const stored = Array.from({ length: corpus.articleCount }, (_, index) => corpus.articleId(index)).filter(
    (id) => archivedIds.has(id),
  ).length;
  return {
    check: {
      articlesStored: stored,
      alertsExpected: expected.size,
      alertsDelivered: delivered.size,
      missingAlerts: [...expected].filter((key) => !delivered.has(key)),
      duplicatedAlerts: [...delivered].filter(([, count]) => count > 1).map(([key]) => key),
      unexpectedAlerts: [...delivered.keys()].filter((key) => !expected.has(key)),
      deadLetters: [...pipeline.deadLetterQueues.values()].reduce((sum, queue) => sum + queue.size, 0),
    },
    latenciesMs: latenciesMs.sort((a, b) => a - b),
  };
}

/**
 * The in-house baseline: parse each feed, then extract, classify and match each of its articles,
 * in a loop in this process, with no HTTP, queue, emulator or storage in between. Articles per second.
 */
export function baselineArticlesPerSec(corpus: SyntheticCorpus, articles: number): number {
  const classifier = createClassifier();
  const ruleSet = compileRuleSet(corpus.rules);
  const started = performance.now();
  let done = 0;
  for (const feed of corpus.feeds()) {
    const { body, contentType } = corpus.renderFeed(feed.index);
    for (const entry of parseFeed(body, { url: feed.url, contentType }).entries) {
      if (done === articles) break;
      const url = entry.link ?? '';
      const index = Number(/\/articles\/(\d+)\.html$/.exec(url)?.[1]);
      const page = extractArticle(corpus.renderArticle(index).body, { url });
      const classification = classifier.classify({ title: page.title ?? '', text: page.text });
      ruleSet.match({
        title: page.title ?? '',
        text: page.text,
        countries: classification.countries.map(({ code }) => code),
        pairs: classification.pairs.map(({ pair }) => pair),
        topics: classification.topics.map(({ id }) => id),
      });
      done += 1;
    }
  }
  return done / ((performance.now() - started) / 1000);
}

function wholeNumber(raw: string, name: string, min: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new CliError(`--${name} must be a whole number ≥ ${min}\n\n${USAGE}`);
  return value;
}

export async function main(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      articles: { type: 'string', default: '1000' },
      feeds: { type: 'string' },
      seed: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
    },
    USAGE,
  );
  const articles = wholeNumber(values.articles, 'articles', 1);
  const feeds =
    values.feeds === undefined
      ? Math.ceil(articles / (MAX_ARTICLES_PER_FEED / 4))
      : wholeNumber(values.feeds, 'feeds', 1);
  const seed = wholeNumber(values.seed, 'seed', 0);
  if (articles > feeds * MAX_ARTICLES_PER_FEED)
    throw new CliError(
      `at most ${MAX_ARTICLES_PER_FEED} articles per feed are taken in one poll: give --feeds ≥ ${Math.ceil(articles / MAX_ARTICLES_PER_FEED)}`,
    );

  const { figures, check } = await runEndToEnd({ articles, feeds, seed });
  const problems = [
    ...(check.articlesStored < articles ? [`${articles - check.articlesStored} articles not stored`] : []),
    ...check.missingAlerts.map((key) => `missing alert ${key}`),
    ...check.duplicatedAlerts.map((key) => `duplicated alert ${key}`),
    ...check.unexpectedAlerts.map((key) => `unexpected alert ${key}`),
  ];
  if (values.json) {
    console.log(JSON.stringify(figures));
  } else {
    const baselineCorpus = new SyntheticCorpus({ articles, feeds, seed, newestAt: new Date() });
    const sample = Math.min(articles, BASELINE_ARTICLES);
    const baseline = baselineArticlesPerSec(baselineCorpus, sample);
    const rows: [string, string, string][] = [
      ['', 'wirewatch local pipeline', `in-house baseline (${sample} articles)`],
      ['', 'HTTP, queues, emulators', 'parse+extract+classify+match, no I/O'],
      ['articles per second', String(figures.articlesPerSec), baseline.toFixed(1)],
      ['seconds', String(figures.seconds), (sample / baseline).toFixed(2)],
      ['alert latency p50', `${figures.alertLatencyMs.p50} ms`, '—'],
      ['alert latency p95', `${figures.alertLatencyMs.p95} ms`, '—'],
      ['peak RSS (process)', `${figures.peakRssMb} MB`, '—'],
    ];
    console.log(`bench e2e · ${articles} articles on ${feeds} feeds · seed ${seed}`);
    for (const [label, ours, peer] of rows) console.log(`  ${label.padEnd(22)}${ours.padEnd(28)}${peer}`);
    console.log(
      `  check: ${check.articlesStored}/${articles} articles stored, ${check.alertsDelivered}/${check.alertsExpected} alerts delivered, ${check.deadLetters} dead letters`,
    );
  }
  for (const problem of problems.slice(0, 20)) console.error(problem);
  if (problems.length > 20) console.error(`… and ${problems.length - 20} more`);
  return problems.length === 0 ? 0 : 1;
}
