import { describe, expect, it } from 'vitest';
import { dispatchDueFeeds } from '../../shared/pipeline/dispatch-due-feeds.ts';
import type { ArticleJob, FeedJob } from '../../shared/pipeline/jobs.ts';
import { pollFeed } from '../../shared/pipeline/poll-feed.ts';
import { DEFAULT_POLLING_POLICY, type FeedState, newFeedState } from '../../shared/polling/feed-state.ts';
import { FetchError } from '../../shared/ports/http-client.ts';
import {
  FixedClock,
  MemoryFeedStates,
  MemoryQueue,
  MemorySeenEntries,
  ScriptedHttp,
} from '../support/in-memory-ports.ts';

const FEED_URL = 'https://news.example/feed.rss';

function rss(items: { title: string; link: string }[], ttl?: number): Uint8Array {
  const body = items
    .map((item) => `<item><title>${item.title}</title><link>${item.link}</link></item>`)
    .join('');
  return new TextEncoder().encode(
    `<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>${ttl === undefined ? '' : `<ttl>${ttl}</ttl>`}${body}</channel></rss>`,
  );
}

function setup(routes: ConstructorParameters<typeof ScriptedHttp>[0]) {
  const clock = new FixedClock(new Date('2026-11-27T08:00:00.000Z'));
  const feeds = new MemoryFeedStates();
  const seen = new MemorySeenEntries();
  const articleJobs = new MemoryQueue<ArticleJob>();
  const http = new ScriptedHttp(routes);
  const state = newFeedState({ url: FEED_URL }, clock.now());
  feeds.feeds.set(state.feedId, state);
  const deps = {
    feeds,
    seen,
    articleJobs,
    http,
    clock,
    policy: {
      ...DEFAULT_POLLING_POLICY,
      minIntervalSeconds: 300,
      maxIntervalSeconds: 86_400,
      brokenAfterErrors: 3,
    },
    limits: { maxFeedBytes: 1_000_000, timeoutMs: 5_000, maxEntriesPerPoll: 100 },
  };
  const job: FeedJob = { feedId: state.feedId, url: FEED_URL };
  const stored = () => feeds.feeds.get(state.feedId) as FeedState;
  return { deps, job, stored, articleJobs, http, clock };
}

describe('polling a feed', () => {
  it('hands each new entry to article fetching once, with canonical links, and stores the validators', async () => {
    // Prepare
    const items = [
      { title: 'A', link: 'https://news.example/a?utm_source=rss' },
      { title: 'B', link: 'https://news.example/b' },
      { title: 'A again', link: 'https://NEWS.example/a#top' },
    ];
    const { deps, job, stored, articleJobs } = setup({
      [FEED_URL]: () => ({
        body: rss(items, 60),
        headers: { etag: '"v1"', 'last-modified': 'Thu, 26 Nov 2026 10:00:00 GMT' },
      }),
    });

    // Act
    const first = await pollFeed(job, deps);
    const second = await pollFeed(job, deps);

    // Assess
    expect(first).toMatchObject({ status: 'fetched', entries: 3, newArticles: 2 });
    expect(second).toMatchObject({ status: 'fetched', newArticles: 0 });
    expect(articleJobs.sent.map(({ url }) => url)).toEqual([
      'https://news.example/a',
      'https://news.example/b',
    ]);
    expect(stored()).toMatchObject({
      etag: '"v1"',
      lastModified: 'Thu, 26 Nov 2026 10:00:00 GMT',
      lastStatus: 200,
      consecutiveErrors: 0,
      itemsSeen: 2,
      title: 'News',
      nextDueAt: '2026-11-27T09:00:00.000Z',
    });
  });

  it("passes the feed's declared language with each article, for pages that declare none", async () => {
    // Prepare
    const body = new TextEncoder().encode(
      '<?xml version="1.0"?><rss version="2.0"><channel><title>اردو</title><language>ur-PK</language>' +
        '<item><title>مذاکرات</title><link>https://news.example/ur/1</link></item></channel></rss>',
    );
    const { deps, job, articleJobs } = setup({ [FEED_URL]: () => ({ body }) });

    // Act
    await pollFeed(job, deps);

    // Assess
    expect(articleJobs.sent.map(({ feedLanguage }) => feedLanguage)).toEqual(['ur-PK']);
  });

  it('sends its validators and stores nothing new on 304', async () => {
    // Prepare
    let conditional: Record<string, string> | undefined;
    const { deps, job, stored, articleJobs } = setup({
      [FEED_URL]: (request) => {
        conditional = request.headers as Record<string, string>;
        return request.headers?.['if-none-match'] === '"v1"'
          ? { status: 304 }
          : { body: rss([]), headers: { etag: '"v1"' } };
      },
    });
    await pollFeed(job, deps);

    // Act
    const outcome = await pollFeed(job, deps);

    // Assess
    expect(conditional).toEqual({ 'if-none-match': '"v1"' });
    expect(outcome).toEqual({ feedId: job.feedId, status: 'not-modified' });
    expect(stored().lastStatus).toBe(304);
    expect(articleJobs.sent).toHaveLength(0);
  });

  it('polls a feed that keeps finding nothing less often, at most four times its interval, and at its pace again once it has news', async () => {
    // Prepare: the feed answers 304 to its validator until a story appears
    let items: { title: string; link: string }[] = [];
    const { deps, job, stored, clock } = setup({
      [FEED_URL]: (request) =>
        request.headers?.['if-none-match'] === `"${items.length}"`
          ? { status: 304 }
          : { body: rss(items), headers: { etag: `"${items.length}"` } },
    });
    const minutesToNextPoll = () => (Date.parse(stored().nextDueAt) - clock.now().getTime()) / 60_000;
    const intervals: number[] = [];

    // Act: six polls that find nothing (an empty feed, then 304s), then one with news
    for (let poll = 0; poll < 7; poll += 1) {
      if (poll === 6) items = [{ title: 'News at last', link: 'https://news.example/a' }];
      await pollFeed(job, deps);
      const interval = minutesToNextPoll();
      intervals.push(interval);
      clock.advance(interval * 60);
    }

    // Assess
    expect(intervals).toEqual([5, 10, 20, 20, 20, 20, 5]);
    expect(stored().quietPolls).toBe(0);
  });

  it('fetches an entry again when the feed changes it', async () => {
    // Prepare
    let title = 'First title';
    const { deps, job, articleJobs } = setup({
      [FEED_URL]: () => ({ body: rss([{ title, link: 'https://news.example/a' }]) }),
    });
    await pollFeed(job, deps);

    // Act
    title = 'Corrected title';
    await pollFeed(job, deps);

    // Assess
    expect(articleJobs.sent.map((sent) => sent.entry.title)).toEqual(['First title', 'Corrected title']);
  });

  it.each([
    ['a refused address', () => new FetchError('blocked-address', 'refused 10.0.0.1'), 'blocked-address'],
    ['a server error', () => ({ status: 500 }), 'http-500'],
    [
      'an HTML page',
      () => ({ body: new TextEncoder().encode('<!doctype html><html><body>Hi</body></html>') }),
      'feed-',
    ],
    ['an empty body', () => ({ body: new Uint8Array() }), 'feed-empty'],
    ['a 304 nobody asked for', () => ({ status: 304 }), 'unexpected-304'],
  ])('records %s on the feed instead of failing the job', async (_name, answer, code) => {
    // Prepare
    const { deps, job, stored } = setup({ [FEED_URL]: answer });

    // Act
    const outcome = await pollFeed(job, deps);

    // Assess
    expect(outcome.status).toBe('failed');
    expect(stored().lastError?.code).toContain(code);
    expect(stored().consecutiveErrors).toBe(1);
    expect(stored().nextDueAt > '2026-11-27T08:00:00.000Z').toBe(true);
  });

  it('waits as long as Retry-After says on 429', async () => {
    // Prepare
    const { deps, job, stored } = setup({
      [FEED_URL]: () => ({ status: 429, headers: { 'retry-after': '3600' } }),
    });

    // Act
    await pollFeed(job, deps);

    // Assess
    expect(stored()).toMatchObject({ lastStatus: 429, nextDueAt: '2026-11-27T09:00:00.000Z' });
  });

  it('marks a feed broken after repeated failures, keeps polling it slowly, and heals on success', async () => {
    // Prepare
    let healthy = false;
    const { deps, job, stored } = setup({
      [FEED_URL]: () => (healthy ? { body: rss([]) } : { status: 503 }),
    });

    // Act
    const outcomes = [await pollFeed(job, deps), await pollFeed(job, deps), await pollFeed(job, deps)];
    const whileBroken = stored();
    healthy = true;
    await pollFeed(job, deps);

    // Assess
    expect(outcomes.map((o) => o.status === 'failed' && o.brokenNow)).toEqual([false, false, true]);
    expect(whileBroken).toMatchObject({
      status: 'broken',
      consecutiveErrors: 3,
      nextDueAt: '2026-11-28T08:00:00.000Z',
    });
    expect(stored()).toMatchObject({ status: 'active', consecutiveErrors: 0, lastError: null });
  });

  it('follows a permanent redirect by storing the new address', async () => {
    // Prepare
    const { deps, job, stored } = setup({
      [FEED_URL]: () => ({
        body: rss([]),
        url: 'https://news.example/new.rss',
        permanentUrl: 'https://news.example/new.rss',
      }),
    });

    // Act
    await pollFeed(job, deps);

    // Assess
    expect(stored().url).toBe('https://news.example/new.rss');
  });
});

describe('dispatching due feeds', () => {
  it('enqueues each due feed once, even when two schedules overlap', async () => {
    // Prepare
    const { deps, job } = setup({});
    const feedJobs = new MemoryQueue<FeedJob>();
    const dispatchDeps = {
      feeds: deps.feeds,
      feedJobs,
      clock: deps.clock,
      leaseSeconds: 900,
      maxFeedsPerRun: 10,
      concurrentBatches: 2,
    };

    // Act
    const [first, second] = await Promise.all([
      dispatchDueFeeds(dispatchDeps),
      dispatchDueFeeds(dispatchDeps),
    ]);

    // Assess
    expect(first.dispatched + second.dispatched).toBe(1);
    expect(feedJobs.sent).toEqual([job]);
  });
});

describe('telling operators about broken feeds', () => {
  it('notifies once, when the feed crosses the threshold, not on every later failure', async () => {
    // Prepare
    const { deps, job } = setup({ [FEED_URL]: () => ({ status: 500 }) });
    const notified: string[] = [];
    const withOps = { ...deps, ops: { feedBroken: async (feed: FeedState) => void notified.push(feed.url) } };

    // Act
    for (let poll = 0; poll < 5; poll += 1) await pollFeed(job, withOps);

    // Assess
    expect(notified).toEqual([FEED_URL]);
  });
});
