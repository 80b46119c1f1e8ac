/** The shape of a parsed feed, whatever its format (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed). */

export interface FeedEnclosure {
  url: string;
  type: string | null;
  length: number | null;
}

export interface FeedEntry {
  /** RSS guid / Atom id / JSON Feed id, as given. */
  id: string | null;
  guidIsPermaLink: boolean;
  /** Absolute URL (resolved against xml:base / feed URL); falls back to a permalink guid. */
  link: string | null;
  /** Plain text: entities decoded, CDATA unwrapped, markup of html/xhtml titles removed, whitespace collapsed. */
  title: string | null;
  /** HTML or text as given (description / summary / summary_text). */
  summary: string | null;
  /** content:encoded / atom content / content_html. */
  contentHtml: string | null;
  /** ISO 8601 UTC, or null. */
  publishedAt: string | null;
  updatedAt: string | null;
  authors: string[];
  categories: string[];
  enclosures: FeedEnclosure[];
}

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';

export interface ParsedFeed {
  format: FeedFormat;
  /** e.g. 'rss20', 'rss091u', 'atom10', 'atom03', 'rss10', 'json11'. */
  version: string | null;
  title: string | null;
  link: string | null;
  description: string | null;
  language: string | null;
  updatedAt: string | null;
  /** RSS <ttl>. */
  ttlMinutes: number | null;
  /** sy:updatePeriod / sy:updateFrequency. */
  updatePeriodMinutes: number | null;
  entries: FeedEntry[];
  /** Ill-formed input that was recovered, as feedparser's bozo. */
  bozo: boolean;
  bozoReason: string | null;
}

export type FeedParseErrorCode = 'empty' | 'not-a-feed' | 'html-page' | 'too-many-entries' | 'malformed';

/** Input that is not a feed at all, or one too broken to recover. */
export class FeedParseError extends Error {
  constructor(
    readonly code: FeedParseErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FeedParseError';
  }
}
