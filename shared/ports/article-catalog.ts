/** The port for catalogued articles (the table's Article items and their label index entries). */
import type { ArticleRecord } from '../articles/article-record.ts';

export type SaveOutcome = 'created' | 'updated' | 'unchanged';

export interface ArticleCatalog {
  getArticle(id: string): Promise<ArticleRecord | null>;
  /** Many articles at once, eventually consistent (a rule preview's labels); ids not found are absent. */
  getArticles(ids: readonly string[]): Promise<Map<string, ArticleRecord>>;
  /**
   * Writes `record` if the stored revision is still `previous?.revision` (or none exists), and brings
   * its label index entries in line. Throws ConcurrentUpdateError when another writer got there first.
   */
  saveArticle(record: ArticleRecord, previous: ArticleRecord | null): Promise<void>;
  /**
   * Brings the label index entries in line with a stored record; saveArticle does it too, and an
   * unchanged article gets it again so a crash between the two writes heals on retry.
   */
  indexArticle(record: ArticleRecord): Promise<void>;
  /** The cluster id of a recent article whose SimHash is within the near-duplicate distance, if any. */
  findCluster(simhash: string, since: string): Promise<string | null>;
}

export class ConcurrentUpdateError extends Error {
  constructor(readonly articleId: string) {
    super(`Article ${articleId} was changed by another writer; retry with the stored revision`);
    this.name = 'ConcurrentUpdateError';
  }
}
