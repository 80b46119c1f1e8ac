/**
 * Dispatch: finds the feeds that are due and hands each to the feed-job queue once.
 * Input: the ports and limits. Output: how many feeds were due and how many this call dispatched.
 * Each feed is leased (its next-due time pushed ahead conditionally) before it is enqueued, so
 * overlapping schedules never poll a feed twice; a lease that is never followed by a poll expires.
 */
import type { Clock } from '../ports/clock.ts';
import type { FeedStateStore } from '../ports/feed-state-store.ts';
import type { JobQueue } from '../ports/job-queue.ts';
import type { FeedJob } from './jobs.ts';

export interface DispatchDueFeedsDeps {
  feeds: FeedStateStore;
  feedJobs: JobQueue<FeedJob>;
  clock: Clock;
  /** How long a dispatched feed stays out of the due list while its poll runs. */
  leaseSeconds: number;
  maxFeedsPerRun: number;
}

export interface DispatchSummary {
  due: number;
  dispatched: number;
}

export async function dispatchDueFeeds(deps: DispatchDueFeedsDeps): Promise<DispatchSummary> {
  const now = deps.clock.now();
  const due = await deps.feeds.listDueFeeds(now.toISOString(), deps.maxFeedsPerRun);
  const leaseUntil = new Date(now.getTime() + deps.leaseSeconds * 1000).toISOString();
  const jobs: FeedJob[] = [];
  for (const feed of due) {
    if (await deps.feeds.leaseFeed(feed.feedId, feed.nextDueAt, leaseUntil)) {
      jobs.push({ feedId: feed.feedId, url: feed.url });
    }
  }
  await deps.feedJobs.send(jobs);
  return { due: due.length, dispatched: jobs.length };
}
