/**
 * The table's key design: one place that says which item lives under which key and which index entry.
 * docs/data-contract.md documents the same layout for downstream readers.
 *
 * | item          | pk                 | sk                    | gsi1pk                  | gsi1sk                  |
 * |---------------|--------------------|-----------------------|-------------------------|-------------------------|
 * | Article       | ARTICLE#<id>       | ARTICLE               | –                       | –                       |
 * | ArticleLabel  | ARTICLE#<id>       | LABEL#<KIND>#<value>  | <KIND>#<value>          | <sortAt>#<id>           |
 * | SimHashBucket | SIMBUCKET#<band>:<hex> | BUCKET            | –                       | –                       |
 * | SimHashBand   | SIMBAND#<band>:<hex> | <fetchedAt>#<id>    | –                       | –                       |
 * | SeenEntry     | ARTICLE#<id>       | SEEN                  | –                       | –                       |
 * | Alert         | ARTICLE#<id>       | ALERT#<ruleId>        | ALERTS#<ruleId>         | <matchedAt>#<articleId> |
 * | FeedState     | FEED#<feedId>      | FEED                  | FEEDS#<status>          | <nextDueAt>#<feedId>    |
 * | Rule          | RULE#<id>          | RULE                  | RULES                   | <id>                    |
 * | RulesVersion  | RULES              | VERSION               | –                       | –                       |
 * | Subscription  | SUB#<id>           | SUB                   | SUBSCRIPTIONS#digest    | <email, lower-case>     |
 * | DigestSent    | RECIPIENT#<rcptId> | DIGEST#<day>          | –                       | –                       |
 * | TrendHour     | TRENDS#HOURS       | <YYYY-MM-DDTHH>       | –                       | –                       |
 * | HeatmapRollup | TRENDS#HEATMAP     | <YYYY-MM-DDTHH>       | –                       | –                       |
 *
 * Everything about one article but its SimHash buckets shares its partition, so "alerts for an article"
 * and label clean-up are single queries; every list ordered by time is one GSI query on an overloaded
 * gsi1. Buckets have partitions of their own: they are only ever read by band value, 68 at a time.
 * SimHashBand items (schemas 1.1 to 1.4, one per article and band) are no longer written; they are
 * read and deleted until they expire.
 */
import type { ArticleLabel } from '../../shared/articles/article-record.ts';

export const SCHEMA_VERSION = 1;
/**
 * Minor version of the Article and ArticleLabel items (schema 1.1): 1 added each pair's relation
 * (`countryPairs[].relation`, the summaries' `pairRelations`). Only optional fields are added.
 */
export const ARTICLE_SCHEMA_MINOR_VERSION = 1;
/**
 * Minor version of SimHashBucket items, which schema 1.5 added in place of SimHashBand items (one per
 * article and band: 1.2 moved them to the band's own partition, 1.3 keyed them by 4 bands of 16 bits
 * instead of 8 of 8). A bucket is one item per band value holding that value's recent articles
 * (adapters/dynamodb/simhash-buckets.dynamodb.ts). Internal items: no reader reads them.
 */
export const SIMHASH_BUCKET_SCHEMA_MINOR_VERSION = 5;
/** Minor version of FeedState items: 3 (schema 1.3) added `quietPolls` (adaptive polling). */
export const FEED_STATE_SCHEMA_MINOR_VERSION = 3;

export const articleKey = (id: string) => ({ pk: `ARTICLE#${id}`, sk: 'ARTICLE' });
export const seenKey = (id: string) => ({ pk: `ARTICLE#${id}`, sk: 'SEEN' });
export const alertKey = (articleId: string, ruleId: string) => ({
  pk: `ARTICLE#${articleId}`,
  sk: `ALERT#${ruleId}`,
});
export const feedKey = (feedId: string) => ({ pk: `FEED#${feedId}`, sk: 'FEED' });
/** A dispatcher's lease on a feed: beside the FeedState, off gsi1, so leasing writes one unit. */
export const feedLeaseKey = (feedId: string) => ({ pk: `FEED#${feedId}`, sk: 'LEASE' });
export const ruleKey = (id: string) => ({ pk: `RULE#${id}`, sk: 'RULE' });
/** Counts the changes to the rules: see RuleStore.version. */
export const rulesVersionKey = { pk: 'RULES', sk: 'VERSION' } as const;
export const subscriptionKey = (id: string) => ({ pk: `SUB#${id}`, sk: 'SUB' });
/** One per (recipient, day): an address's digest subscriptions share one email a day, so one record. */
export const digestSentKey = (recipientId: string, day: string) => ({
  pk: `RECIPIENT#${recipientId}`,
  sk: `DIGEST#${day}`,
});

/** When an hour's labels last changed and when its rollup was read (internal, schema 1.4). */
export const trendHourKey = (hour: string) => ({ pk: TREND_HOURS_PK, sk: hour });
export const TREND_HOURS_PK = 'TRENDS#HOURS';
/** The heat map's counts of one hour (internal, schema 1.4). */
export const heatmapRollupKey = (hour: string) => ({ pk: HEATMAP_ROLLUPS_PK, sk: hour });
export const HEATMAP_ROLLUPS_PK = 'TRENDS#HEATMAP';
/** Minor version of the TrendHour and HeatmapRollup items, which schema 1.4 added. */
export const TREND_SCHEMA_MINOR_VERSION = 4;

export const LABEL_SK_PREFIX = 'LABEL#';
/** Starts a band's partition key (schema 1.2 and later), and the sort key of band items of schema 1.1. */
export const SIMBAND_PREFIX = 'SIMBAND#';
export const SIMBUCKET_PREFIX = 'SIMBUCKET#';
/** The SimHash bucket of a band value ("<band>:<hex>"): its recent articles, in one item. */
export const simhashBucketKey = (band: string) => ({ pk: `${SIMBUCKET_PREFIX}${band}`, sk: 'BUCKET' });
/** A SimHash band item (schemas 1.2 to 1.4): in the band's partition, ordered by fetch time, one per article. */
export const simhashBandKey = (band: string, fetchedAt: string, id: string) => ({
  pk: `${SIMBAND_PREFIX}${band}`,
  sk: timeSortKey(fetchedAt, id),
});
export const ALERT_SK_PREFIX = 'ALERT#';

const LABEL_KIND: Record<ArticleLabel['kind'], string> = {
  pair: 'PAIR',
  country: 'COUNTRY',
  topic: 'TOPIC',
  source: 'SOURCE',
  cluster: 'CLUSTER',
};

/** The gsi1 partition listing articles under a label, e.g. `PAIR#PK-US`. */
export function labelPartition(label: ArticleLabel): string {
  return `${LABEL_KIND[label.kind]}#${label.value}`;
}

export const feedStatusPartition = (status: 'active' | 'broken') => `FEEDS#${status}`;
export const alertsForRulePartition = (ruleId: string) => `ALERTS#${ruleId}`;
export const RULES_PARTITION = 'RULES';
export const DIGEST_SUBSCRIPTIONS_PARTITION = 'SUBSCRIPTIONS#digest';

/** A gsi1 sort key of a timestamp and an id: ordered by time, unique per item. */
export const timeSortKey = (at: string, id: string) => `${at}#${id}`;
/** An exclusive upper bound for sort keys that start with `at` or earlier ('$' follows '#'). */
export const timeSortBound = (at: string) => `${at}$`;
