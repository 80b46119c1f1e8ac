/** The port for feed state: which feeds exist, which are due, and what each poll learnt. */
import type { FeedState } from '../polling/feed-state.ts';

export interface FeedStateStore {
  /** Adds a feed unless one with the same id exists; true when it was added. */
  registerFeed(feed: FeedState): Promise<boolean>;
  getFeed(feedId: string): Promise<FeedState | null>;
  /** Feeds whose next-due time is at or before `now`, active and broken alike, oldest first. */
  listDueFeeds(now: string, limit: number): Promise<FeedState[]>;
  /**
   * Leases a feed that is due at `dueAt` (its next-due time as listed) to one dispatcher until
   * `lease.until`, so overlapping dispatches never enqueue the same feed twice. The feed's state and
   * next-due time are left alone: the poll's own save moves them once. A lease is granted when the
   * feed has none, when the last one was for an earlier due time (that poll has saved its result),
   * or when the last one expired by `lease.now` (that poll crashed: the feed is polled again). True
   * when this caller won the lease.
   */
  leaseFeed(feedId: string, dueAt: string, lease: { now: string; until: string }): Promise<boolean>;
  saveFeedState(state: FeedState): Promise<void>;
}
