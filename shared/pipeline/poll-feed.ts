/**
 * Polls one feed: a conditional GET, parsing, and handing each new or changed entry to article
 * fetching. Input: a feed job and the ports. Output: what happened, for logs and metrics.
 *
 * A feed's own failures (HTTP errors, unparsable bodies, refused addresses) are recorded on its state
 * with a backoff and never thrown: one broken feed must not block the queue or the other feeds. Only
 * failures of wirewatch's own stores escape, so the job is retried.
 */
import { createHash } from 'node:crypto';
import { FeedParseError, parseFeed } from '../feeds/parse-feed.ts';
import {
  type FeedError,
  type FeedState,
  nextDueAfterError,
  nextDueAfterSuccess,
  type PollingPolicy,
  quietPollsAfter,
  retryAfterSeconds,
} from '../polling/feed-state.ts';
import type { Clock } from '../ports/clock.ts';
import type { FeedStateStore } from '../ports/feed-state-store.ts';
import { FetchError, type HttpClient, type HttpResponse } from '../ports/http-client.ts';
import type { JobQueue } from '../ports/job-queue.ts';
import type { OpsNotifier } from '../ports/ops-notifier.ts';
import type { SeenEntryStore } from '../ports/seen-entry-store.ts';
import { boundedTitle } from '../text/title-text.ts';
import { articleIdFor, canonicalizeUrl } from '../urls/canonical-url.ts';
import type { ArticleJob, FeedJob } from './jobs.ts';

export interface FeedLimits {
  maxFeedBytes: number;
  timeoutMs: number;
  /** New articles handed on per poll; the rest wait for the next poll. */
  maxEntriesPerPoll: number;
}

export interface PollFeedDeps {
  feeds: FeedStateStore;
  seen: SeenEntryStore;
  articleJobs: JobQueue<ArticleJob>;
  http: HttpClient;
  clock: Clock;
  policy: PollingPolicy;
  limits: FeedLimits;
  /** Told once when a feed is marked broken; optional because ops may rely on the metric alone. */
  ops?: OpsNotifier;
}

export type PollOutcome =
  | { feedId: string; status: 'fetched'; entries: number; newArticles: number }
  | { feedId: string; status: 'not-modified' }
  | { feedId: string; status: 'failed'; error: FeedError; brokenNow: boolean }
  | { feedId: string; status: 'unknown-feed' };

class FeedFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryAfter: number | null = null,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

function entryHashOf(parts: readonly (string | null)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part ?? '').update('\u0000');
  return hash.digest('base64url').slice(0, 16);
}

async function fetchFeed(state: FeedState, deps: PollFeedDeps): Promise<HttpResponse> {
  const headers: Record<string, string> = {};
  if (state.etag !== null) headers['if-none-match'] = state.etag;
  if (state.lastModified !== null) headers['if-modified-since'] = state.lastModified;
  try {
    return await deps.http.get({
      url: state.url,
      headers,
      maxBytes: deps.limits.maxFeedBytes,
      timeoutMs: deps.limits.timeoutMs,
    });
  } catch (error) {
    if (error instanceof FetchError) throw new FeedFailure(error.code, error.message);
    throw error;
  }
}

function newArticleJobs(state: FeedState, response: HttpResponse) {
  let feed: ReturnType<typeof parseFeed>;
  try {
    feed = parseFeed(response.body, {
      url: response.url,
      contentType: response.headers['content-type'] ?? null,
      charset: state.charset,
    });
  } catch (error) {
    if (error instanceof FeedParseError) throw new FeedFailure(`feed-${error.code}`, error.message);
    throw error;
  }
  const candidates = new Map<string, { job: ArticleJob; entryHash: string }>();
  const feedLanguage = feed.language?.trim().slice(0, 64) || null;
  for (const entry of feed.entries) {
    const link = entry.link ?? (entry.guidIsPermaLink ? entry.id : null);
    if (link === null) continue;
    let canonical: string;
    try {
      canonical = canonicalizeUrl(link, response.url);
    } catch {
      continue; // a javascript: or mailto: link is not an article
    }
    const articleId = articleIdFor(canonical);
    if (candidates.has(articleId)) continue;
    candidates.set(articleId, {
      job: {
        articleId,
        url: canonical,
        feedId: state.feedId,
        feedUrl: state.url,
        entry: {
          title: entry.title === null ? null : boundedTitle(entry.title),
          publishedAt: entry.publishedAt,
        },
        ...(feedLanguage === null ? {} : { feedLanguage }),
      },
      entryHash: entryHashOf([entry.title, entry.updatedAt ?? entry.publishedAt, entry.summary]),
    });
  }
  // An ill-formed feed that still yielded articles is used (as feedparser does); one that yielded
  // none is broken, and ops should hear about it rather than see "0 new articles" forever.
  if (feed.bozo && candidates.size === 0) {
    const reason = feed.bozoReason ?? 'ill-formed feed';
    throw new FeedFailure('feed-malformed', `${response.url}: ${reason} (no article links recovered)`);
  }
  return { feed, candidates };
}

export async function pollFeed(job: FeedJob, deps: PollFeedDeps): Promise<PollOutcome> {
  const state = await deps.feeds.getFeed(job.feedId);
  if (state === null) return { feedId: job.feedId, status: 'unknown-feed' };
  const now = deps.clock.now();
  const polled: FeedState = { ...state, lastFetchedAt: now.toISOString() };
  try {
    const response = await fetchFeed(state, deps);
    if (response.status === 304) {
      if (state.etag === null && state.lastModified === null) {
        throw new FeedFailure('unexpected-304', '304 Not Modified answered a request that had no validator');
      }
      await deps.feeds.saveFeedState(succeeded(polled, response, now, {}, deps.policy, 0));
      return { feedId: state.feedId, status: 'not-modified' };
    }
    if (response.status === 429 || response.status === 503) {
      const wait = retryAfterSeconds(response.headers['retry-after'], now);
      throw new FeedFailure(
        `http-${response.status}`,
        `${state.url} answered ${response.status}`,
        wait,
        response.status,
      );
    }
    if (response.status < 200 || response.status > 299) {
      throw new FeedFailure(
        `http-${response.status}`,
        `${state.url} answered ${response.status}`,
        null,
        response.status,
      );
    }
    if (response.body.length === 0)
      throw new FeedFailure('feed-empty', `${state.url} returned an empty body`);

    const { feed, candidates } = newArticleJobs(state, response);
    const seen = await deps.seen.findSeenEntries([...candidates.keys()]);
    const fresh = [...candidates.values()]
      .filter(({ job: { articleId }, entryHash }) => seen.get(articleId) !== entryHash)
      .slice(0, deps.limits.maxEntriesPerPoll);
    // Enqueue before marking seen: a crash in between re-sends jobs (harmless, ids are idempotent)
    // rather than losing them.
    await deps.articleJobs.send(fresh.map(({ job }) => job));
    await deps.seen.markEntriesSeen(
      fresh.map(({ job, entryHash }) => ({ articleId: job.articleId, entryHash })),
      now.toISOString(),
    );
    const next = succeeded(polled, response, now, feed, deps.policy, fresh.length);
    await deps.feeds.saveFeedState({
      ...next,
      title: state.title ?? (feed.title === null ? null : boundedTitle(feed.title)),
      itemsSeen: state.itemsSeen + fresh.length,
    });
    return {
      feedId: state.feedId,
      status: 'fetched',
      entries: feed.entries.length,
      newArticles: fresh.length,
    };
  } catch (error) {
    if (!(error instanceof FeedFailure)) throw error;
    const failed = failedState(polled, error, now, deps.policy);
    await deps.feeds.saveFeedState(failed);
    const brokenNow = state.status === 'active' && failed.status === 'broken';
    if (brokenNow) await deps.ops?.feedBroken(failed);
    return { feedId: state.feedId, status: 'failed', error: failed.lastError as FeedError, brokenNow };
  }
}

function succeeded(
  state: FeedState,
  response: HttpResponse,
  now: Date,
  hints: { ttlMinutes?: number | null; updatePeriodMinutes?: number | null },
  policy: PollingPolicy,
  newEntries: number,
): FeedState {
  const quietPolls = quietPollsAfter(state.quietPolls, newEntries);
  return {
    ...state,
    url: response.permanentUrl ?? state.url,
    lastStatus: response.status,
    etag: response.headers.etag ?? state.etag,
    lastModified: response.headers['last-modified'] ?? state.lastModified,
    status: 'active',
    consecutiveErrors: 0,
    lastError: null,
    lastSuccessAt: now.toISOString(),
    nextDueAt: nextDueAfterSuccess(
      now,
      { cacheControl: response.headers['cache-control'], ...hints },
      policy,
      quietPolls,
    ),
    quietPolls,
  };
}

function failedState(state: FeedState, failure: FeedFailure, now: Date, policy: PollingPolicy): FeedState {
  const consecutiveErrors = state.consecutiveErrors + 1;
  const broken = consecutiveErrors >= policy.brokenAfterErrors;
  return {
    ...state,
    status: broken ? 'broken' : 'active',
    lastStatus: failure.status ?? state.lastStatus,
    consecutiveErrors,
    lastError: { code: failure.code, message: failure.message, at: now.toISOString() },
    // A broken feed is still polled, at the slowest cadence, so it recovers on its own when fixed.
    nextDueAt: broken
      ? new Date(now.getTime() + policy.maxIntervalSeconds * 1000).toISOString()
      : nextDueAfterError(now, consecutiveErrors, policy, failure.retryAfter),
  };
}
