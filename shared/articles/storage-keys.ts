/**
 * S3 keys for the archive. Date-partitioned in Hive style (`yyyy=2026/mm=11/dd=27/`) by fetch time, so
 * Athena, `aws s3 ls` and replay can select a range of days by prefix.
 */
export const RAW_PREFIX = 'raw/';
export const ARTICLE_PREFIX = 'articles/';
/** The analysts' rules, precompiled (see RuleIndexStore): one object, replaced when the rules change. */
export const RULE_INDEX_KEY = 'rules/precompiled.json.gz';
export const ARTICLE_SUFFIX = '.json';
/** Ends a day shard of the archive (articleDayShardKey). */
export const ARCHIVE_SHARD_SUFFIX = '.shard.json.gz';

/**
 * Article ids are base64url hashes of the canonical URL (articleIdFor), so a key never carries what a
 * URL may hold: '/', '..', spaces, '%', '+', '#', '?', quotes or control characters, which S3 keys,
 * event notifications (URL-encoded keys) and Athena paths treat specially. Anything else is refused.
 */
const KEY_SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

function keySafeId(articleId: string): string {
  if (!KEY_SAFE_ID.test(articleId)) {
    throw new RangeError(`Not an article id (letters, digits, "_" or "-"): ${JSON.stringify(articleId)}`);
  }
  return articleId;
}

function datePartition(at: string): string {
  const day = new Date(at);
  if (Number.isNaN(day.getTime())) throw new RangeError(`Not a timestamp: ${at}`);
  const yyyy = day.getUTCFullYear().toString().padStart(4, '0');
  const mm = (day.getUTCMonth() + 1).toString().padStart(2, '0');
  const dd = day.getUTCDate().toString().padStart(2, '0');
  return `yyyy=${yyyy}/mm=${mm}/dd=${dd}/`;
}

export function rawPageKey(articleId: string, fetchedAt: string): string {
  return `${RAW_PREFIX}${datePartition(fetchedAt)}${keySafeId(articleId)}.html.gz`;
}

export function articleDocumentKey(articleId: string, fetchedAt: string): string {
  return `${ARTICLE_PREFIX}${datePartition(fetchedAt)}${keySafeId(articleId)}${ARTICLE_SUFFIX}`;
}

/**
 * The shard of one day's documents (ArchiveShards): beside the day's prefix, not in it, so listing a
 * day never returns it, and under `articles/`, so the articles' retention deletes it too. Its suffix
 * is not ARTICLE_SUFFIX, so writing it does not start a classification.
 */
export function articleDayShardKey(day: string): string {
  return `${articleDayPrefix(day).slice(0, -1)}${ARCHIVE_SHARD_SUFFIX}`;
}

/** The prefix holding the documents archived on one day (UTC), for replay and listings. */
export function articleDayPrefix(day: string): string {
  return `${ARTICLE_PREFIX}${datePartition(day)}`;
}
