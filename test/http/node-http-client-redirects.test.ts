/** Redirect following, with the guard re-checking every hop, and status codes handed back as responses. */

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNodeHttpClient } from '../../adapters/http/node-http-client.ts';
import type { HttpClient } from '../../shared/ports/http-client.ts';
import { fenceTrafficToLoopback, type LoopbackFence } from './loopback-fence.ts';
import { type LoopbackServer, startLoopbackServer } from './loopback-server.ts';

/** path → [status, Location]; any other path answers 200 with its own path as the body. */
type Routes = Record<string, readonly [number, string]>;

describe('NodeHttpClient redirects and statuses', () => {
  let server: LoopbackServer;
  let client: HttpClient;
  let fence: LoopbackFence;
  let routes: Routes;
  const requestedPaths: string[] = [];

  beforeEach(async () => {
    fence = fenceTrafficToLoopback();
    routes = {};
    requestedPaths.length = 0;
    server = await startLoopbackServer((request, response) => {
      const path = request.url ?? '/';
      requestedPaths.push(path);
      const route = routes[path];
      if (route !== undefined) {
        response.writeHead(route[0], { location: route[1].replace('{origin}', server.origin) }).end();
      } else if (path === '/conditional') {
        response.writeHead(304, { etag: '"v1"' }).end();
      } else if (path === '/busy') {
        response.writeHead(503, { 'retry-after': '120' }).end('come back later');
      } else {
        response.writeHead(200, { 'content-type': 'text/plain' }).end(path);
      }
    });
    const resolve = async (hostname: string) => {
      if (hostname === 'intranet.example') return [{ address: '10.0.0.1', family: 4 as const }];
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    };
    client = createNodeHttpClient({ allowPrivateHosts: ['127.0.0.1'], maxRedirects: 3, resolve });
  });

  afterEach(async () => {
    await server.close();
    vi.restoreAllMocks();
  });

  const get = (path: string) =>
    client.get({ url: `${server.origin}${path}`, maxBytes: 4096, timeoutMs: 5000 });

  it('follows a chain of permanent redirects and reports the new permanent URL', async () => {
    // Prepare
    routes = { '/old': [301, '/older'], '/older': [308, '{origin}/feed.xml'] };

    // Act
    const response = await get('/old');

    // Assess
    expect(response).toMatchObject({
      status: 200,
      url: `${server.origin}/feed.xml`,
      permanentUrl: `${server.origin}/feed.xml`,
    });
    expect(requestedPaths).toEqual(['/old', '/older', '/feed.xml']);
  });

  it('reports no permanent URL when any hop was temporary', async () => {
    // Prepare
    routes = { '/a': [301, '/b'], '/b': [302, '/c'], '/c': [307, '/d'] };

    // Act
    const response = await get('/a');

    // Assess
    expect(response).toMatchObject({ status: 200, url: `${server.origin}/d`, permanentUrl: null });
  });

  it('resolves a relative Location against the redirecting URL', async () => {
    // Prepare
    routes = { '/news/latest': [303, '../archive/today?page=1'] };

    // Act
    const response = await get('/news/latest');

    // Assess
    expect(response.url).toBe(`${server.origin}/archive/today?page=1`);
    expect(Buffer.from(response.body).toString()).toBe('/archive/today?page=1');
  });

  it('detects a redirect loop', async () => {
    // Prepare
    routes = { '/ping': [302, '/pong'], '/pong': [302, '/ping'] };

    // Act
    const fetching = get('/ping');

    // Assess
    await expect(fetching).rejects.toMatchObject({
      code: 'too-many-redirects',
      message: expect.stringContaining('redirect loop'),
    });
    expect(requestedPaths).toEqual(['/ping', '/pong']);
  });

  it('stops after maxRedirects hops', async () => {
    // Prepare
    routes = { '/1': [301, '/2'], '/2': [301, '/3'], '/3': [301, '/4'], '/4': [301, '/5'] };

    // Act
    const fetching = get('/1');

    // Assess
    await expect(fetching).rejects.toMatchObject({
      code: 'too-many-redirects',
      message: expect.stringContaining('more than 3 times'),
    });
    expect(requestedPaths).toEqual(['/1', '/2', '/3', '/4']);
  });

  it('refuses a redirect to a host name that resolves to a private address, without connecting', async () => {
    // Prepare
    routes = { '/go': [302, `http://intranet.example:${server.port}/admin`] };

    // Act
    const fetching = get('/go');

    // Assess
    await expect(fetching).rejects.toMatchObject({
      code: 'blocked-address',
      message: expect.stringContaining('intranet.example resolves to 10.0.0.1'),
    });
    expect(fence.connectAttempts).toEqual(['127.0.0.1']);
  });

  it('refuses a redirect to the cloud metadata address, without connecting', async () => {
    // Prepare
    routes = { '/go': [302, 'http://169.254.169.254/latest/meta-data/'] };

    // Act
    const fetching = get('/go');

    // Assess
    await expect(fetching).rejects.toMatchObject({ code: 'blocked-address' });
    expect(fence.connectAttempts).toEqual(['127.0.0.1']);
  });

  it('refuses a redirect to a non-http scheme', async () => {
    // Prepare
    routes = { '/go': [301, 'file:///etc/passwd'] };

    // Act
    const fetching = get('/go');

    // Assess
    await expect(fetching).rejects.toMatchObject({
      code: 'invalid-url',
      message: expect.stringContaining(`"file:" of file:///etc/passwd is not http or https (redirect from`),
    });
  });

  it('passes a 304 through with an empty body', async () => {
    // Act
    const response = await client.get({
      url: `${server.origin}/conditional`,
      headers: { 'If-None-Match': '"v1"' },
      maxBytes: 4096,
      timeoutMs: 5000,
    });

    // Assess
    expect(response).toMatchObject({ status: 304, headers: { etag: '"v1"' }, permanentUrl: null });
    expect(response.body).toHaveLength(0);
  });

  it('returns an error status as a response so the caller can honour Retry-After', async () => {
    // Act
    const response = await get('/busy');

    // Assess
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('120');
    expect(Buffer.from(response.body).toString()).toBe('come back later');
  });

  it('identifies itself and keeps credentials from following a redirect to another origin', async () => {
    // Prepare
    const received: Record<string, string | undefined>[] = [];
    const otherOrigin = await startLoopbackServer((request, response) => {
      const {
        authorization,
        cookie,
        'if-none-match': ifNoneMatch,
        'user-agent': userAgent,
      } = request.headers;
      received.push({ authorization, cookie, ifNoneMatch, userAgent });
      response.end();
    });
    routes = { '/moved': [301, `${otherOrigin.origin}/feed`] };

    // Act
    await client.get({
      url: `${server.origin}/moved`,
      headers: { Authorization: 'Bearer feed-token', Cookie: 'session=1', 'If-None-Match': '"v1"' },
      maxBytes: 4096,
      timeoutMs: 5000,
    });
    await otherOrigin.close();

    // Assess
    expect(received).toEqual([
      {
        authorization: undefined,
        cookie: undefined,
        ifNoneMatch: '"v1"',
        userAgent: expect.stringMatching(
          /^wirewatch\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/wirewatch; news monitoring bot\)$/,
        ),
      },
    ]);
  });

  it('reuses one keep-alive connection across requests', async () => {
    // Act
    await get('/first');
    await get('/second');

    // Assess
    expect(server.connections()).toBe(1);
  });
});
