/**
 * ArticleCatalog on the table. The Article item holds the record; one ArticleLabel item per pair,
 * country, topic, source and cluster lists it on gsi1 under that label (so an article with several
 * pairs is found under each), and its entry in the SimHash bucket of each of its four 16-bit bands
 * finds near-duplicates without a scan: fingerprints close enough to be one story always agree on at
 * least one band up to one bit, so clustering reads each band's bucket and those of its one-bit
 * neighbours (shared/dedup/near-duplicate.ts), 68 items in one BatchGetItem (schema 1.5,
 * simhash-buckets.dynamodb.ts). Until schema 1.5, each article had one SimHashBand item per band,
 * found by 68 queries; those are still read and deleted while clustering's window can hold them.
 *
 * Each time it writes an article's labels it records the time on the TrendHour item of the article's
 * hour (schema 1.4), after the labels are written, so the heat map's rollup of that hour is known to be
 * stale (shared/console/heatmap-rollups.ts). A retry writes the labels and the time again.
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type ArticleRecord, labelsOf } from '../../shared/articles/article-record.ts';
import { hourOf } from '../../shared/console/heatmap-rollups.ts';
import {
  candidateBandKeys,
  clusterIdFor,
  fingerprintBands,
  legacyFingerprintBands,
  type StoryCandidate,
} from '../../shared/dedup/near-duplicate.ts';
import {
  type ArticleCatalog,
  type ClusterLookup,
  ConcurrentUpdateError,
} from '../../shared/ports/article-catalog.ts';
import { type Clock, systemClock } from '../../shared/ports/clock.ts';
import {
  addToBuckets,
  type BucketEntry,
  readBuckets,
  removeFromBuckets,
} from './simhash-buckets.dynamodb.ts';
import { batchGet, batchWrite, isConditionFailure, type TableClient, withoutKeys } from './table-client.ts';
import {
  ARTICLE_SCHEMA_MINOR_VERSION,
  articleKey,
  LABEL_SK_PREFIX,
  labelPartition,
  SCHEMA_VERSION,
  SIMBAND_PREFIX,
  simhashBandKey,
  timeSortKey,
} from './table-keys.ts';
import { recordLabelChange } from './trend-rollups.dynamodb.ts';

/** What a label listing returns without a second read: enough to show and filter an article. */
function summaryOf(record: ArticleRecord) {
  return {
    id: record.id,
    title: record.title,
    canonicalUrl: record.canonicalUrl,
    source: record.source,
    publishedAt: record.publishedAt,
    sortAt: record.sortAt,
    primaryPair: record.primaryPair,
    countryPairs: record.countryPairs.map(({ pair }) => pair),
    // A map, so a reader can filter a pair's listing on its relation (`pairRelations.#pair = :type`).
    pairRelations: Object.fromEntries(
      record.countryPairs.flatMap(({ pair, relation }) =>
        relation === undefined ? [] : [[pair, relation.type]],
      ),
    ),
    countries: record.countries.map(({ code }) => code),
    topics: record.topics.map(({ id }) => id),
    clusterId: record.clusterId,
    documentKey: record.documentKey,
  };
}

function labelItems(record: ArticleRecord): Record<string, unknown>[] {
  const pk = articleKey(record.id).pk;
  return labelsOf(record).map((label) => ({
    pk,
    sk: `${LABEL_SK_PREFIX}${labelPartition(label)}`,
    gsi1pk: labelPartition(label),
    gsi1sk: timeSortKey(record.sortAt, record.id),
    type: 'ArticleLabel',
    schemaVersion: SCHEMA_VERSION,
    schemaMinorVersion: ARTICLE_SCHEMA_MINOR_VERSION,
    label: labelPartition(label),
    ...summaryOf(record),
  }));
}

/**
 * Keys of the band items schemas 1.2 to 1.4 wrote for the record (8-bit bands, then 16-bit ones),
 * which expire within 7 days of its fetch.
 */
function legacyBandKeys(record: ArticleRecord): { pk: string; sk: string }[] {
  if (record.simhash === null) return [];
  return [...fingerprintBands(record.simhash), ...legacyFingerprintBands(record.simhash)].map((band) =>
    simhashBandKey(band, record.fetchedAt, record.id),
  );
}

/**
 * Queries for band items of schemas 1.1 to 1.4 one clustering has in flight at once, while they may
 * be in its window. The SDK client has 50 sockets and a function clusters up to a batch of 10
 * articles at a time: 8 each keeps the queue for sockets short (16 each already made the SDK warn
 * that over 100 requests were waiting). 84 queries are then 11 round trips inside a Region.
 */
const BAND_QUERIES_AT_ONCE = 8;
/** BatchGetItem takes at most 100 keys; a preview's thousands of labels are read 8 batches at a time. */
const BATCH_GET_KEYS = 100;
const BATCH_GETS_AT_ONCE = 8;

/** `task` over every input, at most `limit` at once; results in input order. */
async function mapAtMost<T, R>(
  inputs: readonly T[],
  limit: number,
  task: (input: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const index = next;
      next += 1;
      results[index] = await task(inputs[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
  return results;
}

export interface ArticleCatalogOptions {
  /**
   * What the table may hold of band items of schemas 1.1 to 1.4 (one per article and band):
   * `undefined` (unknown, the default) queries for them on every clustering; an ISO time says none
   * was written after it (when 1.5 was deployed), so a clustering whose window starts at or after it
   * skips them, and they stop being read a week after the deployment by themselves; `null` says the
   * table never had any (it was created by 1.5 or later). Skipping them saves 84 queries of a
   * clustering. Asked on each clustering, so a setting read from the environment may change between
   * runs of one process.
   */
  bandItemsBefore?: () => string | null | undefined;
  /** When labels change, for the hour's TrendHour item (tests pass a fixed clock). */
  clock?: Clock;
}

/** The SimHash buckets a findCluster read, by band key, and the fingerprint it read them for. */
interface BucketsRead {
  fingerprint: string;
  buckets: ReadonlyMap<string, readonly BucketEntry[]>;
}

/** How indexing may skip a read: what saveArticle knows that indexArticle does not. */
interface IndexShortcuts {
  /** The Article item was just created, so its partition holds no label or band items yet. */
  created?: boolean;
  /** Buckets that include the article's own, read moments before by findCluster. */
  bucketsRead?: ReadonlyMap<string, readonly BucketEntry[]>;
}

export class DynamoDbArticleCatalog implements ArticleCatalog {
  /**
   * Each lookup findCluster returned, with the buckets it read, for saveArticle to decide which
   * bucket entries to drop without reading the article's four buckets again. Keyed by the lookup
   * object itself, so concurrent classifications never see each other's reads, and held only as long
   * as the caller holds the lookup.
   */
  private readonly bucketsReadFor = new WeakMap<ClusterLookup, BucketsRead>();

  constructor(
    private readonly table: TableClient,
    private readonly options: ArticleCatalogOptions = {},
  ) {}

  /** Whether band items of schemas 1.1 to 1.4 can fall in a window that starts at `since`. */
  private mayHoldBandItems(since: string): boolean {
    const before = this.options.bandItemsBefore?.();
    if (before === undefined) return true;
    return before !== null && since < before;
  }

  async getArticle(id: string): Promise<ArticleRecord | null> {
    const { Item } = await this.table.client.send(
      new GetCommand({ TableName: this.table.tableName, Key: articleKey(id), ConsistentRead: true }),
    );
    return Item === undefined ? null : withoutKeys<ArticleRecord>(Item);
  }

  async getArticles(ids: readonly string[]): Promise<Map<string, ArticleRecord>> {
    const chunks = Array.from({ length: Math.ceil(ids.length / BATCH_GET_KEYS) }, (_, index) =>
      ids.slice(index * BATCH_GET_KEYS, (index + 1) * BATCH_GET_KEYS),
    );
    const found = await mapAtMost(chunks, BATCH_GETS_AT_ONCE, (chunk) =>
      batchGet(
        this.table,
        chunk.map((id) => articleKey(id)),
      ),
    );
    return new Map(
      found.flat().map((item) => {
        const record = withoutKeys<ArticleRecord>(item);
        return [record.id, record];
      }),
    );
  }

  async saveArticle(
    record: ArticleRecord,
    previous: ArticleRecord | null,
    lookup?: ClusterLookup,
  ): Promise<void> {
    try {
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: {
            ...articleKey(record.id),
            type: 'Article',
            schemaVersion: SCHEMA_VERSION,
            schemaMinorVersion: ARTICLE_SCHEMA_MINOR_VERSION,
            ...record,
          },
          ...(previous === null
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: 'revision = :revision',
                ExpressionAttributeValues: { ':revision': previous.revision },
              }),
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConcurrentUpdateError(record.id);
      throw error;
    }
    // Only clustering's read of this very fingerprint covers the article's own buckets.
    const read = lookup === undefined ? undefined : this.bucketsReadFor.get(lookup);
    await this.index(record, {
      // The Put's attribute_not_exists(pk) held: labels are only written after the Article item and
      // Articles are never deleted, so its partition has none to clean up (a SeenEntry or an alert
      // may be there; the clean-up leaves those alone anyway).
      created: previous === null,
      bucketsRead: read?.fingerprint === record.simhash ? read.buckets : undefined,
    });
    // Buckets and band items are keyed by band, so the article's own partition cannot list them: take
    // the article out of the buckets of its previous text (and delete the band items schemas 1.2 to
    // 1.4 may have written for it), or a near-copy of an old text would still join this story.
    if (
      previous !== null &&
      previous.simhash !== null &&
      (previous.simhash !== record.simhash || previous.fetchedAt !== record.fetchedAt)
    ) {
      const current = new Set(record.simhash === null ? [] : fingerprintBands(record.simhash));
      await removeFromBuckets(
        this.table,
        fingerprintBands(previous.simhash).filter((band) => !current.has(band)),
        record.id,
      );
      await batchWrite(
        this.table,
        legacyBandKeys(previous).map((Key) => ({ DeleteRequest: { Key } })),
      );
    }
  }

  /**
   * Brings the article's index items in line with the record: writes current labels, deletes stale
   * ones and band items of schema 1.1 (which lived in the article's partition), and enters the
   * article in its SimHash buckets.
   */
  async indexArticle(record: ArticleRecord): Promise<void> {
    await this.index(record, {});
  }

  private async index(record: ArticleRecord, { created = false, bucketsRead }: IndexShortcuts) {
    // Labels and buckets are independent items: written side by side, one wait instead of two.
    await Promise.all([
      this.writeLabels(record, created),
      record.simhash === null
        ? undefined
        : addToBuckets(
            this.table,
            fingerprintBands(record.simhash),
            {
              articleId: record.id,
              fetchedAt: record.fetchedAt,
              fingerprint: record.simhash,
              clusterId: record.clusterId,
            },
            bucketsRead,
          ),
    ]);
    await recordLabelChange(
      this.table,
      hourOf(record.sortAt),
      (this.options.clock ?? systemClock).now().toISOString(),
    );
  }

  /**
   * Writes the record's label items and deletes those it no longer has (and band items of 1.1); a
   * `created` article has none to delete, so its partition is not queried.
   */
  private async writeLabels(record: ArticleRecord, created: boolean): Promise<void> {
    const labels = labelItems(record);
    const wantedKeys = new Set(labels.map((item) => item.sk));
    const existing = created
      ? []
      : ((
          await this.table.client.send(
            new QueryCommand({
              TableName: this.table.tableName,
              KeyConditionExpression: 'pk = :pk',
              ExpressionAttributeValues: { ':pk': articleKey(record.id).pk },
              ProjectionExpression: 'pk, sk',
            }),
          )
        ).Items ?? []);
    const stale = existing.filter(
      (item) =>
        (String(item.sk).startsWith(LABEL_SK_PREFIX) || String(item.sk).startsWith(SIMBAND_PREFIX)) &&
        !wantedKeys.has(item.sk),
    );
    await batchWrite(this.table, [
      ...labels.map((Item) => ({ PutRequest: { Item } })),
      ...stale.map((item) => ({ DeleteRequest: { Key: { pk: String(item.pk), sk: String(item.sk) } } })),
    ]);
  }

  /**
   * Reads the 68 candidate buckets of the fingerprint (each band's and its one-bit neighbours') and
   * picks the closest entry fetched since `since`. Band items of schemas 1.1 (on gsi1) to 1.4 are
   * queried too while the window can hold them (`bandItemsBefore`): until they expire, 7 days after
   * 1.5 is deployed, and never on a table created by 1.5 or later.
   */
  async findCluster(simhash: string, since: string): Promise<ClusterLookup> {
    // Each band's own key is among the candidates, so this read covers the article's own buckets.
    const keys = candidateBandKeys(simhash);
    const [buckets, bandItems] = await Promise.all([
      readBuckets(this.table, keys),
      this.mayHoldBandItems(since) ? this.queryBandItems(simhash, since) : [],
    ]);
    const fromBuckets = keys.flatMap((key) =>
      (buckets.get(key) ?? []).filter(({ fetchedAt }) => fetchedAt >= since),
    );
    const lookup: ClusterLookup = { clusterId: clusterIdFor(simhash, [...fromBuckets, ...bandItems]) };
    this.bucketsReadFor.set(lookup, { fingerprint: simhash, buckets });
    return lookup;
  }

  /** The newest 50 band items (schemas 1.1 to 1.4) of each candidate key, as 1.4 looked them up. */
  private async queryBandItems(simhash: string, since: string): Promise<StoryCandidate[]> {
    const lookups = [
      ...candidateBandKeys(simhash).map((band) => ({
        KeyConditionExpression: 'pk = :band AND sk >= :since',
        band,
      })),
      ...legacyFingerprintBands(simhash).flatMap((band) => [
        { KeyConditionExpression: 'pk = :band AND sk >= :since', band },
        { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :band AND gsi1sk >= :since', band },
      ]),
    ];
    const candidates = await mapAtMost(lookups, BAND_QUERIES_AT_ONCE, async ({ band, ...query }) => {
      const { Items = [] } = await this.table.client.send(
        new QueryCommand({
          TableName: this.table.tableName,
          ...query,
          ExpressionAttributeValues: { ':band': `${SIMBAND_PREFIX}${band}`, ':since': since },
          // Only what clustering compares: a smaller reply to send and parse (read units are the same).
          ProjectionExpression: 'clusterId, simhash',
          ScanIndexForward: false,
          Limit: 50,
        }),
      );
      return Items.map((item) => ({
        clusterId: String(item.clusterId),
        fingerprint: String(item.simhash),
      }));
    });
    return candidates.flat();
  }
}
