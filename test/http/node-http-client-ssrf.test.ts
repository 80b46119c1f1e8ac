/** The SSRF guard end to end: every private spelling is refused before a socket is opened. */

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNodeHttpClient } from '../../adapters/http/node-http-client.ts';
import { fenceTrafficToLoopback, type LoopbackFence } from './loopback-fence.ts';
import { type LoopbackServer, startLoopbackServer } from './loopback-server.ts';

/** Made-up names and what the injected resolver answers for them. */
const ZONE: Record<string, { address: string; family: 4 | 6 }[]> = {
  localhost: [{ address: '127.0.0.1', family: 4 }],
  'intranet.example': [{ address: '10.0.0.1', family: 4 }],
  'metadata.example': [{ address: '169.254.169.254', family: 4 }],
  'mapped.example': [{ address: '::ffff:127.0.0.1', family: 6 }],
  'half-private.example': [
    { address: '93.184.216.34', family: 4 },
    { address: '192.168.0.10', family: 4 },
  ],
  'feed.example': [{ address: '127.0.0.1', family: 4 }],
};

const resolve = async (hostname: string) => {
  const answer = ZONE[hostname];
  if (answer === undefined) {
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  }
  return answer;
};

const LIMITS = { maxBytes: 4096, timeoutMs: 5000 };

describe('NodeHttpClient SSRF guard', () => {
  let spy: LoopbackServer;
  let fence: LoopbackFence;

  beforeEach(async () => {
    fence = fenceTrafficToLoopback();
    spy = await startLoopbackServer((_request, response) => response.end('internal secret'));
  });

  afterEach(async () => {
    await spy.close();
    vi.restoreAllMocks();
  });

  it.each([
    ['dotted loopback', '127.0.0.1'],
    ['decimal loopback', '2130706433'],
    ['octal loopback', '0177.0.0.1'],
    ['hex loopback', '0x7f.1'],
    ['short loopback', '127.1'],
    ['IPv6 loopback', '[::1]'],
    ['IPv4-mapped loopback, dotted', '[::ffff:127.0.0.1]'],
    ['IPv4-mapped loopback, hex', '[::ffff:7f00:1]'],
    ['name resolving to loopback', 'localhost'],
    ['name resolving to IPv4-mapped loopback', 'mapped.example'],
  ])('refuses %s (%s) without opening a socket', async (_form, host) => {
    // Prepare
    const client = createNodeHttpClient({ resolve });

    // Act
    const fetching = client.get({ url: `http://${host}:${spy.port}/`, ...LIMITS });

    // Assess
    await expect(fetching).rejects.toMatchObject({ code: 'blocked-address' });
    expect(spy.connections()).toBe(0);
    expect(fence.connectAttempts).toEqual([]);
  });

  it.each([
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    '100.64.0.1',
    '169.254.169.254',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '198.51.100.7',
    '240.0.0.1',
    '[::]',
    '[fc00::1]',
    '[fd12:3456::1]',
    '[fe80::1]',
    '[ff02::1]',
    '[64:ff9b::a00:1]',
    '[2002:a9fe:a9fe::]',
    'intranet.example',
    'metadata.example',
    'half-private.example',
  ])('refuses http://%s/ without opening a socket', async (host) => {
    // Prepare
    const client = createNodeHttpClient({ resolve });

    // Act
    const fetching = client.get({ url: `http://${host}/latest/meta-data/`, ...LIMITS });

    // Assess
    await expect(fetching).rejects.toMatchObject({
      code: 'blocked-address',
      message: expect.stringContaining('is not a public internet address'),
    });
    expect(fence.connectAttempts).toEqual([]);
  });

  it('names the host and the address it resolved to when refusing', async () => {
    // Prepare
    const client = createNodeHttpClient({ resolve });

    // Act
    const fetching = client.get({ url: 'https://half-private.example/feed', ...LIMITS });

    // Assess
    await expect(fetching).rejects.toThrow(
      'refused to fetch https://half-private.example/feed: private address (half-private.example resolves to ' +
        '192.168.0.10) is not a public internet address',
    );
  });

  it.each([
    'file:///etc/passwd',
    'ftp://example.com/feed.xml',
    'javascript:alert(1)',
    'data:text/plain,hi',
    'not a url',
  ])('refuses %s as an invalid URL', async (url) => {
    // Prepare
    const client = createNodeHttpClient({ resolve });

    // Act
    const fetching = client.get({ url, ...LIMITS });

    // Assess
    await expect(fetching).rejects.toMatchObject({ code: 'invalid-url' });
    expect(fence.connectAttempts).toEqual([]);
  });

  it('lets an explicitly allowed host through, connecting to the address it checked', async () => {
    // Prepare
    const client = createNodeHttpClient({ resolve, allowPrivateHosts: ['feed.example'] });

    // Act
    const response = await client.get({ url: `http://feed.example:${spy.port}/rss`, ...LIMITS });

    // Assess
    expect(Buffer.from(response.body).toString()).toBe('internal secret');
    expect(spy.hostHeaders).toEqual([`feed.example:${spy.port}`]);
  });

  it('holds a host:port exception to that port only', async () => {
    // Prepare
    const client = createNodeHttpClient({ resolve, allowPrivateHosts: [`feed.example:${spy.port + 1}`] });

    // Act
    const fetching = client.get({ url: `http://feed.example:${spy.port}/rss`, ...LIMITS });
    const allowed = createNodeHttpClient({ resolve, allowPrivateHosts: [`feed.example:${spy.port}`] }).get({
      url: `http://feed.example:${spy.port}/rss`,
      ...LIMITS,
    });

    // Assess
    await expect(fetching).rejects.toMatchObject({ code: 'blocked-address' });
    expect((await allowed).status).toBe(200);
  });

  it('matches an allowed IP against the normalised URL host', async () => {
    // Prepare
    const client = createNodeHttpClient({ resolve, allowPrivateHosts: ['127.0.0.1'] });

    // Act
    const response = await client.get({ url: `http://127.1:${spy.port}/`, ...LIMITS });

    // Assess
    expect(response.status).toBe(200);
  });

  it('does not extend an allowed IP to a name that resolves to it', async () => {
    // Prepare
    const client = createNodeHttpClient({ resolve, allowPrivateHosts: ['127.0.0.1'] });

    // Act
    const fetching = client.get({ url: `http://localhost:${spy.port}/`, ...LIMITS });

    // Assess
    await expect(fetching).rejects.toMatchObject({ code: 'blocked-address' });
    expect(spy.connections()).toBe(0);
  });

  it('reports a host that does not resolve as a DNS failure', async () => {
    // Prepare
    const client = createNodeHttpClient({ resolve });

    // Act
    const fetching = client.get({ url: 'https://no-such-host.example/feed', ...LIMITS });

    // Assess
    await expect(fetching).rejects.toMatchObject({
      code: 'dns',
      message: expect.stringContaining(
        'could not resolve no-such-host.example (for https://no-such-host.example/feed)',
      ),
    });
  });
});
