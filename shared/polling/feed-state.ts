/**
 * What wirewatch remembers about each feed between polls, and the pure policy that decides when a feed
 * is next due: after a success from the feed's own hints (Cache-Control max-age, RSS ttl,
 * sy:updatePeriod), stretched for a feed that has had nothing new for several polls in a row; after
 * an error with exponential backoff and jitter; never outside the configured bounds. A feed failing
 * many times in a row is marked broken and polled at the slowest cadence.
 */
import { createHash } from 'node:crypto';

export interface FeedError {
  code: string;
  message: string;
  at: string;
}

export interface FeedState {
  feedId: string;
  url: string;
  title: string | null;
  status: 'active' | 'broken';
  etag: string | null;
  lastModified: string | null;
  nextDueAt: string;
  lastFetchedAt: string | null;
  /** HTTP status of the last poll that got a response (304 when the feed had not changed). */
  lastStatus: number | null;
  lastSuccessAt: string | null;
  consecutiveErrors: number;
  lastError: FeedError | null;
  itemsSeen: number;
  /**
   * Successful polls in a row that found nothing new (a 304, or no entry not already seen); 0 after
   * a poll with news. Absent on feeds last polled before adaptive polling (2026-12-02): read as 0.
   */
  quietPolls?: number;
  /** Per-feed charset override for feeds that declare the wrong encoding. */
  charset: string | null;
  createdAt: string;
}

export interface PollingPolicy {
  minIntervalSeconds: number;
  maxIntervalSeconds: number;
  /** Consecutive errors after which a feed is marked broken. */
  brokenAfterErrors: number;
  /** Quiet polls in a row a feed may have before its interval starts to stretch. */
  quietPollsBeforeBackoff: number;
  /** A quiet feed's interval doubles with each further quiet poll, up to this many times its usual one. */
  maxQuietBackoff: number;
}

export const DEFAULT_POLLING_POLICY: PollingPolicy = {
  minIntervalSeconds: 5 * 60,
  maxIntervalSeconds: 24 * 60 * 60,
  brokenAfterErrors: 10,
  quietPollsBeforeBackoff: 2,
  maxQuietBackoff: 4,
};

/** A feed keeps its id when its URL later moves (permanent redirect), so it derives from the first URL. */
export function feedIdFor(url: string): string {
  return createHash('sha256').update(url).digest('base64url').slice(0, 16);
}

export function newFeedState(
  input: { url: string; title?: string | null; charset?: string | null },
  now: Date,
): FeedState {
  return {
    feedId: feedIdFor(input.url),
    url: input.url,
    title: input.title ?? null,
    status: 'active',
    etag: null,
    lastModified: null,
    nextDueAt: now.toISOString(),
    lastFetchedAt: null,
    lastStatus: null,
    lastSuccessAt: null,
    consecutiveErrors: 0,
    lastError: null,
    itemsSeen: 0,
    quietPolls: 0,
    charset: input.charset ?? null,
    createdAt: now.toISOString(),
  };
}

function clamp(seconds: number, policy: PollingPolicy): number {
  return Math.min(policy.maxIntervalSeconds, Math.max(policy.minIntervalSeconds, seconds));
}

function addSeconds(now: Date, seconds: number): string {
  return new Date(now.getTime() + seconds * 1000).toISOString();
}

/** Seconds from a Cache-Control header's max-age, if any. */
export function maxAgeSeconds(cacheControl: string | undefined): number | null {
  const match = cacheControl === undefined ? null : /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/i.exec(cacheControl);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** Seconds to wait from a Retry-After header: delta-seconds or an HTTP date. */
export function retryAfterSeconds(retryAfter: string | undefined, now: Date): number | null {
  if (retryAfter === undefined) return null;
  const trimmed = retryAfter.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

export interface PollHints {
  cacheControl?: string | undefined;
  ttlMinutes?: number | null;
  updatePeriodMinutes?: number | null;
}

/** The count of quiet polls after a successful poll that found `newEntries` entries not seen before. */
export function quietPollsAfter(previous: number | undefined, newEntries: number): number {
  return newEntries > 0 ? 0 : (previous ?? 0) + 1;
}

/**
 * How many times its usual interval a feed waits after `quietPolls` quiet polls in a row: 1 up to
 * `quietPollsBeforeBackoff - 1`, then 2, 4, … up to `maxQuietBackoff`. Most feeds publish in bursts
 * and are silent for hours (at night above all): those are polled less, while a feed with news is
 * polled at its usual pace again from its next poll on. The bound caps the delay a quiet feed's
 * first new article can wait: `maxQuietBackoff` intervals instead of one.
 */
export function quietBackoffFactor(quietPolls: number, policy: PollingPolicy): number {
  const stretches = quietPolls - policy.quietPollsBeforeBackoff + 1;
  return stretches <= 0 ? 1 : Math.min(policy.maxQuietBackoff, 2 ** stretches);
}

/**
 * Seconds to the next poll after a successful fetch (200 or 304): the longest interval the feed asks
 * for, stretched after quiet polls (quietBackoffFactor), bounded.
 */
export function secondsToNextPoll(hints: PollHints, policy: PollingPolicy, quietPolls = 0): number {
  const asked = [
    maxAgeSeconds(hints.cacheControl),
    hints.ttlMinutes == null ? null : hints.ttlMinutes * 60,
    hints.updatePeriodMinutes == null ? null : hints.updatePeriodMinutes * 60,
  ].filter((seconds): seconds is number => seconds !== null && Number.isFinite(seconds));
  const usual = clamp(asked.length === 0 ? policy.minIntervalSeconds : Math.max(...asked), policy);
  return clamp(usual * quietBackoffFactor(quietPolls, policy), policy);
}

/** The next poll after a successful fetch (200 or 304), as secondsToNextPoll says. */
export function nextDueAfterSuccess(
  now: Date,
  hints: PollHints,
  policy: PollingPolicy,
  quietPolls = 0,
): string {
  return addSeconds(now, secondsToNextPoll(hints, policy, quietPolls));
}

/**
 * The next poll after a failure: exponential backoff with full jitter from the minimum interval, or
 * the server's Retry-After when it gave one, bounded by the policy.
 */
export function nextDueAfterError(
  now: Date,
  consecutiveErrors: number,
  policy: PollingPolicy,
  retryAfter: number | null,
  random: () => number = Math.random,
): string {
  if (retryAfter !== null) return addSeconds(now, clamp(retryAfter, policy));
  const ceiling = policy.minIntervalSeconds * 2 ** Math.min(consecutiveErrors, 16);
  const jittered = policy.minIntervalSeconds + random() * (ceiling - policy.minIntervalSeconds);
  return addSeconds(now, clamp(jittered, policy));
}
