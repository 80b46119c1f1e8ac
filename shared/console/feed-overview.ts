/** The ops view of the feeds: each feed's state, last error and next poll, the broken ones first. */
import type { FeedStateStore } from '../ports/feed-state-store.ts';

/** The ops view lists at most this many feeds. */
export const MAX_FEEDS_SHOWN = 1000;
// Every feed is due by then: listing the feeds due at this instant lists them all.
const END_OF_TIME = '9999-12-31T23:59:59.999Z';

export interface FeedOverview {
  feedId: string;
  url: string;
  title: string | null;
  state: 'active' | 'broken';
  consecutiveErrors: number;
  lastError: { code: string; message: string; at: string } | null;
  lastSuccessAt: string | null;
  nextPollAt: string;
}

export async function feedOverview(deps: { feeds: FeedStateStore }): Promise<FeedOverview[]> {
  const feeds = await deps.feeds.listDueFeeds(END_OF_TIME, MAX_FEEDS_SHOWN);
  return feeds
    .map((feed) => ({
      feedId: feed.feedId,
      url: feed.url,
      title: feed.title,
      state: feed.status,
      consecutiveErrors: feed.consecutiveErrors,
      lastError: feed.lastError,
      lastSuccessAt: feed.lastSuccessAt,
      nextPollAt: feed.nextDueAt,
    }))
    .sort(
      (a, b) =>
        Number(b.state === 'broken') - Number(a.state === 'broken') ||
        a.nextPollAt.localeCompare(b.nextPollAt),
    );
}
