/** The port for feed state: which feeds exist, which are due, and what each poll learnt. */
import type { FeedState } from '../polling/feed-state.ts';

export interface FeedStateStore {
  /** Adds a feed unless one with the same id exists; true when it was added. */
  registerFeed(feed: FeedState): Promise<boolean>;
  getFeed(feedId: string): Promise<FeedState | null>;
  /** Feeds whose next-due time is at or before `now`, active and broken alike, oldest first. */
  listDueFeeds(now: string, limit: number): Promise<FeedState[]>;
  /**
   * Moves a due feed's next-due time to `leaseUntil` if it is still `expectedNextDueAt`, so two
   * overlapping dispatches never enqueue the same feed twice. True when this caller won the lease.
   */
  leaseFeed(feedId: string, expectedNextDueAt: string, leaseUntil: string): Promise<boolean>;
  saveFeedState(state: FeedState): Promise<void>;
}
