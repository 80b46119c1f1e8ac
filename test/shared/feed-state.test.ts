import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLLING_POLICY,
  maxAgeSeconds,
  nextDueAfterError,
  nextDueAfterSuccess,
  quietPollsAfter,
  retryAfterSeconds,
} from '../../shared/polling/feed-state.ts';

const now = new Date('2026-11-27T08:00:00.000Z');
const policy = {
  minIntervalSeconds: 300,
  maxIntervalSeconds: 86_400,
  brokenAfterErrors: 10,
  quietPollsBeforeBackoff: 2,
  maxQuietBackoff: 4,
};
const secondsUntil = (iso: string) => (Date.parse(iso) - now.getTime()) / 1000;

describe('polling policy', () => {
  it('polls again after the longest interval the feed asks for, within bounds', () => {
    // Prepare
    const hints = { cacheControl: 'public, max-age=600', ttlMinutes: 30, updatePeriodMinutes: 60 };

    // Act
    const next = nextDueAfterSuccess(now, hints, policy);

    // Assess
    expect(secondsUntil(next)).toBe(3600);
  });

  it('never polls faster than the minimum nor slower than the maximum', () => {
    // Act
    const fast = nextDueAfterSuccess(now, { cacheControl: 'max-age=5' }, policy);
    const slow = nextDueAfterSuccess(now, { ttlMinutes: 60 * 24 * 30 }, policy);
    const silent = nextDueAfterSuccess(now, {}, policy);

    // Assess
    expect(secondsUntil(fast)).toBe(300);
    expect(secondsUntil(slow)).toBe(86_400);
    expect(secondsUntil(silent)).toBe(300);
  });

  it('stretches the interval of a feed that keeps finding nothing, doubling up to four times', () => {
    // Act
    const minutes = [0, 1, 2, 3, 4, 50].map(
      (quietPolls) => secondsUntil(nextDueAfterSuccess(now, { ttlMinutes: 15 }, policy, quietPolls)) / 60,
    );

    // Assess
    expect(minutes).toEqual([15, 15, 30, 60, 60, 60]);
  });

  it('never stretches a quiet feed past the maximum interval', () => {
    // Act
    const next = nextDueAfterSuccess(now, { ttlMinutes: 12 * 60 }, policy, 10);

    // Assess
    expect(secondsUntil(next)).toBe(86_400);
  });

  it('counts quiet polls until one brings news', () => {
    // Assess
    expect(quietPollsAfter(undefined, 0)).toBe(1);
    expect(quietPollsAfter(3, 0)).toBe(4);
    expect(quietPollsAfter(3, 2)).toBe(0);
  });

  it('backs off exponentially with jitter after errors', () => {
    // Act
    const low = [1, 2, 3, 4].map((errors) =>
      secondsUntil(nextDueAfterError(now, errors, policy, null, () => 0)),
    );
    const high = [1, 2, 3, 4].map((errors) =>
      secondsUntil(nextDueAfterError(now, errors, policy, null, () => 1)),
    );

    // Assess
    expect(low).toEqual([300, 300, 300, 300]);
    expect(high).toEqual([600, 1200, 2400, 4800]);
  });

  it('honours Retry-After over its own backoff', () => {
    // Act
    const next = nextDueAfterError(now, 1, policy, retryAfterSeconds('7200', now), () => 0);

    // Assess
    expect(secondsUntil(next)).toBe(7200);
  });

  it('reads Retry-After as seconds or as an HTTP date, and max-age from Cache-Control', () => {
    // Assess
    expect(retryAfterSeconds('120', now)).toBe(120);
    expect(retryAfterSeconds('Fri, 27 Nov 2026 09:00:00 GMT', now)).toBe(3600);
    expect(retryAfterSeconds('soon', now)).toBeNull();
    expect(maxAgeSeconds('no-cache, max-age=900')).toBe(900);
    expect(maxAgeSeconds('s-maxage=900')).toBeNull();
    expect(maxAgeSeconds(undefined)).toBeNull();
  });

  it('has defaults ops can live with', () => {
    // Assess
    expect(DEFAULT_POLLING_POLICY.minIntervalSeconds).toBeGreaterThanOrEqual(60);
    expect(DEFAULT_POLLING_POLICY.brokenAfterErrors).toBeGreaterThan(1);
  });
});
