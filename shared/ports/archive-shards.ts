/**
 * The port for day shards of the article archive: the documents archived on one UTC day, in key
 * order, in one object, so a rule preview reads a day in one request instead of two per article.
 * A day's prefix takes documents only while that day is the fetch day, so a shard built after the day
 * closed is complete and never goes stale (sealed); the open day's shard holds the documents archived
 * when it was built, and a reader lists the day to read the rest one by one. Labels are not in it
 * (they change): the preview reads them from the table.
 */
import type { ArticleDocument } from '../articles/article-document.ts';

export interface ShardedDocument {
  /** The document's own archive key. */
  key: string;
  document: ArticleDocument;
}

export interface DayShard {
  /** Built after the day closed: it holds every document the day will ever have. */
  sealed: boolean;
  /** In key order. */
  documents: ShardedDocument[];
}

export type DayShardState = 'none' | 'open' | 'sealed';

export interface ArchiveShards {
  /** The day's shard, or null when the day has none (yet). */
  getDayShard(day: string): Promise<DayShard | null>;
  /** Whether the day has a shard and whether it is sealed, without reading it. */
  dayShardState(day: string): Promise<DayShardState>;
  /** Replaces the day's shard. */
  putDayShard(day: string, shard: DayShard): Promise<void>;
}
