/**
 * The article as catalogued in the table: metadata, labels and where the text lives in S3 (never the
 * text itself, so items stay far below DynamoDB's 400 KB limit). Downstream services read this shape;
 * docs/data-contract.md is its contract.
 */
import type { PairRelation } from '../classification/pair-relations.ts';

export interface CountryScore {
  code: string;
  score: number;
}

export interface PairScore {
  pair: string;
  score: number;
  /** What the two countries do to each other (schema 1.1); absent on items written before it. */
  relation?: PairRelation;
}

export interface TopicScore {
  id: string;
  score: number;
}

export interface ArticleRecord {
  id: string;
  url: string;
  canonicalUrl: string;
  source: string;
  feedId: string;
  title: string;
  byline: string | null;
  lang: string | null;
  publishedAt: string | null;
  fetchedAt: string;
  /** publishedAt when known, else fetchedAt: the time lists are ordered by. */
  sortAt: string;
  countries: CountryScore[];
  countryPairs: PairScore[];
  primaryPair: string | null;
  topics: TopicScore[];
  /** S3 key of the normalised article JSON, and of the raw page. */
  documentKey: string;
  rawKey: string;
  contentHash: string;
  simhash: string | null;
  /** The story cluster: the id of the first article whose text is a near-duplicate of this one. */
  clusterId: string;
  classifiedAt: string;
  /** Incremented on every change; writes are conditional on it (optimistic concurrency). */
  revision: number;
}

/** The labels an article is listed under: one index entry per pair, country, topic, source and cluster. */
export type ArticleLabel =
  | { kind: 'pair'; value: string }
  | { kind: 'country'; value: string }
  | { kind: 'topic'; value: string }
  | { kind: 'source'; value: string }
  | { kind: 'cluster'; value: string };

export function labelsOf(record: ArticleRecord): ArticleLabel[] {
  return [
    ...record.countryPairs.map(({ pair }) => ({ kind: 'pair' as const, value: pair })),
    ...record.countries.map(({ code }) => ({ kind: 'country' as const, value: code })),
    ...record.topics.map(({ id }) => ({ kind: 'topic' as const, value: id })),
    { kind: 'source', value: record.source },
    { kind: 'cluster', value: record.clusterId },
  ];
}
