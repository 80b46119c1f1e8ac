/** Byte and time limits: endless, over-declared and slow-drip bodies end in an error, never in memory. */

import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNodeHttpClient } from '../../adapters/http/node-http-client.ts';
import type { HttpClient } from '../../shared/ports/http-client.ts';
import { fenceTrafficToLoopback } from './loopback-fence.ts';
import { type LoopbackServer, startLoopbackServer } from './loopback-server.ts';

const TWO_GIB = 2 * 1024 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'a');

/** Produces a 2 GiB body only as fast as the client reads it, so nothing large is ever in memory. */
function lazyTwoGibBody(): Readable {
  let sent = 0;
  return new Readable({
    read() {
      sent += CHUNK.length;
      this.push(sent > TWO_GIB ? null : CHUNK);
    },
  });
}

describe('NodeHttpClient size and time limits', () => {
  let server: LoopbackServer;
  let client: HttpClient;
  let endlessResponseClosed: Promise<boolean>;
  const dripTimers = new Set<NodeJS.Timeout>();

  beforeEach(async () => {
    fenceTrafficToLoopback();
    let reportClosed: (finished: boolean) => void = () => {};
    endlessResponseClosed = new Promise((resolve) => {
      reportClosed = resolve;
    });
    server = await startLoopbackServer((request, response) => {
      if (request.url === '/endless') {
        response.once('close', () => reportClosed(response.writableFinished));
        lazyTwoGibBody().pipe(response);
      } else if (request.url === '/declared-too-large') {
        response.writeHead(200, { 'content-length': String(TWO_GIB) });
        response.write(CHUNK);
      } else if (request.url === '/slow-drip') {
        dripOneByteAtATime(response);
      } else {
        response.end('small');
      }
    });
    client = createNodeHttpClient({ allowPrivateHosts: ['127.0.0.1'] });
  });

  afterEach(async () => {
    for (const timer of dripTimers) clearInterval(timer);
    await server.close();
    vi.restoreAllMocks();
  });

  function dripOneByteAtATime(response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'text/html' });
    const timer = setInterval(() => response.write('.'), 20);
    dripTimers.add(timer);
    response.once('close', () => clearInterval(timer));
  }

  it('stops reading an endless body at the limit and closes the connection', async () => {
    // Act
    const fetching = client.get({
      url: `${server.origin}/endless`,
      maxBytes: 1024 * 1024,
      timeoutMs: 10_000,
    });

    // Assess
    await expect(fetching).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringContaining(`${server.origin}/endless sent more than the 1048576-byte limit`),
    });
    await expect(endlessResponseClosed).resolves.toBe(false);
  });

  it('refuses a declared Content-Length over the limit before reading the body', async () => {
    // Act
    const fetching = client.get({
      url: `${server.origin}/declared-too-large`,
      maxBytes: 1024,
      timeoutMs: 5000,
    });

    // Assess
    await expect(fetching).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringContaining(`declares a ${TWO_GIB}-byte body`),
    });
  });

  it('gives up on a slow-drip body when the total deadline passes', async () => {
    // Act
    const fetching = client.get({ url: `${server.origin}/slow-drip`, maxBytes: 1024 * 1024, timeoutMs: 300 });

    // Assess
    await expect(fetching).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringContaining(`${server.origin}/slow-drip did not complete within 300 ms`),
    });
  });

  it('accepts a body exactly at the limit', async () => {
    // Act
    const response = await client.get({ url: `${server.origin}/small`, maxBytes: 5, timeoutMs: 5000 });

    // Assess
    expect(Buffer.from(response.body).toString()).toBe('small');
  });
});
