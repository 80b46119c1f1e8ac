/**
 * Builds the archive's day shards (shared/ports/archive-shards.ts) that let a rule preview read a day
 * in one request. A document is archived under its fetch day, so once a day has closed, and fetches
 * begun before midnight have had time to store what they fetched (DAY_CLOSED_AFTER_MS), its prefix
 * never changes again: the shard built then is sealed and never rebuilt. Until then the job refreshes
 * the day's open shard on each run, reading only the documents archived since the last one.
 * roll-up-trends does this for today and the last SHARD_DAYS days, newest first.
 */

import { archiveDays } from '../pipeline/replay-archive.ts';
import type { ArchiveShards, DayShard, ShardedDocument } from '../ports/archive-shards.ts';
import type { ArticleArchive } from '../ports/article-archive.ts';
import type { Clock } from '../ports/clock.ts';

const DAY_MS = 86_400_000;
/** Closed days that get a shard: the 7- and 30-day previews'; older days are read per document. */
const SHARD_DAYS = 31;
/** Longer than fetch-article's timeout (150 s) and any clock skew: no document lands in a day after it. */
export const DAY_CLOSED_AFTER_MS = 15 * 60_000;
/** Documents read at once while building a shard. */
const READS_AT_ONCE = 16;

export interface ShardJobDeps {
  archive: Pick<ArticleArchive, 'listArticleKeys' | 'getArticle'>;
  shards: ArchiveShards;
  clock: Clock;
}

export interface ShardJobSummary {
  /** Shards written: sealed ones and refreshed open ones. */
  written: number;
  /** Documents read from the archive to write them. */
  documentsRead: number;
}

/** Whether no document can be archived under `day` any more at `now`. */
const isClosedDay = (day: string, now: Date) =>
  now.getTime() >= Date.parse(`${day}T00:00:00.000Z`) + DAY_MS + DAY_CLOSED_AFTER_MS;

/** Today and the SHARD_DAYS days before it, newest first. */
function shardDays(now: Date): { day: string; prefix: string }[] {
  const oldest = new Date(now.getTime() - SHARD_DAYS * DAY_MS).toISOString();
  return archiveDays(oldest, now.toISOString()).reverse();
}

/** Reads `keys` from the archive, READS_AT_ONCE at a time, in the order given. */
async function readDocuments(
  keys: readonly string[],
  archive: Pick<ArticleArchive, 'getArticle'>,
): Promise<ShardedDocument[]> {
  const documents: ShardedDocument[] = new Array(keys.length);
  let next = 0;
  const reader = async () => {
    for (let index = next++; index < keys.length; index = next++) {
      const key = keys[index] as string;
      documents[index] = { key, document: await archive.getArticle(key) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, keys.length) }, reader));
  return documents;
}

/** The day's shard as of now: the previous one's documents, and those archived since, in key order. */
async function currentShard(
  day: { day: string; prefix: string },
  previous: DayShard | null,
  sealed: boolean,
  archive: ShardJobDeps['archive'],
): Promise<{ shard: DayShard; read: number }> {
  const known = new Map((previous?.documents ?? []).map((entry) => [entry.key, entry]));
  const keys: string[] = [];
  for await (const key of archive.listArticleKeys(day.prefix)) keys.push(key);
  const added = await readDocuments(
    keys.filter((key) => !known.has(key)),
    archive,
  );
  for (const entry of added) known.set(entry.key, entry);
  return { shard: { sealed, documents: keys.flatMap((key) => known.get(key) ?? []) }, read: added.length };
}

/** Writes the shards of today and the last SHARD_DAYS days that are not sealed yet, while `timeUp` allows. */
export async function buildDayShards(deps: ShardJobDeps, timeUp: () => boolean): Promise<ShardJobSummary> {
  const summary: ShardJobSummary = { written: 0, documentsRead: 0 };
  for (const day of shardDays(deps.clock.now())) {
    if (timeUp()) break;
    const state = await deps.shards.dayShardState(day.day);
    if (state === 'sealed') continue;
    // Decided before listing: a day closed by then has every document it will ever have.
    const sealed = isClosedDay(day.day, deps.clock.now());
    const previous = state === 'open' ? await deps.shards.getDayShard(day.day) : null;
    const { shard, read } = await currentShard(day, previous, sealed, deps.archive);
    await deps.shards.putDayShard(day.day, shard);
    summary.written += 1;
    summary.documentsRead += read;
  }
  return summary;
}
