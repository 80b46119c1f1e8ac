/**
 * The typed reader for downstream services: one function per access pattern of the data contract
 * (docs/data-contract.md), each a key or gsi1 query (never a scan), with unmarshalled, typed results
 * and pagination by opaque cursor. Exported by the package as `wirewatch/reader`.
 *
 * Time ranges are inclusive ISO 8601 instants; lists are newest first.
 */
import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  ALERT_SK_PREFIX,
  alertsForRulePartition,
  articleKey,
  feedStatusPartition,
  labelPartition,
  timeSortBound,
} from '../adapters/dynamodb/table-keys.ts';
import type { AlertRecord } from '../shared/alerts/alert-record.ts';
import type { ArticleRecord } from '../shared/articles/article-record.ts';
import { RELATION_TYPES, type RelationType } from '../shared/classification/pair-relations.ts';
import type { FeedState } from '../shared/polling/feed-state.ts';
import { articleIdFor, canonicalizeUrl } from '../shared/urls/canonical-url.ts';

export const READER_SCHEMA_VERSION = 1;

interface Versioned {
  type: string;
  schemaVersion: number;
  /** 1 from schema 1.1 (pair relations) on; absent on items written before it. */
  schemaMinorVersion?: number;
}

export type ArticleItem = ArticleRecord & Versioned;
export type AlertItem = AlertRecord & Versioned;
export type FeedItem = FeedState & Versioned;

/** What a label listing holds for each article: enough to show and filter it without a second read. */
export interface ArticleSummary {
  id: string;
  title: string;
  canonicalUrl: string;
  source: string;
  publishedAt: string | null;
  sortAt: string;
  primaryPair: string | null;
  countryPairs: string[];
  countries: string[];
  topics: string[];
  /** Each pair's relation type (schema 1.1); absent on label items written before it. */
  pairRelations?: Record<string, RelationType>;
  clusterId: string;
  documentKey: string;
}

export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; null when there is none. */
  cursor: string | null;
}

export interface RangeQuery {
  since?: string;
  until?: string;
  limit?: number;
  cursor?: string | null;
}

export interface PairQuery extends RangeQuery {
  /**
   * Only articles whose relation for this pair is this type, or either type of a shorthand
   * (`conflict`: verbal or material). DynamoDB filters after `limit` is applied, so a page may hold
   * fewer items (even none) while its cursor still leads on.
   */
  relation?: RelationType | 'cooperation' | 'conflict';
}

/** A filter on the listed items, applied by DynamoDB after the key condition. */
interface ItemFilter {
  expression: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

/** The filter keeping a pair's articles whose relation for it is `relation` (a type or a shorthand). */
function relationFilter(pair: string, relation: NonNullable<PairQuery['relation']>): ItemFilter {
  const types = RELATION_TYPES.filter((type) => type === relation || type.endsWith(`-${relation}`));
  if (types.length === 0) throw new TypeError(`Unknown relation "${relation}"`);
  const values = Object.fromEntries(types.map((type, index) => [`:relation${index}`, type]));
  return {
    expression: `#pairRelations.#pair IN (${Object.keys(values).join(', ')})`,
    names: { '#pairRelations': 'pairRelations', '#pair': pair },
    values,
  };
}

export interface WirewatchReader {
  getArticle(id: string): Promise<ArticleItem | null>;
  getArticleByUrl(url: string): Promise<ArticleItem | null>;
  articlesForPair(pair: string, range?: PairQuery): Promise<Page<ArticleSummary>>;
  articlesForCountry(code: string, range?: RangeQuery): Promise<Page<ArticleSummary>>;
  articlesForTopic(topic: string, range?: RangeQuery): Promise<Page<ArticleSummary>>;
  articlesForSource(source: string, range?: RangeQuery): Promise<Page<ArticleSummary>>;
  articlesInCluster(clusterId: string, range?: RangeQuery): Promise<Page<ArticleSummary>>;
  alertsForRule(ruleId: string, range?: RangeQuery): Promise<Page<AlertItem>>;
  alertsForArticle(articleId: string): Promise<AlertItem[]>;
  dueFeeds(now: string, range?: Omit<RangeQuery, 'since' | 'until'>): Promise<Page<FeedItem>>;
  brokenFeeds(range?: Omit<RangeQuery, 'since' | 'until'>): Promise<Page<FeedItem>>;
}

const encodeCursor = (key: Record<string, unknown> | undefined) =>
  key === undefined ? null : Buffer.from(JSON.stringify(key)).toString('base64url');

function decodeCursor(cursor: string | null | undefined): Record<string, unknown> | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new TypeError('Invalid cursor: pass back the cursor of a previous page unchanged');
  }
}

function strip<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, label: _l, ...rest } = item;
  return rest as T;
}

function summary(item: Record<string, unknown>): ArticleSummary {
  const {
    type: _t,
    schemaVersion: _v,
    schemaMinorVersion: _m,
    ...rest
  } = strip<Record<string, unknown>>(item);
  return rest as unknown as ArticleSummary;
}

export function createReader(options: {
  client: DynamoDBDocumentClient;
  tableName: string;
}): WirewatchReader {
  const { client, tableName } = options;

  async function listByTime<T>(
    partition: string,
    range: RangeQuery,
    map: (item: Record<string, unknown>) => T,
    filter?: ItemFilter,
  ): Promise<Page<T>> {
    const conditions = ['gsi1pk = :pk'];
    const values: Record<string, unknown> = { ':pk': partition };
    if (range.since !== undefined && range.until !== undefined) {
      conditions.push('gsi1sk BETWEEN :since AND :until');
      Object.assign(values, { ':since': range.since, ':until': timeSortBound(range.until) });
    } else if (range.since !== undefined) {
      conditions.push('gsi1sk >= :since');
      values[':since'] = range.since;
    } else if (range.until !== undefined) {
      conditions.push('gsi1sk < :until');
      values[':until'] = timeSortBound(range.until);
    }
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: conditions.join(' AND '),
        ...(filter === undefined
          ? {}
          : { FilterExpression: filter.expression, ExpressionAttributeNames: filter.names }),
        ExpressionAttributeValues: { ...values, ...filter?.values },
        ScanIndexForward: false,
        Limit: range.limit ?? 50,
        ExclusiveStartKey: decodeCursor(range.cursor),
      }),
    );
    return { items: (page.Items ?? []).map(map), cursor: encodeCursor(page.LastEvaluatedKey) };
  }

  const getArticle = async (id: string) => {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: articleKey(id) }));
    return Item === undefined ? null : strip<ArticleItem>(Item);
  };
  const feeds = (status: 'active' | 'broken', upTo: string | undefined, range: RangeQuery) =>
    listByTime(feedStatusPartition(status), { ...range, until: upTo }, (item) => strip<FeedItem>(item));

  return {
    getArticle,
    getArticleByUrl: (url) => getArticle(articleIdFor(canonicalizeUrl(url))),
    articlesForPair: (pair, range = {}) =>
      listByTime(
        labelPartition({ kind: 'pair', value: pair }),
        range,
        summary,
        range.relation === undefined ? undefined : relationFilter(pair, range.relation),
      ),
    articlesForCountry: (code, range = {}) =>
      listByTime(labelPartition({ kind: 'country', value: code }), range, summary),
    articlesForTopic: (topic, range = {}) =>
      listByTime(labelPartition({ kind: 'topic', value: topic }), range, summary),
    articlesForSource: (source, range = {}) =>
      listByTime(labelPartition({ kind: 'source', value: source }), range, summary),
    articlesInCluster: (clusterId, range = {}) =>
      listByTime(labelPartition({ kind: 'cluster', value: clusterId }), range, summary),
    alertsForRule: (ruleId, range = {}) =>
      listByTime(alertsForRulePartition(ruleId), range, (item) => strip<AlertItem>(item)),
    async alertsForArticle(articleId) {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :alerts)',
          ExpressionAttributeValues: { ':pk': articleKey(articleId).pk, ':alerts': ALERT_SK_PREFIX },
        }),
      );
      return Items.map((item) => strip<AlertItem>(item));
    },
    dueFeeds: (now, range = {}) => feeds('active', now, range),
    brokenFeeds: (range = {}) => feeds('broken', undefined, range),
  };
}
