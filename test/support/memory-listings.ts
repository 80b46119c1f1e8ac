/**
 * ArticleListings in memory, with the reader's semantics: listings newest first by `<time>#<id>`,
 * inclusive ranges (`until` compared as the reader's `until$` bound), `limit` items a page and an
 * opaque cursor. It counts the queries made, so a test can assess what a use case costs.
 */
import type { AlertRecord } from '../../shared/alerts/alert-record.ts';
import type { ArticleRecord } from '../../shared/articles/article-record.ts';
import type {
  ArticleListings,
  ListedArticle,
  ListingPage,
  ListingRange,
} from '../../shared/ports/article-listings.ts';

function page<T>(items: readonly T[], keyOf: (item: T) => string, range: ListingRange = {}): ListingPage<T> {
  const ordered = items
    .filter((item) => {
      const key = keyOf(item);
      return (
        (range.since === undefined || key >= range.since) &&
        (range.until === undefined || key <= `${range.until}$`) &&
        (range.cursor === undefined || range.cursor === null || key < range.cursor)
      );
    })
    .sort((a, b) => (keyOf(a) < keyOf(b) ? 1 : -1));
  const limit = range.limit ?? 50;
  const shown = ordered.slice(0, limit);
  const last = shown.at(-1);
  return { items: shown, cursor: ordered.length > limit && last !== undefined ? keyOf(last) : null };
}

const listed = (record: ArticleRecord): ListedArticle => ({
  id: record.id,
  title: record.title,
  canonicalUrl: record.canonicalUrl,
  source: record.source,
  publishedAt: record.publishedAt,
  sortAt: record.sortAt,
  countryPairs: record.countryPairs.map(({ pair }) => pair),
  countries: record.countries.map(({ code }) => code),
  topics: record.topics.map(({ id }) => id),
});

export class MemoryListings implements ArticleListings {
  readonly articles = new Map<string, ArticleRecord>();
  readonly alerts: AlertRecord[] = [];
  queries = 0;

  constructor(articles: readonly ArticleRecord[] = [], alerts: readonly AlertRecord[] = []) {
    for (const article of articles) this.articles.set(article.id, article);
    this.alerts.push(...alerts);
  }

  async getArticle(id: string) {
    return this.articles.get(id) ?? null;
  }

  #labelled(keep: (record: ArticleRecord) => boolean, range?: ListingRange) {
    this.queries += 1;
    const items = [...this.articles.values()].filter(keep).map(listed);
    return page(items, (item) => `${item.sortAt}#${item.id}`, range);
  }

  async articlesForPair(pair: string, range?: ListingRange) {
    return this.#labelled((record) => record.countryPairs.some((scored) => scored.pair === pair), range);
  }

  async articlesForTopic(topic: string, range?: ListingRange) {
    return this.#labelled((record) => record.topics.some(({ id }) => id === topic), range);
  }

  async alertsForRule(ruleId: string, range?: ListingRange) {
    this.queries += 1;
    const items = this.alerts.filter((alert) => alert.ruleId === ruleId);
    return page(items, (alert) => `${alert.matchedAt}#${alert.articleId}`, range);
  }

  async alertsForArticle(articleId: string) {
    this.queries += 1;
    return this.alerts.filter((alert) => alert.articleId === articleId);
  }
}
