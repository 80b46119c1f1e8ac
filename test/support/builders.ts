/** Builders for domain records with sensible defaults, so a test states only what it is about. */
import type { AlertRecord } from '../../shared/alerts/alert-record.ts';
import { type ArticleDocument, contentHashOf } from '../../shared/articles/article-document.ts';
import type { ArticleRecord } from '../../shared/articles/article-record.ts';

export function anArticle(overrides: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    id: 'article-1',
    url: 'https://news.example/pk-us',
    canonicalUrl: 'https://news.example/pk-us',
    source: 'news.example',
    feedId: 'feed-1',
    title: 'Pakistan and US agree to deepen ties',
    byline: null,
    lang: 'en',
    publishedAt: '2026-11-26T09:00:00.000Z',
    fetchedAt: '2026-11-26T09:05:00.000Z',
    sortAt: '2026-11-26T09:00:00.000Z',
    countries: [
      { code: 'PK', score: 0.9 },
      { code: 'US', score: 0.8 },
    ],
    countryPairs: [
      {
        pair: 'PK-US',
        score: 0.9,
        relation: {
          type: 'verbal-cooperation',
          evidence: 'Pakistan and the US agreed to resume the counterterrorism dialogue.',
        },
      },
    ],
    primaryPair: 'PK-US',
    topics: [
      { id: 'diplomacy', score: 0.8 },
      { id: 'counterterrorism', score: 0.6 },
    ],
    documentKey: 'articles/yyyy=2026/mm=11/dd=26/article-1.json',
    rawKey: 'raw/yyyy=2026/mm=11/dd=26/article-1.html.gz',
    contentHash: 'hash-1',
    simhash: '0123456789abcdef',
    clusterId: 'article-1',
    classifiedAt: '2026-11-26T09:06:00.000Z',
    revision: 1,
    ...overrides,
  };
}

export function anAlert(overrides: Partial<AlertRecord> = {}): AlertRecord {
  return {
    articleId: 'article-1',
    ruleId: 'ct-dialogue',
    ruleName: 'Counterterrorism dialogue',
    matchedAt: '2026-11-26T09:06:00.000Z',
    status: 'pending',
    leaseUntil: null,
    publishedAt: null,
    messageId: null,
    attempts: 0,
    snippet: 'Both sides agreed to resume the counterterrorism dialogue next month.',
    highlights: [{ field: 'text', term: 'counterterrorism dialogue', start: 33, end: 58 }],
    ...overrides,
  };
}

/** An archived article document of feed-1 on news.example, published when it was fetched. */
export function anArticleDocument(
  id: string,
  fetchedAt: string,
  title: string,
  text: string,
  overrides: Partial<ArticleDocument> = {},
): ArticleDocument {
  return {
    schemaVersion: 1,
    id,
    url: `https://news.example/${id}`,
    canonicalUrl: `https://news.example/${id}`,
    feedId: 'feed-1',
    feedUrl: 'https://news.example/feed.xml',
    source: 'news.example',
    title,
    byline: null,
    publishedAt: fetchedAt,
    fetchedAt,
    lang: 'en',
    siteName: null,
    excerpt: null,
    text,
    rawKey: `raw/${id}.html.gz`,
    contentHash: contentHashOf(title, text),
    simhash: null,
    ...overrides,
  };
}
