/**
 * Bad input from the web, through the real HTTP client, parser and poll use case: each case ends as a
 * clear error recorded on its feed (or, for recoverable input, a bounded success), and the polls after
 * it go on. Every server is on loopback, behind a fence that fails the test on any other connect.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createNodeHttpClient } from '../../adapters/http/node-http-client.ts';
import type { ArticleJob } from '../../shared/pipeline/jobs.ts';
import { pollFeed } from '../../shared/pipeline/poll-feed.ts';
import { DEFAULT_POLLING_POLICY, type FeedState, newFeedState } from '../../shared/polling/feed-state.ts';
import { fenceTrafficToLoopback } from '../http/loopback-fence.ts';
import { FixedClock, MemoryFeedStates, MemoryQueue, MemorySeenEntries } from '../support/in-memory-ports.ts';

const rss = (items: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>T</title>${items}</channel></rss>`;
const item = (n: number) => `<item><title>Story ${n}</title><link>http://127.0.0.1/s/${n}</link></item>`;

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<rss version="2.0"><channel><title>&lol9;</title>${item(1)}</channel></rss>`;

const XXE = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>T</title><item><title>&xxe;</title><link>http://127.0.0.1/x</link></item></channel></rss>`;

type Route = (
  request: import('node:http').IncomingMessage,
  response: import('node:http').ServerResponse,
) => void;

const send =
  (body: string | Buffer, headers: Record<string, string> = {}, status = 200): Route =>
  (_, response) => {
    response.writeHead(status, { 'content-type': 'application/rss+xml', ...headers });
    response.end(body);
  };

const ROUTES: Record<string, Route> = {
  '/not-xml': send('Hello, this is plain text and not a feed at all.', { 'content-type': 'text/plain' }),
  '/truncated': send(rss(item(1)).slice(0, 90)),
  '/billion-laughs': send(BILLION_LAUGHS),
  '/xxe': send(XXE),
  '/huge': (_, response) => {
    // Streams up to 2 GB lazily; the client must stop reading long before.
    response.writeHead(200, { 'content-type': 'application/rss+xml' });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < 2 * 1024 ** 3 && response.write(chunk)) sent += chunk.length;
      if (sent < 2 * 1024 ** 3) response.once('drain', pump);
      else response.end();
    };
    response.on('close', () => response.removeAllListeners('drain'));
    pump();
  },
  '/gzip-bomb': send(gzipSync(Buffer.alloc(64 * 1024 * 1024)), { 'content-encoding': 'gzip' }),
  '/slow-drip': (_, response) => {
    response.writeHead(200, { 'content-type': 'application/rss+xml' });
    const timer = setInterval(() => response.write(' '), 100);
    response.on('close', () => clearInterval(timer));
  },
  '/loop-a': send('', { location: '/loop-b' }, 302),
  '/loop-b': send('', { location: '/loop-a' }, 302),
  '/to-private': send('', { location: 'http://10.0.0.1/feed.xml' }, 301),
  '/to-metadata': send('', { location: 'http://169.254.169.254/latest/meta-data/' }, 302),
  '/invalid-utf8': send(
    Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bad '),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from(` bytes</title>${item(7)}</channel></rss>`),
    ]),
  ),
  '/hundred-thousand': send(rss(Array.from({ length: 100_000 }, (_, n) => item(n)).join(''))),
  '/html': send('<!doctype html><html><head><title>Home</title></head><body><p>Welcome</p></body></html>', {
    'content-type': 'text/html',
  }),
  '/empty': send(''),
  '/not-modified': send('', {}, 304),
  '/good': send(rss(item(42))),
};

let server: Server;
let base: string;
let fence: ReturnType<typeof fenceTrafficToLoopback>;
beforeAll(async () => {
  fence = fenceTrafficToLoopback();
  server = createServer((request, response) => {
    const route = ROUTES[request.url ?? ''];
    if (route === undefined) return send('', {}, 404)(request, response);
    route(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  vi.restoreAllMocks();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function pollAll(paths: string[]) {
  const clock = new FixedClock(new Date('2026-11-27T08:00:00.000Z'));
  const feeds = new MemoryFeedStates();
  const articleJobs = new MemoryQueue<ArticleJob>();
  const deps = {
    feeds,
    seen: new MemorySeenEntries(),
    articleJobs,
    http: createNodeHttpClient({ allowPrivateHosts: ['127.0.0.1'] }),
    clock,
    policy: {
      ...DEFAULT_POLLING_POLICY,
      minIntervalSeconds: 300,
      maxIntervalSeconds: 86_400,
      brokenAfterErrors: 5,
    },
    limits: { maxFeedBytes: 8 * 1024 * 1024, timeoutMs: 2_000, maxEntriesPerPoll: 200 },
  };
  const results = new Map<string, FeedState>();
  for (const path of paths) {
    const state = newFeedState({ url: `${base}${path}` }, clock.now());
    await feeds.registerFeed(state);
    await pollFeed({ feedId: state.feedId, url: state.url }, deps);
    results.set(path, (await feeds.getFeed(state.feedId)) as FeedState);
  }
  return { results, articleJobs };
}

describe('bad feeds from the web', () => {
  it('records each failure on its feed with a clear code, and polls the next feed as usual', async () => {
    // Prepare
    const expectations: Record<string, string> = {
      '/not-xml': 'feed-',
      '/truncated': 'feed-',
      '/huge': 'too-large',
      '/gzip-bomb': 'too-large',
      '/slow-drip': 'timeout',
      '/loop-a': 'too-many-redirects',
      '/to-private': 'blocked-address',
      '/to-metadata': 'blocked-address',
      '/html': 'feed-',
      '/empty': 'feed-empty',
      '/not-modified': 'unexpected-304',
    };

    // Act
    const { results } = await pollAll([...Object.keys(expectations), '/good']);

    // Assess
    for (const [path, code] of Object.entries(expectations)) {
      const state = results.get(path);
      expect(state?.lastError?.code, path).toContain(code);
      expect(state?.lastError?.message.length, path).toBeGreaterThan(10);
      expect(state?.consecutiveErrors, path).toBe(1);
    }
    expect(results.get('/good')).toMatchObject({ lastError: null, lastStatus: 200, itemsSeen: 1 });
    expect(fence.connectAttempts.every((host) => host.startsWith('127.'))).toBe(true);
  }, 60_000);

  it('survives entity attacks: no expansion blow-up, no external entity read', async () => {
    // Act
    const { results, articleJobs } = await pollAll(['/billion-laughs', '/xxe']);

    // Assess
    for (const state of results.values()) expect((state.title ?? '').length).toBeLessThan(100_000);
    const titles = articleJobs.sent.map((job) => job.entry.title ?? '');
    expect(titles.join(' ')).not.toMatch(/root:/);
  });

  it('reads invalid UTF-8 with replacement characters, and caps a 100,000-item feed', async () => {
    // Act
    const { results, articleJobs } = await pollAll(['/invalid-utf8', '/hundred-thousand']);

    // Assess
    expect(results.get('/invalid-utf8')).toMatchObject({ lastError: null, itemsSeen: 1 });
    // Decoded without a crash: replacement characters, or windows-1252 as feedparser falls back to.
    expect(results.get('/invalid-utf8')?.title).toMatch(/^Bad .{1,3} bytes$/);
    expect(results.get('/hundred-thousand')?.lastError?.code ?? 'none').toMatch(/none|too-many-entries/);
    expect(results.get('/hundred-thousand')?.itemsSeen ?? 0).toBeLessThanOrEqual(200);
    expect(articleJobs.sent.length).toBeLessThanOrEqual(201);
  });
});
