/**
 * SimHash buckets (schema 1.5): one item per 16-bit band value, holding the recent articles whose
 * fingerprint has that value, so clustering reads all 68 candidate keys of a fingerprint with one
 * BatchGetItem instead of 68 queries (shared/dedup/near-duplicate.ts says why 68).
 *
 * Each article is one attribute of the bucket, named `@<articleId>` and holding
 * `<fetchedAt> <simhash> <clusterId>`, so adding it is a SET of its own attribute: writers never
 * overwrite each other, and a retry writes the same value again. On a read of its buckets (for a new
 * article, the one clustering just made) a writer removes the entries that can no longer match: those
 * fetched more than the window before the bucket's newest, and those beyond the newest
 * MAX_BUCKET_ENTRIES (the 50 newest candidates per key that the per-article band items of 1.3 were
 * queried for). At 20,000 articles a day a bucket holds about two entries (~200 bytes, one write
 * unit). The item's TTL follows its newest entry, so a bucket no article has reached for a window
 * expires.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StoryCandidate } from '../../shared/dedup/near-duplicate.ts';
import { batchGet, isConditionFailure, type TableClient } from './table-client.ts';
import {
  SCHEMA_VERSION,
  SIMBUCKET_PREFIX,
  SIMHASH_BUCKET_SCHEMA_MINOR_VERSION,
  simhashBucketKey,
} from './table-keys.ts';

/** Clustering looks back this far; an entry further back than this from its bucket's newest is dropped. */
export const SIMHASH_BUCKET_WINDOW_DAYS = 7;
export const MAX_BUCKET_ENTRIES = 50;
export const SIMHASH_BUCKET_TYPE = 'SimHashBucket';
const ENTRY_PREFIX = '@';
const DAY_MS = 86_400_000;

export interface BucketEntry extends StoryCandidate {
  readonly articleId: string;
  readonly fetchedAt: string;
}

/** The attribute that holds an article's entry in a bucket. */
const entryName = (articleId: string) => `${ENTRY_PREFIX}${articleId}`;

/** The attribute an entry is stored as: its name and value. */
export function entryAttribute(entry: BucketEntry): [name: string, value: string] {
  return [entryName(entry.articleId), `${entry.fetchedAt} ${entry.fingerprint} ${entry.clusterId}`];
}

function decodeEntry(name: string, value: unknown, bucket: string): BucketEntry {
  const [fetchedAt, fingerprint, clusterId, ...rest] = typeof value === 'string' ? value.split(' ') : [];
  if (fetchedAt === undefined || fingerprint === undefined || clusterId === undefined || rest.length > 0)
    throw new TypeError(`Malformed entry ${name} in SimHash bucket ${bucket}: ${JSON.stringify(value)}`);
  return { articleId: name.slice(ENTRY_PREFIX.length), fetchedAt, fingerprint, clusterId };
}

/** Newest first; the article id breaks ties, so every reader orders a bucket the same way. */
function newestFirst(a: BucketEntry, b: BucketEntry): number {
  if (a.fetchedAt !== b.fetchedAt) return a.fetchedAt < b.fetchedAt ? 1 : -1;
  return a.articleId < b.articleId ? 1 : a.articleId > b.articleId ? -1 : 0;
}

/** A bucket item's entries, newest first. */
function entriesOf(item: Record<string, unknown>): BucketEntry[] {
  const bucket = String(item.pk);
  return Object.entries(item)
    .filter(([name]) => name.startsWith(ENTRY_PREFIX))
    .map(([name, value]) => decodeEntry(name, value, bucket))
    .sort(newestFirst);
}

/** Epoch seconds, as DynamoDB's TTL reads them. */
function expiryOf(fetchedAt: string): number {
  return Math.floor(Date.parse(fetchedAt) / 1000) + SIMHASH_BUCKET_WINDOW_DAYS * 86_400;
}

/**
 * The entries a bucket keeps once `added` joins it: within the window of the newest entry, at most
 * MAX_BUCKET_ENTRIES, newest first. Those of `existing` left out are the ones to remove.
 */
function keptEntries(existing: readonly BucketEntry[], added: BucketEntry): BucketEntry[] {
  const all = [added, ...existing.filter((entry) => entry.articleId !== added.articleId)].sort(newestFirst);
  const newest = all[0] as BucketEntry;
  const windowStart = new Date(
    Date.parse(newest.fetchedAt) - SIMHASH_BUCKET_WINDOW_DAYS * DAY_MS,
  ).toISOString();
  return all.filter((entry) => entry.fetchedAt >= windowStart).slice(0, MAX_BUCKET_ENTRIES);
}

/** Every bucket's entries, by band key ("<band>:<hex>"); keys with no bucket are absent. */
export async function readBuckets(
  table: TableClient,
  bands: readonly string[],
): Promise<ReadonlyMap<string, readonly BucketEntry[]>> {
  const items = await batchGet(
    table,
    [...new Set(bands)].map((band) => simhashBucketKey(band)),
  );
  return new Map(items.map((item) => [String(item.pk).slice(SIMBUCKET_PREFIX.length), entriesOf(item)]));
}

/**
 * Adds the article to the bucket of each of its bands, dropping entries that can no longer match.
 * Which to drop is decided on `bucketsRead`, a readBuckets of (at least) these bands made moments
 * before (clustering's, for a new article), or else on a read of its own.
 *
 * Either view is older than the write, as any read before an unconditional update is. Meanwhile
 * others may add entries, each a SET of its own attribute that ours never touches (an entry's fetch
 * time never changes, the first fetch wins, so a rewrite ranks where it did). Added entries only make
 * the view drop fewer: its newest is no newer than the bucket's, so its window starts no later, and
 * each entry has no more newer ones in it, so it is no further from the newest 50. Entries others
 * pruned meanwhile were outranked by entries still there, so they change nothing, and the REMOVE of
 * an entry already gone does nothing. Only an entry taken out because its article's text changed
 * (removeFromBuckets) can make the view drop more: an entry over the window before that article's
 * fetch, which no clustering from now on reaches anyway, or the 51st newest, which a fresh read
 * would keep until the bucket's next article. `expiresAt` is shared: a view without an entry fetched
 * after ours sets an expiry earlier than that entry needs, by the gap between their fetches. These
 * races are as old as the read-then-update itself, and no likelier: at the write, clustering's read
 * is about as old as a read of its own would be (the Article's Put takes the re-read's round trip).
 */
export async function addToBuckets(
  table: TableClient,
  bands: readonly string[],
  entry: BucketEntry,
  bucketsRead?: ReadonlyMap<string, readonly BucketEntry[]>,
): Promise<void> {
  const buckets = bucketsRead ?? (await readBuckets(table, bands));
  await Promise.all(
    bands.map(async (band) => {
      const existing = buckets.get(band) ?? [];
      const kept = keptEntries(existing, entry);
      // Its own entry would be dropped at once (an article older than the bucket's window, or than
      // its 50 newest): the bucket stays as it is.
      if (!kept.some(({ articleId }) => articleId === entry.articleId)) return;
      const keptIds = new Set(kept.map(({ articleId }) => articleId));
      const removed = existing.filter(({ articleId }) => !keptIds.has(articleId));
      const newestExpiry = Math.max(...kept.map(({ fetchedAt }) => expiryOf(fetchedAt)));
      const [name, value] = entryAttribute(entry);
      await table.client.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: simhashBucketKey(band),
          UpdateExpression: [
            'SET #entry = :entry, #type = :type, schemaVersion = :version, schemaMinorVersion = :minor, expiresAt = :expiry',
            ...(removed.length > 0
              ? [`REMOVE ${removed.map((_, index) => `#removed${index}`).join(', ')}`]
              : []),
          ].join(' '),
          ExpressionAttributeNames: {
            '#entry': name,
            '#type': 'type',
            ...Object.fromEntries(
              removed.map(({ articleId }, index) => [`#removed${index}`, entryName(articleId)]),
            ),
          },
          ExpressionAttributeValues: {
            ':entry': value,
            ':type': SIMHASH_BUCKET_TYPE,
            ':version': SCHEMA_VERSION,
            ':minor': SIMHASH_BUCKET_SCHEMA_MINOR_VERSION,
            ':expiry': newestExpiry,
          },
        }),
      );
    }),
  );
}

/** Takes the article out of these buckets (its text or fetch time changed); absent buckets are left absent. */
export async function removeFromBuckets(
  table: TableClient,
  bands: readonly string[],
  articleId: string,
): Promise<void> {
  await Promise.all(
    bands.map(async (band) => {
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.tableName,
            Key: simhashBucketKey(band),
            UpdateExpression: 'REMOVE #entry',
            // Without it, UpdateItem would create an empty bucket.
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#entry': entryName(articleId) },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }),
  );
}
