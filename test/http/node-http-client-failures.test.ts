/** Network failures map to FetchError codes whose messages name the URL. */

import net, { createServer, type Server } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNodeHttpClient } from '../../adapters/http/node-http-client.ts';
import { fenceTrafficToLoopback } from './loopback-fence.ts';

const LIMITS = { maxBytes: 4096, timeoutMs: 5000 };

/** A raw TCP server on loopback that answers every connection with `reply` and hangs up. */
async function startRawServer(reply: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((socket) => socket.end(reply));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { server, origin: `http://127.0.0.1:${port}` };
}

describe('NodeHttpClient failures', () => {
  const client = createNodeHttpClient({ allowPrivateHosts: ['127.0.0.1'] });

  beforeEach(() => {
    fenceTrafficToLoopback();
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('reports a refused connection as connect', async () => {
    // Prepare
    const { server, origin } = await startRawServer('');
    await new Promise((resolve) => server.close(resolve));

    // Act
    const fetching = client.get({ url: `${origin}/feed`, ...LIMITS });

    // Assess
    await expect(fetching).rejects.toMatchObject({
      code: 'connect',
      message: `${origin}/feed refused the connection`,
    });
  });

  it('reports a malformed response as protocol', async () => {
    // Prepare
    const { server, origin } = await startRawServer('SMTP ready\r\n\r\n');

    // Act
    const fetching = client.get({ url: `${origin}/feed`, ...LIMITS });

    // Assess
    await expect(fetching).rejects.toMatchObject({
      code: 'protocol',
      message: expect.stringContaining(`${origin}/feed sent a malformed HTTP response`),
    });
    server.close();
  });

  it('reports a body cut short by the server as connect', async () => {
    // Prepare
    const { server, origin } = await startRawServer(
      'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part',
    );

    // Act
    const fetching = client.get({ url: `${origin}/feed`, ...LIMITS });

    // Assess
    await expect(fetching).rejects.toMatchObject({ code: 'connect' });
    server.close();
  });

  it('gives up on a connection that never completes after the connect timeout', async () => {
    // Prepare
    const hangingConnect = function (this: net.Socket) {
      // The socket stays in its connecting state forever, as if every SYN were dropped.
      Object.assign(this, { connecting: true });
      return this;
    };
    vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(hangingConnect);
    const impatient = createNodeHttpClient({ allowPrivateHosts: ['127.0.0.1'], connectTimeoutMs: 50 });

    // Act
    const fetching = impatient.get({ url: 'http://127.0.0.1:9/feed', maxBytes: 4096, timeoutMs: 10_000 });

    // Assess
    await expect(fetching).rejects.toMatchObject({
      code: 'timeout',
      message: 'could not connect to http://127.0.0.1:9/feed within 50 ms',
    });
  });
});
