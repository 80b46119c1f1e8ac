/** Content-Encoding handling: every offered coding decodes, and bad or hostile bodies are refused. */

import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNodeHttpClient } from '../../adapters/http/node-http-client.ts';
import type { HttpClient } from '../../shared/ports/http-client.ts';
import { fenceTrafficToLoopback } from './loopback-fence.ts';
import { type LoopbackServer, startLoopbackServer } from './loopback-server.ts';

const ARTICLE = '<html><body><p>Flood warning issued for the lower valley.</p></body></html>';
const LIMITS = { maxBytes: 64 * 1024, timeoutMs: 5000 };
/** 64 MiB of zeros squeezed into about 64 KiB. */
const GZIP_BOMB = gzipSync(Buffer.alloc(64 * 1024 * 1024));

describe('NodeHttpClient body decoding', () => {
  let server: LoopbackServer;
  let client: HttpClient;
  const encoded: Record<string, Buffer> = {
    gzip: gzipSync(ARTICLE),
    deflate: deflateSync(ARTICLE),
    br: brotliCompressSync(ARTICLE),
  };

  beforeEach(async () => {
    fenceTrafficToLoopback();
    server = await startLoopbackServer((request, response) => {
      const coding = request.url?.slice(1) ?? '';
      if (coding === 'raw-deflate') {
        response.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateRawSync(ARTICLE));
      } else if (coding === 'corrupt-gzip') {
        response.writeHead(200, { 'content-encoding': 'gzip' }).end(Buffer.from('this is not gzip at all'));
      } else if (coding === 'compress') {
        response.writeHead(200, { 'content-encoding': 'compress' }).end('whatever');
      } else if (coding === 'empty-gzip') {
        response.writeHead(204, { 'content-encoding': 'gzip' }).end();
      } else if (coding === 'bomb') {
        response.writeHead(200, { 'content-encoding': 'gzip' }).end(GZIP_BOMB);
      } else {
        const body = encoded[coding];
        response.writeHead(200, body ? { 'content-encoding': coding } : {}).end(body ?? ARTICLE);
      }
    });
    client = createNodeHttpClient({ allowPrivateHosts: ['127.0.0.1'] });
  });

  afterEach(async () => {
    await server.close();
    vi.restoreAllMocks();
  });

  it.each(['gzip', 'deflate', 'raw-deflate', 'br', 'identity'])('decodes a %s body', async (coding) => {
    // Prepare
    const url = `${server.origin}/${coding}`;

    // Act
    const response = await client.get({ url, ...LIMITS });

    // Assess
    expect(response.status).toBe(200);
    expect(Buffer.from(response.body).toString('utf8')).toBe(ARTICLE);
  });

  it('offers exactly the codings it can decode', async () => {
    // Prepare
    const seen: string[] = [];
    const echo = await startLoopbackServer((request, response) => {
      seen.push(request.headers['accept-encoding'] ?? '');
      response.end();
    });

    // Act
    await client.get({ url: echo.origin, headers: { 'Accept-Encoding': 'identity' }, ...LIMITS });
    await echo.close();

    // Assess
    expect(seen).toEqual(['gzip, deflate, br']);
  });

  it('returns an empty body when a coded response has no content', async () => {
    // Act
    const response = await client.get({ url: `${server.origin}/empty-gzip`, ...LIMITS });

    // Assess
    expect(response.status).toBe(204);
    expect(response.body).toHaveLength(0);
  });

  it('reports a body that does not decode as bad-encoding', async () => {
    // Act
    const fetching = client.get({ url: `${server.origin}/corrupt-gzip`, ...LIMITS });

    // Assess
    await expect(fetching).rejects.toMatchObject({
      code: 'bad-encoding',
      message: expect.stringContaining('gzip'),
    });
  });

  it('reports a coding it never offered as bad-encoding', async () => {
    // Act
    const fetching = client.get({ url: `${server.origin}/compress`, ...LIMITS });

    // Assess
    await expect(fetching).rejects.toMatchObject({
      code: 'bad-encoding',
      message: expect.stringContaining('"compress"'),
    });
  });

  it('stops a gzip bomb as soon as the decoded bytes pass the limit', async () => {
    // Prepare
    const maxBytes = 1024 * 1024;
    expect(GZIP_BOMB.length).toBeLessThan(maxBytes);

    // Act
    const fetching = client.get({ url: `${server.origin}/bomb`, maxBytes, timeoutMs: 5000 });

    // Assess
    await expect(fetching).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringContaining('decoded to more than the 1048576-byte limit'),
    });
  });
});
