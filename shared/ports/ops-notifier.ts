/** The port for telling operators about a feed that stopped working (the ops topic in AWS). */
import type { FeedState } from '../polling/feed-state.ts';

export interface OpsNotifier {
  /** Called once, when a feed crosses the broken threshold; not again while it stays broken. */
  feedBroken(feed: FeedState): Promise<void>;
}
