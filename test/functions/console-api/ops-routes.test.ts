/** The console's ops routes through the router, on in-memory ports: admins only. */
import { describe, expect, it } from 'vitest';
import { newFeedState } from '../../../shared/polling/feed-state.ts';
import { fakeConsoleDeps } from '../../support/console-fakes.ts';
import { ADMIN_CLAIMS, callConsole } from '../../support/console-requests.ts';

async function depsWithFeeds() {
  const deps = fakeConsoleDeps();
  const now = new Date('2026-11-24T06:00:00.000Z');
  const healthy = {
    ...newFeedState({ url: 'https://a.example/feed.xml', title: 'A' }, now),
    nextDueAt: '2026-11-24T07:00:00.000Z',
  };
  const broken = {
    ...newFeedState({ url: 'https://b.example/feed.xml' }, now),
    status: 'broken' as const,
    consecutiveErrors: 10,
    lastError: { code: 'http-status', message: 'HTTP 503', at: '2026-11-24T05:00:00.000Z' },
    nextDueAt: '2026-11-25T05:00:00.000Z',
  };
  for (const feed of [healthy, broken]) await deps.feeds.registerFeed(feed);
  return deps;
}

describe('GET /ops/feeds and /ops/dead-letters', () => {
  it('refuse analysts outside the admins group', async () => {
    // Prepare
    const deps = await depsWithFeeds();

    // Act
    const feeds = await callConsole({ method: 'GET', path: '/ops/feeds' }, deps);
    const deadLetters = await callConsole({ method: 'GET', path: '/ops/dead-letters' }, deps);

    // Assess
    expect(feeds).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect(deadLetters.status).toBe(403);
  });

  it('show admins every feed, broken ones first, with the last error and next poll', async () => {
    // Prepare
    const deps = await depsWithFeeds();

    // Act
    const response = await callConsole({ method: 'GET', path: '/ops/feeds', claims: ADMIN_CLAIMS }, deps);

    // Assess
    expect(response.status).toBe(200);
    expect(response.body.feeds.map(({ url, state }: Record<string, string>) => ({ url, state }))).toEqual([
      { url: 'https://b.example/feed.xml', state: 'broken' },
      { url: 'https://a.example/feed.xml', state: 'active' },
    ]);
    expect(response.body.feeds[0]).toMatchObject({
      lastError: { code: 'http-status', message: 'HTTP 503' },
      nextPollAt: '2026-11-25T05:00:00.000Z',
    });
  });

  it('show admins the depth of each dead-letter queue', async () => {
    // Prepare
    const deps = fakeConsoleDeps();

    // Act
    const response = await callConsole(
      { method: 'GET', path: '/ops/dead-letters', claims: ADMIN_CLAIMS },
      deps,
    );

    // Assess
    expect(response.body).toEqual({ queues: [{ queue: 'feedJobs', depth: 2 }] });
  });
});
