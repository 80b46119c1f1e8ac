/**
 * One HTTP GET to one URL, without following redirects: connects only to the addresses the guard
 * checked (Host header and TLS server name stay the URL's host), bounds the connect phase, and either
 * reads the body under the byte limit or reports where a redirect points.
 */

import http, { type ClientRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { FetchTarget } from '../../shared/net/fetch-target.ts';
import { FetchError } from '../../shared/ports/http-client.ts';
import { pinnedLookup, type ResolvedAddress } from './address-guard.ts';
import { readBody } from './body-reader.ts';
import { toFetchError } from './fetch-error-mapping.ts';

export type Hop =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: Uint8Array;
    }
  | { readonly kind: 'redirect'; readonly status: number; readonly location: string };

export interface ExchangeOptions {
  readonly target: FetchTarget;
  readonly addresses: readonly ResolvedAddress[];
  /** The port to connect to when it differs from the URL's (a connect-to override). */
  readonly port?: number | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly agent: http.Agent;
  readonly maxBytes: number;
  readonly connectTimeoutMs: number;
  readonly redirectStatuses: ReadonlySet<number>;
  readonly signal: AbortSignal;
}

/** A redirect's own body is drained for connection reuse only when it is declared this small. */
const DRAINABLE_REDIRECT_BYTES = 64 * 1024;

export function exchangeOnce(options: ExchangeOptions): Promise<Hop> {
  const { target } = options;
  const url = target.url.href;
  const transport = target.url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request({
      protocol: target.url.protocol,
      hostname: target.hostname,
      port: options.port ?? (target.url.port === '' ? undefined : Number(target.url.port)),
      path: `${target.url.pathname}${target.url.search}`,
      method: 'GET',
      // An overridden port must not leak into the Host header: the site is addressed by its name.
      headers: options.port === undefined ? options.headers : { host: target.url.host, ...options.headers },
      agent: options.agent,
      lookup: pinnedLookup(options.addresses),
      // SNI carries host names only; an IP literal is verified against the certificate without it.
      ...(target.isIpLiteral ? {} : { servername: target.hostname }),
      signal: options.signal,
    });
    const fail = (error: unknown) => {
      request.destroy();
      reject(toFetchError(error, url));
    };
    // `on`, not `once`: a second error after the first settled must not go unhandled.
    request.on('error', fail);
    request.once('socket', (socket) => limitConnectTime(socket, request, options.connectTimeoutMs, url));
    request.once('response', (response) => {
      handleResponse(request, response, options).then(resolve, fail);
    });
    request.end();
  });
}

async function handleResponse(
  request: ClientRequest,
  response: IncomingMessage,
  options: ExchangeOptions,
): Promise<Hop> {
  const url = options.target.url.href;
  // The reader sees errors too; this only keeps a late one on a discarded body from going unhandled.
  response.on('error', () => {});
  const status = response.statusCode ?? 0;
  const location = response.headers.location;
  if (options.redirectStatuses.has(status) && location !== undefined) {
    discardBody(request, response);
    return { kind: 'redirect', status, location };
  }
  const headers = flattenHeaders(response.headers);
  if (status === 304) {
    discardBody(request, response);
    return { kind: 'response', status, headers, body: new Uint8Array(0) };
  }
  const declaredLength = Number(headers['content-length']);
  if (declaredLength > options.maxBytes) {
    throw new FetchError(
      'too-large',
      `${url} declares a ${declaredLength}-byte body, over the ${options.maxBytes}-byte limit; not reading it`,
    );
  }
  const body = await readBody(response, url, options.maxBytes);
  return { kind: 'response', status, headers, body };
}

/** Drains a small declared body so the keep-alive connection can be reused; anything else is cut off. */
function discardBody(request: ClientRequest, response: IncomingMessage): void {
  const declaredLength = Number(response.headers['content-length']);
  if (declaredLength <= DRAINABLE_REDIRECT_BYTES) response.resume();
  else request.destroy();
}

function limitConnectTime(socket: Socket, request: ClientRequest, timeoutMs: number, url: string): void {
  // A reused keep-alive socket is already connected.
  if (!socket.connecting) return;
  const timer = setTimeout(() => {
    request.destroy(new FetchError('timeout', `could not connect to ${url} within ${timeoutMs} ms`));
  }, timeoutMs);
  const stop = () => clearTimeout(timer);
  socket.once('connect', stop);
  request.once('close', stop);
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
