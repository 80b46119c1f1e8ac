/**
 * Registers feeds to poll. Input: feed URLs (with optional title and charset override). Output: which
 * were added and which already existed. Registering twice is harmless.
 */
import { newFeedState } from '../polling/feed-state.ts';
import type { Clock } from '../ports/clock.ts';
import type { FeedStateStore } from '../ports/feed-state-store.ts';

export interface FeedToRegister {
  url: string;
  title?: string | null;
  charset?: string | null;
}

export async function registerFeeds(
  feeds: readonly FeedToRegister[],
  deps: { feeds: FeedStateStore; clock: Clock },
): Promise<{ added: string[]; existing: string[] }> {
  const added: string[] = [];
  const existing: string[] = [];
  for (const feed of feeds) {
    const parsed = new URL(feed.url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new TypeError(`A feed is fetched over http or https, not ${parsed.protocol} (${feed.url})`);
    }
    const url = parsed.toString();
    const state = newFeedState({ ...feed, url }, deps.clock.now());
    ((await deps.feeds.registerFeed(state)) ? added : existing).push(url);
  }
  return { added, existing };
}
