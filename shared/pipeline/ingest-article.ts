/**
 * Ingests one article: fetches its page, extracts the text, and archives the raw page and the
 * normalised document in S3. Input: an article job and the ports. Output: the article id and the key
 * of the archived document (whose creation starts classification).
 *
 * Failures that a retry can cure (timeouts, 5xx, 429) are thrown as they are; those it cannot (a
 * refused address, 404, a page with no article or nested too deep, any failure of extraction) are
 * thrown as PermanentJobError.
 */
import { type ArticleDocument, contentHashOf } from '../articles/article-document.ts';
import { articleDocumentKey, rawPageKey } from '../articles/storage-keys.ts';
import { simhashOf } from '../dedup/near-duplicate.ts';
import { ExtractionError, extractArticle } from '../extraction/extract-article.ts';
import type { ArticleArchive } from '../ports/article-archive.ts';
import type { Clock } from '../ports/clock.ts';
import { FetchError, type HttpClient, type HttpResponse } from '../ports/http-client.ts';
import { decodeText } from '../text/decode-text.ts';
import { boundedTitle } from '../text/title-text.ts';
import { articleIdFor } from '../urls/canonical-url.ts';
import { type ArticleJob, PermanentJobError } from './jobs.ts';

export interface PageLimits {
  maxPageBytes: number;
  timeoutMs: number;
}

export interface IngestArticleDeps {
  http: HttpClient;
  archive: ArticleArchive;
  clock: Clock;
  limits: PageLimits;
}

export interface IngestedArticle {
  articleId: string;
  documentKey: string;
}

/** Fetch errors no retry can cure. */
const PERMANENT_FETCH_ERRORS = new Set(['blocked-address', 'invalid-url', 'too-large', 'too-many-redirects']);
/** Statuses worth retrying: the server may answer later. */
const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

async function fetchPage(job: ArticleJob, deps: IngestArticleDeps): Promise<HttpResponse> {
  let response: HttpResponse;
  try {
    response = await deps.http.get({
      url: job.url,
      maxBytes: deps.limits.maxPageBytes,
      timeoutMs: deps.limits.timeoutMs,
    });
  } catch (error) {
    if (error instanceof FetchError && PERMANENT_FETCH_ERRORS.has(error.code)) {
      throw new PermanentJobError(error.code, error.message, { cause: error });
    }
    throw error;
  }
  if (response.status === 200) return response;
  const message = `${job.url} answered ${response.status}`;
  if (RETRYABLE_STATUS.has(response.status)) throw new Error(message);
  throw new PermanentJobError(`http-${response.status}`, message);
}

export async function ingestArticle(job: ArticleJob, deps: IngestArticleDeps): Promise<IngestedArticle> {
  const response = await fetchPage(job, deps);
  const fetchedAt = deps.clock.now().toISOString();
  const contentType = response.headers['content-type'] ?? null;
  const { text: html } = decodeText(response.body, { contentType, kind: 'html' });
  let extracted: ReturnType<typeof extractArticle>;
  try {
    extracted = extractArticle(html, { url: response.url, languageHint: job.feedLanguage ?? null });
  } catch (error) {
    if (error instanceof ExtractionError) {
      throw new PermanentJobError(`extraction-${error.code}`, `${job.url}: ${error.message}`, {
        cause: error,
      });
    }
    // Extraction reads only the page: whatever else it throws (a RangeError from a page no limit
    // foresaw) it throws again on every retry, so the job goes to the dead-letter queue now, with it.
    throw new PermanentJobError('extraction-failed', `${job.url}: ${String(error)}`, { cause: error });
  }
  // The page's own canonical link is the better identity than the feed's link.
  const articleId = articleIdFor(extracted.canonicalUrl);
  const title = boundedTitle(extracted.title ?? job.entry.title ?? extracted.canonicalUrl);
  const rawKey = rawPageKey(articleId, fetchedAt);
  const documentKey = articleDocumentKey(articleId, fetchedAt);
  const document: ArticleDocument = {
    schemaVersion: 1,
    id: articleId,
    url: job.url,
    canonicalUrl: extracted.canonicalUrl,
    feedId: job.feedId,
    feedUrl: job.feedUrl,
    source: new URL(extracted.canonicalUrl).hostname,
    title,
    byline: extracted.byline,
    publishedAt: extracted.publishedAt ?? job.entry.publishedAt,
    fetchedAt,
    lang: extracted.lang,
    siteName: extracted.siteName,
    excerpt: extracted.excerpt,
    text: extracted.text,
    rawKey,
    contentHash: contentHashOf(title, extracted.text),
    simhash: simhashOf(extracted.text),
  };
  await deps.archive.putRawPage({
    key: rawKey,
    html: response.body,
    status: response.status,
    contentType,
    finalUrl: response.url,
    fetchedAt,
  });
  // Written last: its creation event starts classification, which expects the raw page to exist.
  await deps.archive.putArticle(documentKey, document);
  return { articleId, documentKey };
}
