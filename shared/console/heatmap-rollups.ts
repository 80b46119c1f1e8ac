/**
 * Hourly rollups of the heat map, so that a month-long heat map at 20,000 articles a day reads a few
 * hundred rollups instead of 1.75 million label items (docs/console.md, "What the views cost").
 *
 * A rollup is computed FROM the hour's label listings, the same way the heat map counts them live,
 * and saved by overwriting the hour's one rollup: a retried or repeated job cannot count an article
 * twice, and a retried or replayed classification only rewrites label items. An article falls in
 * exactly one hour (the hour of its `sortAt`, which never changes), so summing hours counts each
 * article once. Whenever the catalogue writes an article's labels it records the time as its hour's
 * `labelsChangedAt`; a rollup is used only if it began reading after the last change plus
 * INDEX_LAG_MS (gsi1 is eventually consistent), else the hour is counted live and the job computes
 * it again. The job (functions/roll-up-trends.ts, every ROLLUP_SCHEDULE_MINUTES of infra) rolls up closed
 * hours of the last MAX_PERIOD_DAYS that have no rollup or a stale one, newest first.
 */
import { TOPIC_IDS } from '../classification/topic-ids.ts';
import type { ArticleListings, ListedArticle, ListingPage, ListingRange } from '../ports/article-listings.ts';
import type { Clock } from '../ports/clock.ts';
import type { HeatmapRollup, TrendHourState, TrendRollups, UtcHour } from '../ports/trend-rollups.ts';
import { MAX_PERIOD_DAYS } from './period.ts';

const HOUR_MS = 3_600_000;
/**
 * How long after a label write the job waits before trusting gsi1 to list it. DynamoDB propagates
 * to a global secondary index typically within a second; a minute leaves a wide margin.
 */
export const INDEX_LAG_MS = 60_000;
/** One run of the job: a first run after deployment has 744 hours to roll up and spreads them over a few runs. */
export const ROLLUP_JOB_LIMITS = {
  maxHoursPerRun: 240,
  /** Time left in the invocation below which it stops before the next hour. */
  reserveMilliseconds: 30_000,
} as const;
/** Items asked for per listing page: DynamoDB returns at most 1 MB a page anyway (~1,600 label items). */
const LISTING_PAGE_SIZE = 1000;

export const hourOf = (instant: string): UtcHour => instant.slice(0, 13);
const hourStartMs = (hour: UtcHour) => Date.parse(`${hour}:00:00.000Z`);
const hourAt = (ms: number): UtcHour => hourOf(new Date(ms).toISOString());
/** The inclusive listing bounds of one hour: every sort time of the hour, with or without milliseconds. */
export const hourBounds = (hour: UtcHour) => ({ since: hour, until: `${hour}:59:59Z` });

/** Every hour from `first` to `last`, both included. */
export function hoursFrom(first: UtcHour, last: UtcHour): UtcHour[] {
  const hours: UtcHour[] = [];
  for (let at = hourStartMs(first); at <= hourStartMs(last); at += HOUR_MS) hours.push(hourAt(at));
  return hours;
}

/** Distinct article ids per cell and per pair, and the label items read: what a heat map counts. */
class HeatmapTally {
  readonly cellArticles = new Map<string, Set<string>>();
  readonly pairArticles = new Map<string, Set<string>>();
  labelItems = 0;

  add(topic: string, article: ListedArticle): void {
    this.labelItems += 1;
    for (const pair of new Set(article.countryPairs)) {
      addTo(this.cellArticles, `${pair} ${topic}`, article.id);
      addTo(this.pairArticles, pair, article.id);
    }
  }
}

function addTo(sets: Map<string, Set<string>>, key: string, id: string): void {
  const set = sets.get(key);
  if (set === undefined) sets.set(key, new Set([id]));
  else set.add(id);
}

/** Every article listed under a label in the range, page after page. */
export async function* everyListed(
  list: (range: ListingRange) => Promise<ListingPage<ListedArticle>>,
  bounds: { since: string; until: string },
): AsyncGenerator<ListedArticle> {
  let cursor: string | null = null;
  do {
    const page: ListingPage<ListedArticle> = await list({ ...bounds, limit: LISTING_PAGE_SIZE, cursor });
    yield* page.items;
    cursor = page.cursor;
  } while (cursor !== null);
}

/** Counts the range live: each topic's listing, read in parallel, gives its articles' pairs. */
export async function tallyListings(
  bounds: { since: string; until: string },
  listings: Pick<ArticleListings, 'articlesForTopic'>,
): Promise<HeatmapTally> {
  const tally = new HeatmapTally();
  await Promise.all(
    TOPIC_IDS.map(async (topic) => {
      for await (const article of everyListed((range) => listings.articlesForTopic(topic, range), bounds)) {
        tally.add(topic, article);
      }
    }),
  );
  return tally;
}

/** Whether a rollup counts every label write of its hour that gsi1 could list when it was read. */
function isCurrent(rollupReadFrom: string, labelsChangedAt: string | undefined): boolean {
  return (
    labelsChangedAt === undefined || Date.parse(rollupReadFrom) >= Date.parse(labelsChangedAt) + INDEX_LAG_MS
  );
}

/** The rollups of `hours` that are current, by hour. */
export async function currentRollups(
  hours: readonly UtcHour[],
  rollups: Pick<TrendRollups, 'rollupsBetween' | 'hourStates'>,
): Promise<Map<UtcHour, HeatmapRollup>> {
  const first = hours[0];
  const last = hours.at(-1);
  if (first === undefined || last === undefined) return new Map();
  const [saved, states] = await Promise.all([
    rollups.rollupsBetween(first, last),
    rollups.hourStates(first, last),
  ]);
  const changedAt = new Map(states.map((state) => [state.hour, state.labelsChangedAt]));
  const wanted = new Set(hours);
  return new Map(
    saved
      .filter((rollup) => wanted.has(rollup.hour) && isCurrent(rollup.readFrom, changedAt.get(rollup.hour)))
      .map((rollup) => [rollup.hour, rollup]),
  );
}

export interface RollupJobDeps {
  listings: Pick<ArticleListings, 'articlesForTopic'>;
  rollups: TrendRollups;
  clock: Clock;
}

export interface RollupJobBounds {
  /** Hours rolled up at most in one run. */
  maxHours: number;
  /** Asked before each hour; true ends the run (the next one carries on). */
  timeUp: () => boolean;
}

export interface RollupJobSummary {
  rolledUp: number;
  /** Hours that still need a rollup when the run ended. */
  remaining: number;
  labelItems: number;
}

/** The closed hours of the last MAX_PERIOD_DAYS that have no current rollup, newest first. */
export function hoursToRollUp(now: Date, states: readonly TrendHourState[]): UtcHour[] {
  // An hour is closed once its end is INDEX_LAG_MS past: later writes to it are recorded as changes.
  const last = hourAt(now.getTime() - INDEX_LAG_MS - HOUR_MS);
  const first = hourAt(
    Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00.000Z`) - MAX_PERIOD_DAYS * 24 * HOUR_MS,
  );
  const byHour = new Map(states.map((state) => [state.hour, state]));
  return hoursFrom(first, last)
    .filter((hour) => {
      const state = byHour.get(hour);
      return state?.rolledUpFrom === undefined || !isCurrent(state.rolledUpFrom, state.labelsChangedAt);
    })
    .reverse();
}

/** Rolls up the closed hours that need it, newest first, within the bounds. */
export async function rollUpHeatmapHours(
  deps: RollupJobDeps,
  bounds: RollupJobBounds,
): Promise<RollupJobSummary> {
  const now = deps.clock.now();
  const window = hoursFrom(
    hourAt(now.getTime() - (MAX_PERIOD_DAYS + 1) * 24 * HOUR_MS),
    hourAt(now.getTime()),
  );
  const due = hoursToRollUp(
    now,
    await deps.rollups.hourStates(window[0] as UtcHour, window.at(-1) as UtcHour),
  );
  const summary: RollupJobSummary = { rolledUp: 0, remaining: due.length, labelItems: 0 };
  for (const hour of due) {
    if (summary.rolledUp >= bounds.maxHours || bounds.timeUp()) break;
    const readFrom = deps.clock.now().toISOString();
    const tally = await tallyListings(hourBounds(hour), deps.listings);
    await deps.rollups.saveRollup({
      hour,
      cells: countsOf(tally.cellArticles),
      pairs: countsOf(tally.pairArticles),
      labelItems: tally.labelItems,
      readFrom,
    });
    summary.rolledUp += 1;
    summary.remaining -= 1;
    summary.labelItems += tally.labelItems;
  }
  return summary;
}

const countsOf = (sets: Map<string, Set<string>>) =>
  Object.fromEntries([...sets].map(([key, ids]) => [key, ids.size]));
