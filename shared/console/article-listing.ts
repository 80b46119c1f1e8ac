/**
 * The articles behind a heat-map cell or a timeline point: one pair's or one topic's listing (both
 * given: the pair's, kept to the topic) over a period or one day, newest first, a page at a time.
 */
import type { ArticleListings, ListedArticle } from '../ports/article-listings.ts';
import { normaliseLabelValue } from '../rules/article-labels.ts';
import { decodeCursor, encodeCursor } from './console-cursor.ts';
import { ConsoleRefusal } from './console-refusal.ts';
import type { Period } from './period.ts';
import { ResumableListing, sortKey } from './resumable-listing.ts';

/** Listing queries one request may make when a topic filter leaves most of the pair's articles out. */
const MAX_READS = 10;

export interface ArticleListingRequest {
  pair?: string;
  topic?: string;
  period: Period;
  limit: number;
  cursor?: string;
}

export interface ArticleSummaryView {
  articleId: string;
  title: string;
  url: string;
  source: string;
  publishedAt: string | null;
  sortAt: string;
  pairs: string[];
  topics: string[];
}

export interface ArticleListingPage {
  articles: ArticleSummaryView[];
  /** Pass back for the next page; null at the end. A page may be short while the cursor leads on. */
  nextCursor: string | null;
}

const view = (article: ListedArticle): ArticleSummaryView => ({
  articleId: article.id,
  title: article.title,
  url: article.canonicalUrl,
  source: article.source,
  publishedAt: article.publishedAt,
  sortAt: article.sortAt,
  pairs: article.countryPairs,
  topics: article.topics,
});

export async function listArticles(
  request: ArticleListingRequest,
  listings: Pick<ArticleListings, 'articlesForPair' | 'articlesForTopic'>,
): Promise<ArticleListingPage> {
  const pair = request.pair === undefined ? undefined : normaliseLabelValue('pair', request.pair);
  const topic = request.topic === undefined ? undefined : normaliseLabelValue('topic', request.topic);
  const after =
    request.cursor === undefined
      ? null
      : decodeCursor(request.cursor, (value) => {
          if (typeof value !== 'string')
            throw new ConsoleRefusal('invalid', 'the cursor is not one this API gave');
          return value;
        });
  let listing: ResumableListing<ListedArticle>;
  const keyOf = (article: ListedArticle) => sortKey(article.sortAt, article.id);
  if (pair !== undefined) {
    listing = new ResumableListing(
      (range) => listings.articlesForPair(pair, range),
      keyOf,
      request.period,
      after,
      request.limit,
    );
  } else if (topic !== undefined) {
    listing = new ResumableListing(
      (range) => listings.articlesForTopic(topic, range),
      keyOf,
      request.period,
      after,
      request.limit,
    );
  } else {
    throw new ConsoleRefusal('invalid', 'give a pair, a topic or both');
  }
  const articles: ArticleSummaryView[] = [];
  while (articles.length < request.limit && (listing.buffered || listing.reads < MAX_READS)) {
    const article = await listing.next();
    if (article === null) return { articles, nextCursor: null };
    if (topic === undefined || article.topics.includes(topic)) articles.push(view(article));
  }
  const more = !listing.exhausted && listing.consumedKey !== null;
  return { articles, nextCursor: more ? encodeCursor(listing.consumedKey) : null };
}
