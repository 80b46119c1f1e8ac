/**
 * Reads a response body under a byte limit, decoding gzip, deflate (zlib-wrapped or raw) and brotli.
 * The limit is enforced while streaming, on the bytes from the wire and again on the decoded bytes,
 * so neither an endless body nor a small compressed bomb is ever held in memory past the limit.
 */

import type { IncomingMessage } from 'node:http';
import { pipeline, Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { FetchError } from '../../shared/ports/http-client.ts';
import { toFetchError } from './fetch-error-mapping.ts';

type ContentCoding = 'identity' | 'gzip' | 'deflate' | 'br';

const CODINGS: Readonly<Record<string, ContentCoding>> = {
  '': 'identity',
  identity: 'identity',
  gzip: 'gzip',
  'x-gzip': 'gzip',
  deflate: 'deflate',
  br: 'br',
};

export async function readBody(
  response: IncomingMessage,
  url: string,
  maxBytes: number,
): Promise<Uint8Array> {
  const coding = contentCodingOf(response, url);
  const wire = limitedWireChunks(response, url, maxBytes)[Symbol.asyncIterator]();
  const first = await wire.next();
  if (first.done === true) return new Uint8Array(0);
  const chunks = restoreFirst(first.value, wire);
  if (coding === 'identity') return collect(chunks, url, maxBytes);
  // Errors surface through iterating the decoded stream; the callback only keeps pipeline from throwing.
  const decoded = pipeline(Readable.from(chunks), decoderFor(coding, first.value), () => {});
  try {
    return await collect(decoded, url, maxBytes);
  } catch (error) {
    if (error instanceof FetchError) throw error;
    // Wire errors arrive as FetchError from the source, so anything else comes from the decoder.
    const message = `could not decode the ${coding} body of ${url}: ${describe(error)}`;
    throw new FetchError('bad-encoding', message, { cause: error });
  }
}

function contentCodingOf(response: IncomingMessage, url: string): ContentCoding {
  const declared = (response.headers['content-encoding'] ?? '').trim().toLowerCase();
  const coding = CODINGS[declared];
  if (coding === undefined) {
    throw new FetchError('bad-encoding', `${url} answered with unsupported Content-Encoding "${declared}"`);
  }
  return coding;
}

async function* limitedWireChunks(response: IncomingMessage, url: string, maxBytes: number) {
  let received = 0;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (received > maxBytes) throw tooLarge(url, maxBytes, 'sent');
      yield chunk;
    }
  } catch (error) {
    throw toFetchError(error, url);
  }
}

async function* restoreFirst(first: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  try {
    yield first;
    for (let next = await rest.next(); next.done !== true; next = await rest.next()) yield next.value;
  } finally {
    // Stopping early (limit reached, decoder failed) must also stop reading the response.
    await rest.return?.();
  }
}

async function collect(chunks: AsyncIterable<Buffer>, url: string, maxBytes: number): Promise<Uint8Array> {
  const kept: Buffer[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.length;
    if (total > maxBytes) throw tooLarge(url, maxBytes, 'decoded to');
    kept.push(chunk);
  }
  return Buffer.concat(kept, total);
}

function decoderFor(coding: Exclude<ContentCoding, 'identity'>, firstChunk: Buffer): Transform {
  if (coding === 'gzip') return createGunzip();
  if (coding === 'br') return createBrotliDecompress();
  // 'deflate' is meant to be zlib-wrapped, but many servers send raw deflate: tell them apart by the header.
  return hasZlibHeader(firstChunk) ? createInflate() : createInflateRaw();
}

/** RFC 1950: compression method 8 in the low nibble, and the first two bytes a multiple of 31. */
function hasZlibHeader(bytes: Buffer): boolean {
  const cmf = bytes[0];
  const flg = bytes[1];
  return cmf !== undefined && flg !== undefined && (cmf & 0x0f) === 8 && ((cmf << 8) | flg) % 31 === 0;
}

function tooLarge(url: string, maxBytes: number, what: string): FetchError {
  return new FetchError('too-large', `${url} ${what} more than the ${maxBytes}-byte limit; stopped reading`);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
