/** `wirewatch feeds` on a dynalite table: listing every feed or the broken ones, and removing one. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbFeedStateStore } from '../../adapters/dynamodb/feed-state-store.dynamodb.ts';
import type { TableClient } from '../../adapters/dynamodb/table-client.ts';
import { checkFeedUrl, formatFeeds, listFeeds } from '../../cli/commands/feeds.ts';
import { createReader } from '../../reader/wirewatch-reader.ts';
import { newFeedState } from '../../shared/polling/feed-state.ts';
import { startLocalTable } from '../support/local-table.ts';

let table: TableClient & { close(): Promise<void> };
let store: DynamoDbFeedStateStore;
const healthy = newFeedState(
  { url: 'https://news.example/world.rss', title: 'World' },
  new Date('2026-11-27T08:00:00Z'),
);
const broken = {
  ...newFeedState({ url: 'https://news.example/broken.xml' }, new Date('2026-11-20T08:00:00Z')),
  status: 'broken' as const,
  lastStatus: 500,
  consecutiveErrors: 10,
  nextDueAt: '2026-11-28T08:00:00.000Z',
  lastError: {
    code: 'http-500',
    message: 'https://news.example/broken.xml answered 500',
    at: '2026-11-27T08:00:00.000Z',
  },
};

beforeAll(async () => {
  table = await startLocalTable();
  store = new DynamoDbFeedStateStore(table);
  await store.registerFeed(healthy);
  await store.registerFeed(broken);
});

afterAll(async () => {
  await table.close();
});

describe('feeds for ops', () => {
  it('lists every feed, broken first, with status, last status, next due, errors and last error', async () => {
    // Act
    const feeds = await listFeeds(createReader(table), false);
    const lines = formatFeeds(feeds).split('\n');

    // Assess
    expect(feeds.map(({ url }) => url)).toEqual([broken.url, healthy.url]);
    expect(lines[0]).toMatch(/^status\s+last\s+next due\s+errors\s+last error\s+feed$/);
    expect(lines[1]).toMatch(
      /^broken\s+500\s+2026-11-28 08:00\s+10\s+http-500: https:\/\/news\.example\/broken\.xml answered 500\s+https/,
    );
    expect(lines[2]).toMatch(
      /^active\s+-\s+2026-11-27 08:00\s+0\s+-\s+https:\/\/news\.example\/world\.rss {2}\(World\)$/,
    );
  });

  it('lists only the broken feeds with --broken', async () => {
    // Act
    const feeds = await listFeeds(createReader(table), true);

    // Assess
    expect(feeds.map(({ feedId }) => feedId)).toEqual([broken.feedId]);
  });

  it('removes a feed once: it is no longer listed, and a second removal finds nothing', async () => {
    // Act
    const first = await store.removeFeed(healthy.feedId);
    const second = await store.removeFeed(healthy.feedId);

    // Assess
    expect([first, second]).toEqual([true, false]);
    expect((await listFeeds(createReader(table), false)).map(({ url }) => url)).toEqual([broken.url]);
  });
});

describe('feeds add', () => {
  it("refuses a metadata or loopback feed with the SSRF guard's reason, before anything is stored", () => {
    // Act
    const metadata = () => checkFeedUrl('http://169.254.169.254/latest/meta-data/', false);
    const loopback = () => checkFeedUrl('http://127.0.0.1:6379/', true);
    const localhostName = () => checkFeedUrl('http://localhost/feed.xml', false);

    // Assess
    expect(metadata).toThrow(
      'refused to fetch http://169.254.169.254/latest/meta-data/: link-local address is not a public internet address; every poll of this feed would be refused',
    );
    expect(loopback).toThrow(/loopback address is not a public internet address/);
    expect(localhostName).toThrow(/loopback address \(localhost resolves to 127\.0\.0\.1\)/);
  });

  it('accepts the bundled sample site on the local state only, and public feeds anywhere', () => {
    // Act
    const sampleLocally = checkFeedUrl('http://samples.wirewatch.localhost/feeds/world.rss', true);
    const sampleOnAws = () => checkFeedUrl('http://samples.wirewatch.localhost/feeds/world.rss', false);
    const samplePortLocally = () => checkFeedUrl('http://samples.wirewatch.localhost:22/', true);
    const publicFeed = checkFeedUrl('https://news.example/world.rss', false);

    // Assess
    expect(sampleLocally).toBe('http://samples.wirewatch.localhost/feeds/world.rss');
    expect(sampleOnAws).toThrow(/loopback address/);
    expect(samplePortLocally).toThrow(/loopback address/);
    expect(publicFeed).toBe('https://news.example/world.rss');
  });
});
