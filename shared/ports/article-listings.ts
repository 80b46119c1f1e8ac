/**
 * The port for the console's reads of the table: articles listed under a label, alerts listed by rule
 * or by article, and one article by id. Each is one key lookup or one gsi1 query, newest first, paged
 * by an opaque cursor; the typed reader (reader/wirewatch-reader.ts) implements it on DynamoDB.
 */
import type { AlertRecord } from '../alerts/alert-record.ts';
import type { ArticleRecord } from '../articles/article-record.ts';

/** What a label listing holds for each article: enough to show and filter it without a second read. */
export interface ListedArticle {
  id: string;
  title: string;
  canonicalUrl: string;
  source: string;
  publishedAt: string | null;
  /** The time lists are ordered by: the publication time when known, else the fetch time. */
  sortAt: string;
  countryPairs: string[];
  countries: string[];
  topics: string[];
}

export interface ListingPage<T> {
  items: T[];
  /** Pass back to get the next page; null when there is none. */
  cursor: string | null;
}

/** An inclusive time range (ISO 8601), a page size and where the previous page ended. */
export interface ListingRange {
  since?: string;
  /**
   * Compared with each item's sort key `<time>#<id>` as `key <= until + '$'`: an instant includes
   * everything at that instant, and a sort key itself includes that item and those after it.
   */
  until?: string;
  limit?: number;
  cursor?: string | null;
}

export interface ArticleListings {
  getArticle(id: string): Promise<ArticleRecord | null>;
  articlesForPair(pair: string, range?: ListingRange): Promise<ListingPage<ListedArticle>>;
  articlesForTopic(topic: string, range?: ListingRange): Promise<ListingPage<ListedArticle>>;
  alertsForRule(ruleId: string, range?: ListingRange): Promise<ListingPage<AlertRecord>>;
  alertsForArticle(articleId: string): Promise<AlertRecord[]>;
}
