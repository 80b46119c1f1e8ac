/** The per-host cap as a real server sees it: never more requests in flight than configured. */

import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNodeHttpClient } from '../../adapters/http/node-http-client.ts';
import { fenceTrafficToLoopback } from './loopback-fence.ts';
import { type LoopbackServer, startLoopbackServer } from './loopback-server.ts';

describe('NodeHttpClient per-host concurrency', () => {
  let server: LoopbackServer;
  let cap: number;

  beforeEach(async () => {
    fenceTrafficToLoopback();
    // Holds requests until `cap` are waiting, then a little longer so any request over the cap would
    // arrive and be counted, then answers them all.
    const held: ServerResponse[] = [];
    server = await startLoopbackServer((request, response) => {
      held.push(response);
      if (held.length < cap) return;
      setTimeout(() => {
        for (const waiting of held.splice(0)) waiting.end(request.url);
      }, 50);
    });
  });

  afterEach(async () => {
    await server.close();
    vi.restoreAllMocks();
  });

  it.each([1, 2])('keeps at most %i requests in flight to one host', async (perHostConcurrency) => {
    // Prepare
    cap = perHostConcurrency;
    const client = createNodeHttpClient({ allowPrivateHosts: ['127.0.0.1'], perHostConcurrency });
    const urls = [1, 2, 3, 4, 5, 6].map((n) => `${server.origin}/article-${n}`);

    // Act
    const responses = await Promise.all(
      urls.map((url) => client.get({ url, maxBytes: 1024, timeoutMs: 10_000 })),
    );

    // Assess
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(server.maxInFlight()).toBe(perHostConcurrency);
  });
});
