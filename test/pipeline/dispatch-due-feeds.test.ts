import { describe, expect, it } from 'vitest';
import { DISPATCH_DEFAULTS, dispatchDueFeeds } from '../../shared/pipeline/dispatch-due-feeds.ts';
import type { FeedJob } from '../../shared/pipeline/jobs.ts';
import { newFeedState } from '../../shared/polling/feed-state.ts';
import { FixedClock, MemoryFeedStates, MemoryQueue } from '../support/in-memory-ports.ts';

const START = new Date('2026-11-27T08:00:00.000Z');

function registered(count: number) {
  const feeds = new MemoryFeedStates();
  for (let index = 0; index < count; index += 1) {
    const feed = newFeedState({ url: `https://site${index}.example/feed.rss` }, START);
    feeds.feeds.set(feed.feedId, feed);
  }
  return feeds;
}

function dispatchDeps(
  feeds: MemoryFeedStates,
  clock: FixedClock,
  maxFeedsPerRun: number = DISPATCH_DEFAULTS.maxFeedsPerRun,
) {
  return {
    feeds,
    feedJobs: new MemoryQueue<FeedJob>(),
    clock,
    leaseSeconds: 900,
    maxFeedsPerRun,
    concurrentBatches: DISPATCH_DEFAULTS.concurrentBatches,
  };
}

describe('dispatching due feeds', () => {
  it('dispatches every due feed once when more are due than the old cap of 500, with two dispatchers at once', async () => {
    // Prepare
    const feeds = registered(1_234);
    const clock = new FixedClock(START);
    const first = dispatchDeps(feeds, clock);
    const second = dispatchDeps(feeds, clock);

    // Act
    const summaries = await Promise.all([dispatchDueFeeds(first), dispatchDueFeeds(second)]);

    // Assess
    const sent = [...first.feedJobs.sent, ...second.feedJobs.sent].map(({ feedId }) => feedId);
    expect(sent).toHaveLength(1_234);
    expect(new Set(sent)).toEqual(new Set(feeds.feeds.keys()));
    expect(summaries.reduce((sum, { dispatched }) => sum + dispatched, 0)).toBe(1_234);
    expect(summaries.map(({ capped }) => capped)).toEqual([false, false]);
  });

  it('dispatches a polled feed again when it is next due, and a crashed poll only once its lease expired', async () => {
    // Prepare: both feeds dispatched at 08:00; one poll saves its next due time (08:05), one crashes
    const feeds = registered(2);
    const clock = new FixedClock(START);
    await dispatchDueFeeds(dispatchDeps(feeds, clock));
    const [polled, crashed] = [...feeds.feeds.values()];
    if (polled === undefined || crashed === undefined) throw new Error('two feeds were registered');
    feeds.feeds.set(polled.feedId, { ...polled, nextDueAt: '2026-11-27T08:05:00.000Z' });

    // Act
    clock.advance(5 * 60);
    const atFive = dispatchDeps(feeds, clock);
    await dispatchDueFeeds(atFive);
    clock.advance(10 * 60);
    const atFifteen = dispatchDeps(feeds, clock);
    await dispatchDueFeeds(atFifteen);

    // Assess
    expect(atFive.feedJobs.sent.map(({ feedId }) => feedId)).toEqual([polled.feedId]);
    expect(atFifteen.feedJobs.sent.map(({ feedId }) => feedId)).toEqual([crashed.feedId]);
  });

  it('says when the due feeds fill the run, so a growing backlog is visible', async () => {
    // Prepare
    const feeds = registered(30);
    const deps = dispatchDeps(feeds, new FixedClock(START), 20);

    // Act
    const summary = await dispatchDueFeeds(deps);

    // Assess
    expect(summary).toEqual({ due: 20, dispatched: 20, capped: true });
    expect(deps.feedJobs.sent).toHaveLength(20);
  });
});
