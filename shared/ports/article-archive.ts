/** The port for the S3 archive: raw pages and normalised article documents. */
import type { ArticleDocument } from '../articles/article-document.ts';

export interface RawPage {
  key: string;
  html: Uint8Array;
  status: number;
  contentType: string | null;
  finalUrl: string;
  fetchedAt: string;
}

export interface ArticleArchive {
  /** Stores the page gzip-compressed, with its response metadata. */
  putRawPage(page: RawPage): Promise<void>;
  putArticle(key: string, document: ArticleDocument): Promise<void>;
  getArticle(key: string): Promise<ArticleDocument>;
  /** Keys of archived article documents under a prefix, in key order, for replay. */
  listArticleKeys(prefix: string, startAfter?: string): AsyncIterable<string>;
}
