import { describe, expect, it } from 'vitest';
import { feedRates, simulatePolling } from '../../bench/poll-schedule.ts';
import { DEFAULT_POLLING_POLICY } from '../../shared/polling/feed-state.ts';

const fixedSchedule = { ...DEFAULT_POLLING_POLICY, maxQuietBackoff: 1 };

describe('the poll schedule simulation', () => {
  it('spreads the articles over the feeds, busiest first, in proportion to 1/rank', () => {
    // Act
    const rates = feedRates(1100, 4, 1);

    // Assess: weights 1, 1/2, 1/3, 1/4 sum to 25/12
    expect(rates.map((rate) => Math.round(rate))).toEqual([528, 264, 176, 132]);
  });

  it('polls every feed once an interval on a fixed schedule, finding about every article', () => {
    // Prepare
    const workload = { articlesPerDay: 2000, feeds: 20, pollMinutes: 15, days: 3 };

    // Act
    const counts = simulatePolling(workload, fixedSchedule);

    // Assess: half an interval's wait on average
    expect(counts.polls).toBe(20 * 96 * 3);
    expect(counts.articles / 6000).toBeCloseTo(1, 1);
    expect(counts.meanDelayMinutes).toBeCloseTo(7.5, 0);
  });

  it('polls quiet feeds up to four times less often, and a feed with news on every poll at its pace', () => {
    // Prepare: one feed with about 1 article a day, then one with about 1,000
    const quiet = { articlesPerDay: 1, feeds: 1, pollMinutes: 15, days: 7 };
    const busy = { articlesPerDay: 1000, feeds: 1, pollMinutes: 15, days: 7 };

    // Act
    const quietPolls = simulatePolling(quiet, DEFAULT_POLLING_POLICY).polls;
    const busyPolls = simulatePolling(busy, DEFAULT_POLLING_POLICY).polls;

    // Assess: an hour between polls for a feed that is nearly always quiet
    expect(quietPolls).toBeGreaterThanOrEqual((96 * 7) / 4);
    expect(quietPolls).toBeLessThan((96 * 7) / 4 + 20);
    expect(busyPolls).toBe(96 * 7);
  });

  it('gives the same counts for the same seed', () => {
    // Prepare
    const workload = { articlesPerDay: 500, feeds: 30, pollMinutes: 15, days: 2 };

    // Act
    const first = simulatePolling(workload, DEFAULT_POLLING_POLICY);
    const second = simulatePolling(workload, DEFAULT_POLLING_POLICY);

    // Assess
    expect(second).toEqual(first);
  });
});
