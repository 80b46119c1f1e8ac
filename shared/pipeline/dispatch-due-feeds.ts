/**
 * Dispatch: finds the feeds that are due and hands each to the feed-job queue once.
 * Input: the ports and limits. Output: how many feeds were due and how many this call dispatched.
 * Each feed is leased before it is enqueued, so overlapping schedules never poll a feed twice; a
 * lease that is never followed by a poll expires and the feed is dispatched again. Feeds are leased
 * and enqueued a queue batch at a time, several batches at once, so a run's time grows with the due
 * feeds divided by the concurrency, not with the due feeds.
 */
import type { Clock } from '../ports/clock.ts';
import type { FeedStateStore } from '../ports/feed-state-store.ts';
import type { JobQueue } from '../ports/job-queue.ts';
import type { FeedJob } from './jobs.ts';

/** Feeds leased together and sent in one queue request (SQS takes ten messages per batch). */
export const DISPATCH_BATCH_SIZE = 10;

/**
 * The cap is a safety bound, not a throttle: 50,000 is three times the feeds due in one 5-minute run
 * at 100 times the design volume (50,000 feeds every 15 minutes). Twenty batches in flight make 200
 * conditional writes at once, far below a partition's limits (each feed has its own partition).
 */
export const DISPATCH_DEFAULTS = { maxFeedsPerRun: 50_000, concurrentBatches: 20 } as const;

export interface DispatchDueFeedsDeps {
  feeds: FeedStateStore;
  feedJobs: JobQueue<FeedJob>;
  clock: Clock;
  /** How long a dispatched feed stays leased while its poll runs. */
  leaseSeconds: number;
  /** Due feeds one run dispatches at most; the rest wait for the next run. */
  maxFeedsPerRun: number;
  /** Batches leased and enqueued at the same time. */
  concurrentBatches: number;
}

export interface DispatchSummary {
  due: number;
  dispatched: number;
  /** True when more feeds may be due than the run's cap let it list: a backlog is building. */
  capped: boolean;
}

export async function dispatchDueFeeds(deps: DispatchDueFeedsDeps): Promise<DispatchSummary> {
  const now = deps.clock.now();
  const due = await deps.feeds.listDueFeeds(now.toISOString(), deps.maxFeedsPerRun);
  const lease = {
    now: now.toISOString(),
    until: new Date(now.getTime() + deps.leaseSeconds * 1000).toISOString(),
  };
  const batches: (typeof due)[] = [];
  for (let start = 0; start < due.length; start += DISPATCH_BATCH_SIZE) {
    batches.push(due.slice(start, start + DISPATCH_BATCH_SIZE));
  }
  let dispatched = 0;
  const dispatchBatch = async (batch: typeof due) => {
    const won = await Promise.all(
      batch.map((feed) => deps.feeds.leaseFeed(feed.feedId, feed.nextDueAt, lease)),
    );
    const jobs = batch.filter((_, index) => won[index]).map(({ feedId, url }) => ({ feedId, url }));
    await deps.feedJobs.send(jobs);
    dispatched += jobs.length;
  };
  let next = 0;
  const worker = async () => {
    for (let batch = batches[next++]; batch !== undefined; batch = batches[next++]) {
      await dispatchBatch(batch);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrentBatches) }, worker));
  return { due: due.length, dispatched, capped: due.length >= deps.maxFeedsPerRun };
}
