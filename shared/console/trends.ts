/**
 * Trends for the console: a heat map of article counts per country pair × topic over a period, and a
 * timeline of articles per day for one pair. Both read the table's label listings (one gsi1 query per
 * topic, or one for the pair), never the whole table, and count distinct article ids, so an article
 * counts once however often it was retried, replayed or reclassified; the heat map reads the hours
 * that have a current rollup (heatmap-rollups.ts) from it instead. See docs/console.md for what a
 * query costs.
 */
import { TOPIC_IDS } from '../classification/topic-ids.ts';
import type { ArticleListings } from '../ports/article-listings.ts';
import type { TrendRollups } from '../ports/trend-rollups.ts';
import { normaliseLabelValue } from '../rules/article-labels.ts';
import {
  currentRollups,
  everyListed,
  hourBounds,
  hourOf,
  hoursFrom,
  tallyListings,
} from './heatmap-rollups.ts';
import { articleDay, type Period } from './period.ts';

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
  /** Label items read: what counting live cost (see docs/console.md). */
  scanned: number;
  /** Hours counted from their rollup instead of their label items. */
  rolledUpHours: number;
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

export interface HeatmapDeps {
  listings: Pick<ArticleListings, 'articlesForTopic'>;
  rollups: Pick<TrendRollups, 'rollupsBetween' | 'hourStates'>;
}

const addCount = (counts: Map<string, number>, key: string, count: number) =>
  counts.set(key, (counts.get(key) ?? 0) + count);

/**
 * The period's hours that lie wholly inside it and have a current rollup are read from their
 * rollups; the rest (the open hour, the period's partial edges, hours not rolled up yet or changed
 * since) are counted live from the topic listings, in as few contiguous ranges as they form.
 */
async function countPeriod(period: Period, deps: HeatmapDeps) {
  const touched = hoursFrom(
    hourOf(new Date(Date.parse(period.since)).toISOString()),
    hourOf(new Date(Date.parse(period.until)).toISOString()),
  );
  const whole = touched.filter((hour) => period.since <= hour && hourBounds(hour).until <= period.until);
  const rolled = await currentRollups(whole, deps.rollups);
  const cells = new Map<string, number>();
  const pairs = new Map<string, number>();
  for (const rollup of rolled.values()) {
    for (const [cell, count] of Object.entries(rollup.cells)) addCount(cells, cell, count);
    for (const [pair, count] of Object.entries(rollup.pairs)) addCount(pairs, pair, count);
  }
  let scanned = 0;
  let segmentStart: number | null = null;
  for (const [index, hour] of touched.entries()) {
    const live = !rolled.has(hour);
    if (live && segmentStart === null) segmentStart = index;
    const last = index === touched.length - 1;
    if (segmentStart === null || (live && !last)) continue;
    const end = live ? index : index - 1;
    const bounds = {
      since: segmentStart === 0 ? period.since : (touched[segmentStart] as string),
      until: end === touched.length - 1 ? period.until : hourBounds(touched[end] as string).until,
    };
    segmentStart = null;
    const tally = await tallyListings(bounds, deps.listings);
    for (const [cell, ids] of tally.cellArticles) addCount(cells, cell, ids.size);
    for (const [pair, ids] of tally.pairArticles) addCount(pairs, pair, ids.size);
    scanned += tally.labelItems;
  }
  return { cells, pairs, scanned, rolledUpHours: rolled.size };
}

/** Pair × topic article counts over the period. */
export async function heatmap(period: Period, deps: HeatmapDeps): Promise<Heatmap> {
  const counted = await countPeriod(period, deps);
  const ranked = [...counted.pairs].sort(([a, left], [b, right]) => right - left || a.localeCompare(b));
  const pairs = ranked.slice(0, MAX_HEATMAP_PAIRS).map(([pair]) => pair);
  const cells = pairs.flatMap((pair) =>
    TOPIC_IDS.flatMap((topic) => {
      const count = counted.cells.get(`${pair} ${topic}`) ?? 0;
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
    scanned: counted.scanned,
    rolledUpHours: counted.rolledUpHours,
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
    const day = articleDay(article.sortAt);
    const ids = byDay.get(day);
    if (ids === undefined) byDay.set(day, new Set([article.id]));
    else ids.add(article.id);
  }
  return {
    pair,
    since: period.since,
    until: period.until,
    days: period.days.map((date) => ({ date, count: byDay.get(date)?.size ?? 0 })),
    scanned,
  };
}
