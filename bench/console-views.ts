/**
 * `wirewatch bench console [--articles N[,N…]] [--seed S] [--json]`: what the console's trend views and
 * the rule preview cost on a day's archive, side by side for each size (default 1,000 and the design
 * volume, 20,000 articles a day), and the rule preview on the sample archive `npm start` builds. A
 * generated corpus (local/synthetic-corpus.ts) is spread over one day, archived in s3rver and
 * classified into dynalite by the pipeline's own use case (classifyStoredArticle, no rules), then
 * each view is timed through its use case on the emulators: the heat map counted live, the rollup job
 * (shared/console/heatmap-rollups.ts), the heat map over one day and over 30 days from the rollups,
 * one pair's timeline, a page of a heat-map cell's articles and the rule preview.
 *
 * Besides latency it counts what the heat map reads: label items and their bytes, rollups and their
 * bytes, and the read capacity DynamoDB would bill for those query pages (eventually consistent reads:
 * half a unit per 4 KB of a page), so the cost of a 30-day heat map follows by multiplication.
 * `--json` prints exactly one object with the figures.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbAlertLedger } from '../adapters/dynamodb/alert-ledger.dynamodb.ts';
import { DynamoDbArticleCatalog } from '../adapters/dynamodb/article-catalog.dynamodb.ts';
import { DynamoDbTrendRollups } from '../adapters/dynamodb/trend-rollups.dynamodb.ts';
import { S3ArchiveShards } from '../adapters/s3/archive-shards.s3.ts';
import { S3ArticleArchive } from '../adapters/s3/article-archive.s3.ts';
import { SAMPLES_DIR } from '../cli/local-runtime.ts';
import { QUEUES } from '../infra/resource-definitions.ts';
import { createTable } from '../local/create-resources.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startLocalAws } from '../local/local-aws.ts';
import { LOCAL_NAMES, LocalPipeline } from '../local/local-pipeline.ts';
import { SyntheticCorpus } from '../local/synthetic-corpus.ts';
import { createReader } from '../reader/wirewatch-reader.ts';
import { type ArticleDocument, contentHashOf } from '../shared/articles/article-document.ts';
import { articleDayShardKey, articleDocumentKey } from '../shared/articles/storage-keys.ts';
import { createClassifier } from '../shared/classification/classifier.ts';
import { buildDayShards } from '../shared/console/archive-day-shards.ts';
import { listArticles } from '../shared/console/article-listing.ts';
import { INDEX_LAG_MS, rollUpHeatmapHours } from '../shared/console/heatmap-rollups.ts';
import { resolvePeriod } from '../shared/console/period.ts';
import { previewRule } from '../shared/console/rule-preview.ts';
import { heatmap, pairTimeline } from '../shared/console/trends.ts';
import { classifyStoredArticle } from '../shared/pipeline/classify-stored-article.ts';
import { type FeedToRegister, registerFeeds } from '../shared/pipeline/register-feeds.ts';
import { archiveDays } from '../shared/pipeline/replay-archive.ts';
import type { ArticleListings, ListedArticle, ListingRange } from '../shared/ports/article-listings.ts';
import { systemClock } from '../shared/ports/clock.ts';
import type { TrendRollups } from '../shared/ports/trend-rollups.ts';
import { compileRuleSet } from '../shared/rules/rule-set.ts';
import { parseCommandArgs, positiveNumber } from '../tools/cli-arguments.ts';
import { median } from './measure.ts';

const USAGE = 'usage: wirewatch bench console [--articles N[,N…]] [--seed S] [--json]';
const DAY_MS = 86_400_000;
const TABLE = 'wirewatch-bench-console';
const BUCKET = 'wirewatch-bench-console';
/** Documents archived and classified at once while loading. */
const LOAD_CONCURRENCY = 16;
/** Loading reports its progress on stderr every this many articles. */
const PROGRESS_EVERY = 1000;
/** Each view is timed this many times; the median is reported. */
const ROUNDS = 3;
const GSI_READ_UNIT_BYTES = 4096;

export interface ConsoleViewFigures {
  articles: number;
  loadSeconds: number;
  /** The day's heat map counted from its label items, as with no rollups. */
  heatmap: { ms: number; labelItems: number; megabytes: number; readUnits: number; pairs: number };
  /** The same reads for 30 days at this volume: 30 times one day's. */
  heatmap30Days: { labelItems: number; readUnits: number };
  /** One run of the rollup job over the 31 days up to now (the generated day and empty hours). */
  rollupJob: { ms: number; hours: number; labelItems: number };
  /** The day's heat map once rolled up: rollups of its closed hours, the open hour live. */
  heatmapRolledUp: {
    ms: number;
    rolledUpHours: number;
    labelItems: number;
    rollupKilobytes: number;
    readUnits: number;
    /** Whether it shows exactly the live heat map's pairs and counts. */
    sameAsLive: boolean;
  };
  /** The 30-day heat map from rollups (one generated day, 29 empty), and its reads at this volume every day. */
  heatmap30DaysRolledUp: {
    ms: number;
    rolledUpHours: number;
    rollupMegabytesAtVolume: number;
    readUnitsAtVolume: number;
  };
  timeline: { ms: number; pair: string; labelItems: number };
  cellArticles: { ms: number; shown: number };
  /** The rule preview reading each document and its labels on their own. */
  preview: { ms: number; scanned: number; matched: number; truncated: boolean };
  /** The job writing the archive's day shards (one sealed day, today open), and their size. */
  shardJob: { ms: number; shards: number; documents: number; megabytes: number };
  /** The same preview reading the day shards. */
  shardedPreview: {
    ms: number;
    scanned: number;
    matched: number;
    truncated: boolean;
    /** Whether it found the same matches per day and articles as the preview read per document. */
    sameAsPerDocument: boolean;
  };
}

export interface SamplePreviewFigures {
  articles: number;
  query: string;
  ms: number;
  scanned: number;
  matched: number;
  truncated: boolean;
}

/** Billed read units of one query page of `bytes`: half a unit per 4 KB, eventually consistent. */
const readUnitsOf = (bytes: number) => Math.max(1, Math.ceil(bytes / GSI_READ_UNIT_BYTES)) / 2;

/** A listings port that meters the topic queries the heat map makes: items, bytes and billed read units. */
function metered(listings: ArticleListings) {
  const meter = { items: 0, bytes: 0, readUnits: 0 };
  const articlesForTopic = async (topic: string, range?: ListingRange) => {
    const page = await listings.articlesForTopic(topic, range);
    const bytes = page.items.reduce(
      (sum: number, item: ListedArticle) => sum + JSON.stringify(item).length,
      0,
    );
    meter.items += page.items.length;
    meter.bytes += bytes;
    meter.readUnits += readUnitsOf(bytes);
    return page;
  };
  return { meter, listings: { ...listings, articlesForTopic } };
}

/** A rollups port that meters the rollups read: items and bytes (read in 1 MB query pages). */
function meteredRollups(rollups: TrendRollups) {
  const meter = { items: 0, bytes: 0 };
  return {
    meter,
    rollups: {
      hourStates: (first: string, last: string) => rollups.hourStates(first, last),
      rollupsBetween: async (first: string, last: string) => {
        const read = await rollups.rollupsBetween(first, last);
        meter.items += read.length;
        meter.bytes += read.reduce((sum, rollup) => sum + JSON.stringify(rollup).length, 0);
        return read;
      },
    },
  };
}

/**
 * Classifies as the classify queue does: a failed attempt is delivered again, up to its
 * maxReceiveCount. Under heavy load s3rver has once answered a GET that followed its PUT with an empty
 * body (20,000 articles at load 12); SQS's redelivery is what the pipeline relies on for that.
 */
async function classifiedAtLeastOnce(key: string, deps: Parameters<typeof classifyStoredArticle>[1]) {
  for (let delivery = 1; ; delivery += 1) {
    try {
      return await classifyStoredArticle(key, deps);
    } catch (error) {
      if (delivery === QUEUES.classifyJobs.maxReceiveCount) throw error;
      process.stderr.write(`classifying ${key} failed (${(error as Error).message}); delivering it again\n`);
      await new Promise((resolve) => setTimeout(resolve, 100 * delivery));
    }
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const times: number[] = [];
  let result: T | undefined;
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    result = await work();
    times.push(performance.now() - started);
  }
  return { ms: Math.round(median(times)), result: result as T };
}

export async function measureConsoleViews(articles: number, seed: number): Promise<ConsoleViewFigures> {
  const outbox = await mkdtemp(join(tmpdir(), 'wirewatch-bench-console-'));
  const aws = await startLocalAws({ stateDir: null, outboxDir: outbox, bucketName: BUCKET });
  const config = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const dynamodb = new DynamoDBClient({ ...config, endpoint: aws.endpoints.dynamodb });
  try {
    await createTable(dynamodb, TABLE);
    const table = {
      client: DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } }),
      tableName: TABLE,
    };
    const s3 = new S3Client({ ...config, endpoint: aws.endpoints.s3, forcePathStyle: true });
    const archive = new S3ArticleArchive(s3, BUCKET);
    const catalog = new DynamoDbArticleCatalog(table);
    const newest = Date.now() - 60_000;
    const corpus = new SyntheticCorpus({ seed, articles, feeds: 20, newestAt: new Date(newest) });
    const classifier = createClassifier();
    const noRules = { ruleSet: compileRuleSet([]), rules: new Map(), invalid: [] };
    const deps = {
      archive,
      catalog,
      classifier,
      ruleBook: { current: async () => noRules },
      ledger: new DynamoDbAlertLedger(table),
      publisher: {
        publish: async (): Promise<string> => {
          throw new Error('the console bench has no rules, so nothing is published');
        },
      },
      clock: systemClock,
      leaseSeconds: 60,
      clusterWindowDays: 7,
    };

    // The corpus spread evenly over the day before `newest`: articles/day at the design volume.
    const loadStarted = performance.now();
    let next = 0;
    const load = async () => {
      for (let index = next++; index < articles; index = next++) {
        const article = corpus.article(index);
        const publishedAt = new Date(newest - Math.floor((index * DAY_MS) / articles)).toISOString();
        const fetchedAt = new Date(Date.parse(publishedAt) + 60_000).toISOString();
        const text = article.paragraphs.join('\n\n');
        const document: ArticleDocument = {
          schemaVersion: 1,
          id: article.id,
          url: article.url,
          canonicalUrl: article.url,
          feedId: `feed-${article.feed}`,
          feedUrl: corpus.feed(article.feed).url,
          source: corpus.feedHost(article.feed),
          title: article.title,
          byline: article.author,
          publishedAt,
          fetchedAt,
          lang: 'en',
          siteName: null,
          excerpt: null,
          text,
          rawKey: `raw/${article.id}.html.gz`,
          contentHash: contentHashOf(article.title, text),
          simhash: null,
        };
        const key = articleDocumentKey(article.id, fetchedAt);
        await archive.putArticle(key, document);
        await classifiedAtLeastOnce(key, deps);
        if ((index + 1) % PROGRESS_EVERY === 0) process.stderr.write(`loaded ${index + 1} of ${articles}\n`);
      }
    };
    await Promise.all(Array.from({ length: LOAD_CONCURRENCY }, load));
    const loadSeconds = (performance.now() - loadStarted) / 1000;

    const reader = createReader(table);
    const now = new Date(newest);
    const period = resolvePeriod({ since: new Date(newest - DAY_MS).toISOString().slice(0, 10) }, now, 1);
    const noRollups = { rollupsBetween: async () => [], hourStates: async () => [] };
    const { meter, listings } = metered(reader);
    const map = await timed(() => heatmap(period, { listings, rollups: noRollups }));
    const perRound = {
      labelItems: meter.items / ROUNDS,
      bytes: meter.bytes / ROUNDS,
      readUnits: meter.readUnits / ROUNDS,
    };

    // The job and the heat map as they run a minute after the last write, once gsi1 is trusted
    // to list it (INDEX_LAG_MS); the emulator has no lag, so nothing is missed by not waiting.
    const aMinuteLater = { now: () => new Date(Date.now() + INDEX_LAG_MS) };
    const trendRollups = new DynamoDbTrendRollups(table);
    const jobStarted = performance.now();
    const job = await rollUpHeatmapHours(
      { listings: reader, rollups: trendRollups, clock: aMinuteLater },
      { maxHours: Number.POSITIVE_INFINITY, timeUp: () => false },
    );
    const jobMs = Math.round(performance.now() - jobStarted);
    const rolledDay = meteredRollups(trendRollups);
    const rolledLive = metered(reader);
    const mapRolledUp = await timed(() =>
      heatmap(period, { listings: rolledLive.listings, rollups: rolledDay.rollups }),
    );
    const dayRollupBytes = rolledDay.meter.bytes / ROUNDS;
    const month = resolvePeriod({}, new Date(Date.now()), 30);
    const month30 = await timed(() => heatmap(month, { listings: reader, rollups: trendRollups }));

    const busiest = map.result.pairs[0] ?? 'PK-US';
    const timeline = await timed(() => pairTimeline(busiest, period, reader));
    const cell = map.result.cells[0];
    const cellPage = await timed(() =>
      listArticles({ pair: cell?.pair ?? busiest, topic: cell?.topic, period, limit: 25 }, reader),
    );
    const query = corpus.rules[0]?.query ?? '"amber heron"';
    const preview = await timed(() =>
      previewRule({ query, days: 2 }, { archive, catalog, clock: systemClock }),
    );
    const shards = new S3ArchiveShards(s3, BUCKET);
    const shardsStarted = performance.now();
    const shardJob = await buildDayShards({ archive, shards, clock: systemClock }, () => false);
    const shardJobMs = Math.round(performance.now() - shardsStarted);
    let shardBytes = 0;
    for (const { day } of archiveDays(new Date(newest - DAY_MS).toISOString(), new Date().toISOString())) {
      const head = await s3
        .send(new HeadObjectCommand({ Bucket: BUCKET, Key: articleDayShardKey(day) }))
        .catch(() => null);
      shardBytes += head?.ContentLength ?? 0;
    }
    const shardedPreview = await timed(() =>
      previewRule({ query, days: 2 }, { archive, catalog, shards, clock: systemClock }),
    );
    // 30 days at this volume: 30 days of rollups as big as this day's, in 1 MB query pages.
    const monthRollupBytes = dayRollupBytes * 30;
    return {
      articles,
      loadSeconds: Math.round(loadSeconds),
      heatmap: {
        ms: map.ms,
        labelItems: perRound.labelItems,
        megabytes: Math.round(perRound.bytes / 10_000) / 100,
        readUnits: Math.round(perRound.readUnits),
        pairs: map.result.pairs.length + map.result.pairsOmitted,
      },
      heatmap30Days: { labelItems: perRound.labelItems * 30, readUnits: Math.round(perRound.readUnits * 30) },
      rollupJob: { ms: jobMs, hours: job.rolledUp, labelItems: job.labelItems },
      heatmapRolledUp: {
        ms: mapRolledUp.ms,
        rolledUpHours: mapRolledUp.result.rolledUpHours,
        labelItems: rolledLive.meter.items / ROUNDS,
        rollupKilobytes: Math.round(dayRollupBytes / 100) / 10,
        readUnits: Math.round(rolledLive.meter.readUnits / ROUNDS + readUnitsOf(dayRollupBytes)),
        sameAsLive:
          JSON.stringify({ ...mapRolledUp.result, scanned: 0, rolledUpHours: 0 }) ===
          JSON.stringify({ ...map.result, scanned: 0, rolledUpHours: 0 }),
      },
      heatmap30DaysRolledUp: {
        ms: month30.ms,
        rolledUpHours: month30.result.rolledUpHours,
        rollupMegabytesAtVolume: Math.round(monthRollupBytes / 10_000) / 100,
        readUnitsAtVolume: Math.round(monthRollupBytes / GSI_READ_UNIT_BYTES / 2),
      },
      timeline: { ms: timeline.ms, pair: busiest, labelItems: timeline.result.scanned },
      cellArticles: { ms: cellPage.ms, shown: cellPage.result.articles.length },
      preview: {
        ms: preview.ms,
        scanned: preview.result.scanned,
        matched: preview.result.days.reduce((sum, day) => sum + day.count, 0),
        truncated: preview.result.truncated,
      },
      shardJob: {
        ms: shardJobMs,
        shards: shardJob.written,
        documents: shardJob.documentsRead,
        megabytes: Math.round(shardBytes / 10_000) / 100,
      },
      shardedPreview: {
        ms: shardedPreview.ms,
        scanned: shardedPreview.result.scanned,
        matched: shardedPreview.result.days.reduce((sum, day) => sum + day.count, 0),
        truncated: shardedPreview.result.truncated,
        sameAsPerDocument:
          JSON.stringify({ ...shardedPreview.result, scanned: 0 }) ===
          JSON.stringify({ ...preview.result, scanned: 0 }),
      },
    };
  } finally {
    dynamodb.destroy();
    await aws.close();
    await rm(outbox, { recursive: true, force: true });
  }
}

/**
 * The rule preview on the sample archive `npm start` builds: the sample feeds polled and their
 * articles fetched, archived and classified by the local runtime, then the sample rule previewed
 * over 30 days as the console's rule editor does.
 */
export async function measureSamplePreview(): Promise<SamplePreviewFigures> {
  const outbox = await mkdtemp(join(tmpdir(), 'wirewatch-bench-console-samples-'));
  const pipeline = await LocalPipeline.start({
    stateDir: null,
    outboxDir: outbox,
    sampleRoot: join(SAMPLES_DIR, 'site'),
    verbose: false,
  });
  try {
    const feeds = JSON.parse(await readFile(join(SAMPLES_DIR, 'feeds.json'), 'utf8')) as FeedToRegister[];
    await registerFeeds(feeds, { feeds: pipeline.feedStore, clock: systemClock });
    await pipeline.tick();
    await pipeline.drain();
    const [rule] = JSON.parse(await readFile(join(SAMPLES_DIR, 'rules.json'), 'utf8')) as { query: string }[];
    const query = rule?.query ?? '"counterterrorism dialogue"';
    const s3 = new S3Client({
      endpoint: pipeline.aws.endpoints.s3,
      forcePathStyle: true,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    const deps = {
      archive: new S3ArticleArchive(s3, LOCAL_NAMES.bucket),
      catalog: new DynamoDbArticleCatalog(pipeline.table),
      clock: systemClock,
    };
    const preview = await timed(() => previewRule({ query, days: 30 }, deps));
    s3.destroy();
    return {
      articles: pipeline.archivedDocuments.size,
      query,
      ms: preview.ms,
      scanned: preview.result.scanned,
      matched: preview.result.days.reduce((sum, day) => sum + day.count, 0),
      truncated: preview.result.truncated,
    };
  } finally {
    await pipeline.close();
    await rm(outbox, { recursive: true, force: true });
  }
}

function sizesOf(text: string): number[] {
  return text.split(',').map((size) => Math.round(positiveNumber('articles', size.trim(), USAGE)));
}

/** One row per view, one column per size. */
function printTable(figures: readonly ConsoleViewFigures[], samples: SamplePreviewFigures): void {
  const rows: [string, (f: ConsoleViewFigures) => string][] = [
    ['loaded in', (f) => `${f.loadSeconds} s`],
    [
      'heat map, 1 day, live',
      (f) =>
        `${f.heatmap.ms} ms, ${f.heatmap.labelItems} label items, ${f.heatmap.megabytes} MB, ${f.heatmap.readUnits} RU`,
    ],
    [
      'heat map, 30 days, live',
      (f) => `(${f.heatmap30Days.labelItems} label items, ${f.heatmap30Days.readUnits} RU: 30 × 1 day)`,
    ],
    [
      'rollup job, 31 days',
      (f) => `${f.rollupJob.ms} ms, ${f.rollupJob.hours} hours, ${f.rollupJob.labelItems} label items`,
    ],
    [
      'heat map, 1 day, rolled up',
      (f) =>
        `${f.heatmapRolledUp.ms} ms, ${f.heatmapRolledUp.rolledUpHours} rollups (${f.heatmapRolledUp.rollupKilobytes} KB) + ${f.heatmapRolledUp.labelItems} label items, ${f.heatmapRolledUp.readUnits} RU${f.heatmapRolledUp.sameAsLive ? ', same counts as live' : ', COUNTS DIFFER FROM LIVE'}`,
    ],
    [
      'heat map, 30 days, rolled up',
      (f) =>
        `${f.heatmap30DaysRolledUp.ms} ms, ${f.heatmap30DaysRolledUp.rolledUpHours} rollups; every day at this volume: ${f.heatmap30DaysRolledUp.rollupMegabytesAtVolume} MB, ${f.heatmap30DaysRolledUp.readUnitsAtVolume} RU`,
    ],
    ['timeline (busiest pair)', (f) => `${f.timeline.ms} ms, ${f.timeline.labelItems} label items`],
    ["a cell's articles page", (f) => `${f.cellArticles.ms} ms, ${f.cellArticles.shown} articles`],
    [
      'rule preview, 2 days',
      (f) =>
        `${f.preview.ms} ms, ${f.preview.scanned} read, ${f.preview.matched} matched${f.preview.truncated ? ', truncated' : ''}`,
    ],
    [
      'day shards job',
      (f) =>
        `${f.shardJob.ms} ms, ${f.shardJob.shards} shards, ${f.shardJob.documents} documents, ${f.shardJob.megabytes} MB gzip`,
    ],
    [
      'rule preview, 2 days, shards',
      (f) =>
        `${f.shardedPreview.ms} ms, ${f.shardedPreview.scanned} read, ${f.shardedPreview.matched} matched${f.shardedPreview.truncated ? ', truncated' : ''}${f.shardedPreview.sameAsPerDocument ? ', same result as per document' : ''}`,
    ],
  ];
  console.log(`Console views on a generated day of ${figures.map((f) => f.articles).join(' / ')} articles`);
  for (const [label, cell] of rows) {
    console.log(`  ${label.padEnd(30)} ${figures.map(cell).join('  |  ')}`);
  }
  console.log(
    `Rule preview on the sample archive (${samples.articles} articles, ${samples.query}, 30 days): ${samples.ms} ms, ${samples.scanned} read, ${samples.matched} matched${samples.truncated ? ', truncated' : ''}`,
  );
}

export async function main(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      articles: { type: 'string', default: '1000,20000' },
      seed: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
    },
    USAGE,
  );
  const sizes = sizesOf(values.articles);
  const seed = Math.round(positiveNumber('seed', values.seed, USAGE));
  const figures: ConsoleViewFigures[] = [];
  for (const size of sizes) figures.push(await measureConsoleViews(size, seed));
  const samples = await measureSamplePreview();
  if (values.json) console.log(JSON.stringify({ sizes: figures, samplePreview: samples }));
  else printTable(figures, samples);
  return 0;
}
