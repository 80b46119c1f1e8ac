/** The port for catalogued articles (the table's Article items and their label index entries). */
import type { ArticleRecord } from '../articles/article-record.ts';

export type SaveOutcome = 'created' | 'updated' | 'unchanged';

/**
 * What findCluster found. Hand it back to saveArticle with the record of that fingerprint: a
 * catalogue may reuse what it read to find the cluster instead of reading it again.
 */
export interface ClusterLookup {
  /** The cluster id of a recent article within the near-duplicate distance, if any. */
  readonly clusterId: string | null;
}

export interface ArticleCatalog {
  getArticle(id: string): Promise<ArticleRecord | null>;
  /** Many articles at once, eventually consistent (a rule preview's labels); ids not found are absent. */
  getArticles(ids: readonly string[]): Promise<Map<string, ArticleRecord>>;
  /**
   * Writes `record` if the stored revision is still `previous?.revision` (or none exists), and brings
   * its label index entries in line. Throws ConcurrentUpdateError when another writer got there first.
   * `lookup` is what findCluster returned for the record's fingerprint just before, if it was called.
   */
  saveArticle(record: ArticleRecord, previous: ArticleRecord | null, lookup?: ClusterLookup): Promise<void>;
  /**
   * Brings the label index entries in line with a stored record; saveArticle does it too, and an
   * unchanged article gets it again so a crash between the two writes heals on retry.
   */
  indexArticle(record: ArticleRecord): Promise<void>;
  /** Looks for a recent article whose SimHash is within the near-duplicate distance. */
  findCluster(simhash: string, since: string): Promise<ClusterLookup>;
}

export class ConcurrentUpdateError extends Error {
  constructor(readonly articleId: string) {
    super(`Article ${articleId} was changed by another writer; retry with the stored revision`);
    this.name = 'ConcurrentUpdateError';
  }
}
