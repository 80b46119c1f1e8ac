import { describe, expect, it } from 'vitest';
import { registerFeeds } from '../../shared/pipeline/register-feeds.ts';
import { FixedClock, MemoryFeedStates } from '../support/in-memory-ports.ts';

describe('registering feeds', () => {
  it('adds each feed once, due at once, and reports the ones it already had', async () => {
    // Prepare
    const feeds = new MemoryFeedStates();
    const clock = new FixedClock(new Date('2026-11-27T08:00:00.000Z'));

    // Act
    const first = await registerFeeds([{ url: 'https://news.example/rss', title: 'News' }], { feeds, clock });
    const second = await registerFeeds(
      [{ url: 'https://news.example/rss' }, { url: 'https://b.example/atom' }],
      {
        feeds,
        clock,
      },
    );

    // Assess
    expect(first).toEqual({ added: ['https://news.example/rss'], existing: [] });
    expect(second).toEqual({ added: ['https://b.example/atom'], existing: ['https://news.example/rss'] });
    expect([...feeds.feeds.values()].map(({ title, nextDueAt }) => ({ title, nextDueAt }))).toEqual([
      { title: 'News', nextDueAt: '2026-11-27T08:00:00.000Z' },
      { title: null, nextDueAt: '2026-11-27T08:00:00.000Z' },
    ]);
  });

  it('refuses a feed that is not fetched over http or https', async () => {
    // Act
    const registering = registerFeeds([{ url: 'ftp://news.example/feed.xml' }], {
      feeds: new MemoryFeedStates(),
      clock: new FixedClock(new Date()),
    });

    // Assess
    await expect(registering).rejects.toThrow(/http or https, not ftp:/);
  });
});
