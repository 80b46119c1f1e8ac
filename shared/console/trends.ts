/**
 * Trends for the console: a heat map of article counts per country pair × topic over a period, and a
 * timeline of articles per day for one pair. Both read the table's label listings (one gsi1 query per
 * topic, or one for the pair), never the whole table, and count distinct article ids, so an article
 * counts once however often it was retried, replayed or reclassified. See docs/console.md for what a
 * query costs.
 */
import { TOPIC_IDS } from '../classification/topic-ids.ts';
import type { ArticleListings, ListedArticle, ListingPage, ListingRange } from '../ports/article-listings.ts';
import { normaliseLabelValue } from '../rules/article-labels.ts';
import { articleDay, type Period } from './period.ts';

/** Items asked for per listing page: DynamoDB returns at most 1 MB a page anyway (~1,600 label items). */
const TRENDS_PAGE_SIZE = 1000;
/** Pairs a heat map shows, the busiest first; the others are counted in `pairsOmitted`. */
export const MAX_HEATMAP_PAIRS = 40;

export interface HeatmapCell {
  pair: string;
  topic: string;
  count: number;
}

export interface Heatmap {
  since: string;
  until: string;
  /** The pairs shown, by their number of articles (any topic), busiest first. */
  pairs: string[];
  /** Topics with at least one article in a shown pair, in the classifier's order. */
  topics: string[];
  cells: HeatmapCell[];
  /** Pairs with articles in the period that are not shown. */
  pairsOmitted: number;
  /** Label items read: what the heat map cost (see docs/console.md). */
  scanned: number;
}

export interface TimelinePoint {
  date: string;
  count: number;
}

export interface Timeline {
  pair: string;
  since: string;
  until: string;
  /** Every day of the period, oldest first, days without articles at 0. */
  days: TimelinePoint[];
  scanned: number;
}

/** Every article listed under a label in the period, page after page. */
async function* everyListed(
  list: (range: ListingRange) => Promise<ListingPage<ListedArticle>>,
  period: Period,
): AsyncGenerator<ListedArticle> {
  let cursor: string | null = null;
  do {
    const page: ListingPage<ListedArticle> = await list({
      since: period.since,
      until: period.until,
      limit: TRENDS_PAGE_SIZE,
      cursor,
    });
    yield* page.items;
    cursor = page.cursor;
  } while (cursor !== null);
}

function addTo<K>(sets: Map<K, Set<string>>, key: K, id: string): void {
  const set = sets.get(key);
  if (set === undefined) sets.set(key, new Set([id]));
  else set.add(id);
}

/** Pair × topic article counts: each topic's listing, read in parallel, gives its articles' pairs. */
export async function heatmap(
  period: Period,
  listings: Pick<ArticleListings, 'articlesForTopic'>,
): Promise<Heatmap> {
  const cellArticles = new Map<string, Set<string>>();
  const pairArticles = new Map<string, Set<string>>();
  const counted = await Promise.all(
    TOPIC_IDS.map(async (topic) => {
      let scanned = 0;
      for await (const article of everyListed((range) => listings.articlesForTopic(topic, range), period)) {
        scanned += 1;
        for (const pair of new Set(article.countryPairs)) {
          addTo(cellArticles, `${pair} ${topic}`, article.id);
          addTo(pairArticles, pair, article.id);
        }
      }
      return scanned;
    }),
  );
  const ranked = [...pairArticles].sort(
    ([a, left], [b, right]) => right.size - left.size || a.localeCompare(b),
  );
  const pairs = ranked.slice(0, MAX_HEATMAP_PAIRS).map(([pair]) => pair);
  const cells = pairs.flatMap((pair) =>
    TOPIC_IDS.flatMap((topic) => {
      const count = cellArticles.get(`${pair} ${topic}`)?.size ?? 0;
      return count === 0 ? [] : [{ pair, topic, count }];
    }),
  );
  const shownTopics = new Set(cells.map(({ topic }) => topic));
  return {
    since: period.since,
    until: period.until,
    pairs,
    topics: TOPIC_IDS.filter((topic) => shownTopics.has(topic)),
    cells,
    pairsOmitted: ranked.length - pairs.length,
    scanned: counted.reduce((sum, count) => sum + count, 0),
  };
}

/** Articles per day for one pair, from its listing alone. */
export async function pairTimeline(
  requestedPair: string,
  period: Period,
  listings: Pick<ArticleListings, 'articlesForPair'>,
): Promise<Timeline> {
  const pair = normaliseLabelValue('pair', requestedPair);
  const byDay = new Map<string, Set<string>>();
  let scanned = 0;
  for await (const article of everyListed((range) => listings.articlesForPair(pair, range), period)) {
    scanned += 1;
    addTo(byDay, articleDay(article.sortAt), article.id);
  }
  return {
    pair,
    since: period.since,
    until: period.until,
    days: period.days.map((date) => ({ date, count: byDay.get(date)?.size ?? 0 })),
    scanned,
  };
}
