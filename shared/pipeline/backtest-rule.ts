/**
 * Backtests a rule on what is already archived, before anyone subscribes to it: how many articles of
 * each day it would have matched, with a few samples and the snippet an alert would show. The text
 * comes from the archived documents and the labels (countries, pairs, topics) from the catalogued
 * Article items, as the pipeline matches them. Nothing is written and nothing is sent.
 *
 * Each article counts once, on the first day of the range it was archived (a changed article is
 * archived again on the day it was re-fetched), or the last day when reading newest first.
 *
 * Bounds keep a backtest asked for by a web page short: it stops after reading `maxArticles`
 * articles or once `timeUp` says so, and reports that it was truncated.
 *
 * Given the archive's day shards, a day that has one is read in one request and its labels in batches
 * of Article items, instead of an S3 GET and a GetItem per article; a shard of a day still open is
 * followed by the documents the day's listing holds beyond it, read one by one. The same documents
 * are read either way, so the result is the same.
 */

import type { ArticleDocument } from '../articles/article-document.ts';
import type { ArticleRecord } from '../articles/article-record.ts';
import type { ArchiveShards, ShardedDocument } from '../ports/archive-shards.ts';
import type { ArticleArchive } from '../ports/article-archive.ts';
import type { ArticleCatalog } from '../ports/article-catalog.ts';
import { pairRelationLabels } from '../rules/article-labels.ts';
import { compileRuleSet, type Highlight } from '../rules/rule-set.ts';
import { archiveDays } from './replay-archive.ts';

export interface BacktestRequest {
  query: string;
  /** ISO instants; whole days (UTC) of the archive are read. */
  since: string;
  until: string;
  sampleSize: number;
  /** Reads the newest day first, so bounds cut off the oldest days and the samples are the newest. */
  newestFirst?: boolean;
  bounds?: BacktestBounds;
}

export interface BacktestBounds {
  /** Archived articles read at most. */
  maxArticles: number;
  /**
   * Asked before each article; true stops the backtest there. `reserveMs`: true already when less
   * than that is left, asked before loading a day shard, which takes a moment of its own.
   */
  timeUp: (reserveMs?: number) => boolean;
}

export interface BacktestDay {
  day: string;
  articles: number;
  matched: number;
}

export interface BacktestSample {
  day: string;
  articleId: string;
  title: string;
  url: string;
  source: string;
  publishedAt: string | null;
  snippet: string;
  highlights: Highlight[];
}

export interface BacktestResult {
  articles: number;
  matched: number;
  /** Archived articles with no Article item (not classified yet): matched on their text alone. */
  uncatalogued: number;
  /** Days with at least one archived article, oldest first. */
  days: BacktestDay[];
  samples: BacktestSample[];
  /** The bounds stopped it before the whole range was read. */
  truncated: boolean;
}

export interface BacktestDeps {
  archive: ArticleArchive;
  catalog: Pick<ArticleCatalog, 'getArticle' | 'getArticles'>;
  /** Closed days' shards of the archive, when there are any. */
  shards?: Pick<ArchiveShards, 'getDayShard'>;
}

const BACKTEST_RULE_ID = 'backtest';

/**
 * Archived articles read at once: each is an S3 GET and a table GetItem, so reading them one after
 * another would make a backtest wait on the round trips rather than on matching.
 */
export const BACKTEST_READ_CONCURRENCY = 16;
/** Documents of a day shard matched per batch of labels read: the bounds are checked between batches. */
const SHARD_BATCH = 500;
/**
 * Time to leave for loading a day shard of 20,000 documents (a 5 MB GET, gunzip, 34 MB of JSON parsed:
 * about 0.6 s estimated in a 1 GB Lambda, twice that kept). One is not started with less left, or the
 * backtest would run past its time bound (it did, by 3.5 s, on the loaded emulators).
 */
export const SHARD_LOAD_RESERVE_MS = 1500;

/** Throws RuleSyntaxError when the query does not parse. */
export async function backtestRule(request: BacktestRequest, deps: BacktestDeps): Promise<BacktestResult> {
  const ruleSet = compileRuleSet([{ id: BACKTEST_RULE_ID, query: request.query }]);
  const result: BacktestResult = {
    articles: 0,
    matched: 0,
    uncatalogued: 0,
    days: [],
    samples: [],
    truncated: false,
  };
  const counted = new Set<string>();
  const days = archiveDays(request.since, request.until);
  if (request.newestFirst === true) days.reverse();
  const outOfBounds = (pending: number) =>
    request.bounds !== undefined &&
    (counted.size + pending >= request.bounds.maxArticles || request.bounds.timeUp());

  /** Reads the keys' documents and catalogued labels together, then matches them in key order. */
  const matchBatch = async (keys: readonly string[], tally: BacktestDay) => {
    const read = await Promise.all(
      keys.map(async (key) => {
        const document = await deps.archive.getArticle(key);
        return { document, stored: await deps.catalog.getArticle(document.id) };
      }),
    );
    matchRead(read, tally);
  };

  /** Matches documents with their catalogued labels, in the order given. */
  const matchRead = (
    read: readonly { document: ArticleDocument; stored: ArticleRecord | null }[],
    tally: BacktestDay,
  ) => {
    for (const { document, stored } of read) {
      if (counted.has(document.id)) continue;
      counted.add(document.id);
      if (stored === null) result.uncatalogued += 1;
      const [match] = ruleSet.match({
        title: document.title,
        text: document.text,
        source: document.source,
        lang: document.lang,
        countries: stored?.countries.map(({ code }) => code) ?? [],
        pairs: stored?.countryPairs.map(({ pair }) => pair) ?? [],
        topics: stored?.topics.map(({ id }) => id) ?? [],
        relations: pairRelationLabels(stored?.countryPairs ?? []),
      });
      tally.articles += 1;
      if (match === undefined) continue;
      tally.matched += 1;
      if (result.samples.length < request.sampleSize) {
        result.samples.push({
          day: tally.day,
          articleId: document.id,
          title: document.title,
          url: document.canonicalUrl,
          source: document.source,
          publishedAt: document.publishedAt,
          snippet: match.snippet,
          highlights: match.highlights,
        });
      }
    }
  };

  /** A day as the archive lists it, but the keys already read: each document and its labels on their own. */
  const readListedDay = async (prefix: string, tally: BacktestDay, alreadyRead: ReadonlySet<string>) => {
    let batch: string[] = [];
    for await (const key of deps.archive.listArticleKeys(prefix)) {
      if (alreadyRead.has(key)) continue;
      if (outOfBounds(batch.length)) {
        result.truncated = true;
        break;
      }
      batch.push(key);
      if (batch.length === BACKTEST_READ_CONCURRENCY) {
        await matchBatch(batch, tally);
        batch = [];
      }
    }
    if (batch.length > 0) await matchBatch(batch, tally);
  };

  /** A day from its shard: the documents at once, their labels a batch of Article items at a time. */
  const readShardedDay = async (shard: readonly ShardedDocument[], tally: BacktestDay) => {
    for (let start = 0; start < shard.length; ) {
      const room = (request.bounds?.maxArticles ?? Number.POSITIVE_INFINITY) - counted.size;
      if (request.bounds?.timeUp() === true || room <= 0) {
        result.truncated = true;
        return;
      }
      const batch = shard.slice(start, Math.min(start + SHARD_BATCH, start + room));
      const labels = await deps.catalog.getArticles([...new Set(batch.map(({ document }) => document.id))]);
      matchRead(
        batch.map(({ document }) => ({ document, stored: labels.get(document.id) ?? null })),
        tally,
      );
      start += batch.length;
    }
  };

  for (const { day, prefix } of days) {
    // Listing a day is a request of its own: a long range of quiet days spends time too; loading
    // its shard takes a moment more.
    if (request.bounds?.timeUp(deps.shards === undefined ? 0 : SHARD_LOAD_RESERVE_MS) === true) {
      result.truncated = true;
      break;
    }
    const tally: BacktestDay = { day, articles: 0, matched: 0 };
    const shard = (await deps.shards?.getDayShard(day)) ?? null;
    if (shard !== null) await readShardedDay(shard.documents, tally);
    if (shard?.sealed !== true && !result.truncated) {
      await readListedDay(prefix, tally, new Set(shard?.documents.map(({ key }) => key)));
    }
    if (tally.articles > 0) {
      result.days.push(tally);
      result.articles += tally.articles;
      result.matched += tally.matched;
    }
    if (result.truncated) break;
  }
  if (request.newestFirst === true) result.days.reverse();
  return result;
}
