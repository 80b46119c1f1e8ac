/**
 * `wirewatch bench console [--articles N] [--seed S] [--json]`: what the console's trend views and the
 * rule preview cost on a day's archive at the design volume (20,000 articles a day). A generated
 * corpus (local/synthetic-corpus.ts) is spread over one day, archived in s3rver and classified into
 * dynalite by the pipeline's own use case (classifyStoredArticle, no rules), then each view is timed
 * through its use case on the emulators: the heat map, one pair's timeline, a page of a heat-map
 * cell's articles and the rule preview.
 *
 * Besides latency it counts what the heat map reads: label items and their bytes, and the read
 * capacity DynamoDB would bill for those query pages (eventually consistent gsi1 reads: half a unit
 * per 4 KB of a page), so the cost of a 30-day heat map follows by multiplication.
 * `--json` prints exactly one object with the figures.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbAlertLedger } from '../adapters/dynamodb/alert-ledger.dynamodb.ts';
import { DynamoDbArticleCatalog } from '../adapters/dynamodb/article-catalog.dynamodb.ts';
import { S3ArticleArchive } from '../adapters/s3/article-archive.s3.ts';
import { createTable } from '../local/create-resources.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startLocalAws } from '../local/local-aws.ts';
import { SyntheticCorpus } from '../local/synthetic-corpus.ts';
import { createReader } from '../reader/wirewatch-reader.ts';
import { type ArticleDocument, contentHashOf } from '../shared/articles/article-document.ts';
import { articleDocumentKey } from '../shared/articles/storage-keys.ts';
import { createClassifier } from '../shared/classification/classifier.ts';
import { listArticles } from '../shared/console/article-listing.ts';
import { resolvePeriod } from '../shared/console/period.ts';
import { previewRule } from '../shared/console/rule-preview.ts';
import { heatmap, pairTimeline } from '../shared/console/trends.ts';
import { classifyStoredArticle } from '../shared/pipeline/classify-stored-article.ts';
import type { ArticleListings, ListedArticle, ListingRange } from '../shared/ports/article-listings.ts';
import { systemClock } from '../shared/ports/clock.ts';
import { compileRuleSet } from '../shared/rules/rule-set.ts';
import { parseCommandArgs, positiveNumber } from '../tools/cli-arguments.ts';
import { median } from './measure.ts';

const USAGE = 'usage: wirewatch bench console [--articles N] [--seed S] [--json]';
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
  heatmap: { ms: number; labelItems: number; megabytes: number; readUnits: number; pairs: number };
  /** The same reads for 30 days at this volume: 30 times one day's. */
  heatmap30Days: { labelItems: number; readUnits: number };
  timeline: { ms: number; pair: string; labelItems: number };
  cellArticles: { ms: number; shown: number };
  preview: { ms: number; scanned: number; matched: number; truncated: boolean };
}

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
    meter.readUnits += Math.max(1, Math.ceil(bytes / GSI_READ_UNIT_BYTES)) / 2;
    return page;
  };
  return { meter, listings: { ...listings, articlesForTopic } };
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
    const archive = new S3ArticleArchive(
      new S3Client({ ...config, endpoint: aws.endpoints.s3, forcePathStyle: true }),
      BUCKET,
    );
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
        await classifyStoredArticle(key, deps);
        if ((index + 1) % PROGRESS_EVERY === 0) process.stderr.write(`loaded ${index + 1} of ${articles}\n`);
      }
    };
    await Promise.all(Array.from({ length: LOAD_CONCURRENCY }, load));
    const loadSeconds = (performance.now() - loadStarted) / 1000;

    const reader = createReader(table);
    const now = new Date(newest);
    const period = resolvePeriod({ since: new Date(newest - DAY_MS).toISOString().slice(0, 10) }, now, 1);
    const { meter, listings } = metered(reader);
    const map = await timed(() => heatmap(period, listings));
    const perRound = {
      labelItems: meter.items / ROUNDS,
      bytes: meter.bytes / ROUNDS,
      readUnits: meter.readUnits / ROUNDS,
    };
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
      timeline: { ms: timeline.ms, pair: busiest, labelItems: timeline.result.scanned },
      cellArticles: { ms: cellPage.ms, shown: cellPage.result.articles.length },
      preview: {
        ms: preview.ms,
        scanned: preview.result.scanned,
        matched: preview.result.days.reduce((sum, day) => sum + day.count, 0),
        truncated: preview.result.truncated,
      },
    };
  } finally {
    dynamodb.destroy();
    await aws.close();
    await rm(outbox, { recursive: true, force: true });
  }
}

export async function main(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      articles: { type: 'string', default: '20000' },
      seed: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
    },
    USAGE,
  );
  const figures = await measureConsoleViews(
    Math.round(positiveNumber('articles', values.articles, USAGE)),
    Math.round(positiveNumber('seed', values.seed, USAGE)),
  );
  if (values.json) {
    console.log(JSON.stringify(figures));
    return 0;
  }
  const { heatmap: map, heatmap30Days: month, timeline, cellArticles, preview } = figures;
  console.log(
    `Console views on a generated day of ${figures.articles} articles (loaded in ${figures.loadSeconds} s)`,
  );
  console.log(
    `  heat map (1 day)       ${map.ms} ms, ${map.labelItems} label items, ${map.megabytes} MB, ${map.readUnits} read units, ${map.pairs} pairs`,
  );
  console.log(
    `  heat map (30 days)     ${month.labelItems} label items, ${month.readUnits} read units (30 × one day)`,
  );
  console.log(`  timeline ${timeline.pair.padEnd(14)} ${timeline.ms} ms, ${timeline.labelItems} label items`);
  console.log(`  cell's articles page   ${cellArticles.ms} ms, ${cellArticles.shown} articles`);
  console.log(
    `  rule preview (2 days)  ${preview.ms} ms, ${preview.scanned} articles read, ${preview.matched} matched${preview.truncated ? ', truncated by its bounds' : ''}`,
  );
  return 0;
}
