/**
 * The normalised article as archived in S3 (`articles/…/<id>.json`): everything classification and
 * replay need, so the table can always be rebuilt from the archive.
 */
import { createHash } from 'node:crypto';

export const ARTICLE_DOCUMENT_SCHEMA_VERSION = 1;

export interface ArticleDocument {
  schemaVersion: typeof ARTICLE_DOCUMENT_SCHEMA_VERSION;
  id: string;
  /** The link as the feed gave it. */
  url: string;
  /** After tracking-parameter removal and rel=canonical; `id` derives from it. */
  canonicalUrl: string;
  feedId: string;
  feedUrl: string;
  /** Host name of the canonical URL: what analysts call the source. */
  source: string;
  title: string;
  byline: string | null;
  publishedAt: string | null;
  fetchedAt: string;
  lang: string | null;
  siteName: string | null;
  excerpt: string | null;
  text: string;
  /** S3 key of the raw page this text was extracted from. */
  rawKey: string;
  /** sha256 of title and text: a changed article gets a new hash, a re-fetch of the same one does not. */
  contentHash: string;
  /** 64-bit SimHash (hex) of the text, for near-duplicate story clusters. */
  simhash: string | null;
}

export function contentHashOf(title: string, text: string): string {
  return createHash('sha256').update(title).update('\u0000').update(text).digest('hex');
}

/** The instant an article is filed under: its publication time when the feed or page gave one. */
export function sortTimeOf(article: { publishedAt: string | null; fetchedAt: string }): string {
  return article.publishedAt ?? article.fetchedAt;
}
