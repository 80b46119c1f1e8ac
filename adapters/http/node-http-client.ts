/**
 * The HttpClient port on node:http and node:https, built to fetch arbitrary feed and article URLs from
 * inside a cloud network: every hop passes the SSRF guard and connects only to the address it checked,
 * redirects are bounded, bodies are decoded under a byte limit, the whole exchange under a deadline,
 * and requests to one host are rationed by a small per-host scheduler.
 */

import http from 'node:http';
import https from 'node:https';
import packageJson from '../../package.json' with { type: 'json' };
import { checkFetchTarget, type FetchTarget, normaliseHostName } from '../../shared/net/fetch-target.ts';
import {
  FetchError,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
} from '../../shared/ports/http-client.ts';
import {
  type CheckTarget,
  createAddressGuard,
  type ResolveHost,
  resolveWithSystemDns,
} from './address-guard.ts';
import { HostScheduler } from './host-scheduler.ts';
import { exchangeOnce, type Hop } from './single-exchange.ts';

export interface NodeHttpClientOptions {
  /** Sent as User-Agent; the default names wirewatch and where to learn about it. */
  userAgent?: string;
  /**
   * Hosts (names or IPs, matched against the URL host) allowed to be non-public, e.g. a local sample
   * server; `host:port` allows that port only.
   */
  allowPrivateHosts?: readonly string[];
  maxRedirects?: number;
  connectTimeoutMs?: number;
  perHostConcurrency?: number;
  /** Minimum gap between request starts to the same host. */
  politenessDelayMs?: number;
  /** DNS resolution, injectable for tests; defaults to the system resolver, all addresses. */
  resolve?: (hostname: string) => Promise<{ address: string; family: 4 | 6 }[]>;
  /**
   * `host:port=address:port` overrides, as curl's --connect-to: requests for that host and port go to
   * that address and port, Host header unchanged. The local run uses it to reach its sample site under
   * a stable name; the address still passes the guard (so the host must be in allowPrivateHosts).
   */
  connectTo?: readonly string[];
}

export const DEFAULT_USER_AGENT = `wirewatch/${packageJson.version} (+https://github.com/wirewatch; news monitoring bot)`;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const PERMANENT_REDIRECT_STATUSES = new Set([301, 308]);
/** Credentials the caller meant for one origin must not follow a redirect to another. */
const ORIGIN_BOUND_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

interface ClientSettings {
  readonly userAgent: string;
  readonly maxRedirects: number;
  readonly connectTimeoutMs: number;
  readonly checkTarget: CheckTarget;
  readonly connectTo: ReadonlyMap<string, ConnectTarget>;
  readonly scheduler: HostScheduler;
  readonly agents: { readonly 'http:': http.Agent; readonly 'https:': https.Agent };
}

interface ConnectTarget {
  readonly address: string;
  readonly port: number;
}

function parseConnectTo(entries: readonly string[]): Map<string, ConnectTarget> {
  return new Map(
    entries.map((entry) => {
      const match = /^([^:=\s]+):(\d+)=([^=\s]+):(\d+)$/.exec(entry.trim());
      if (match === null) throw new TypeError(`connectTo entry "${entry}" is not host:port=address:port`);
      const [, host, port, address, connectPort] = match as unknown as [
        string,
        string,
        string,
        string,
        string,
      ];
      return [`${normaliseHostName(host)}:${port}`, { address, port: Number(connectPort) }];
    }),
  );
}

const defaultPort = (url: URL) => url.port || (url.protocol === 'https:' ? '443' : '80');

export function createNodeHttpClient(options: NodeHttpClientOptions = {}): HttpClient {
  const connectTo = parseConnectTo(options.connectTo ?? []);
  const resolve: ResolveHost = options.resolve ?? resolveWithSystemDns;
  const settings: ClientSettings = {
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    maxRedirects: options.maxRedirects ?? 5,
    connectTimeoutMs: options.connectTimeoutMs ?? 5000,
    checkTarget: createAddressGuard(
      // An overridden host "resolves" to its override address, which the guard then checks as usual.
      connectTo.size === 0
        ? resolve
        : async (hostname) => {
            const override = [...connectTo].find(([key]) => key.startsWith(`${hostname}:`))?.[1];
            return override === undefined
              ? resolve(hostname)
              : [{ address: override.address, family: override.address.includes(':') ? 6 : 4 }];
          },
      options.allowPrivateHosts ?? [],
    ),
    connectTo,
    scheduler: new HostScheduler({
      maxConcurrent: options.perHostConcurrency ?? 2,
      minGapMs: options.politenessDelayMs ?? 0,
    }),
    // Kept for the client's lifetime so warm Lambda invocations reuse connections.
    agents: { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) },
  };
  return { get: (request) => getWithDeadline(settings, request) };
}

async function getWithDeadline(settings: ClientSettings, request: HttpRequest): Promise<HttpResponse> {
  const deadline = new AbortController();
  const timer = setTimeout(() => {
    const message = `${request.url} did not complete within ${request.timeoutMs} ms (redirects and body included)`;
    deadline.abort(new FetchError('timeout', message));
  }, request.timeoutMs);
  try {
    return await followRedirects(settings, request, deadline.signal);
  } catch (error) {
    // Whatever broke as the deadline struck (a destroyed socket, an aborted read) is the deadline's doing.
    throw deadline.signal.aborted ? deadline.signal.reason : error;
  } finally {
    clearTimeout(timer);
  }
}

async function followRedirects(
  settings: ClientSettings,
  request: HttpRequest,
  signal: AbortSignal,
): Promise<HttpResponse> {
  let target = parseTarget(request.url);
  let headers = requestHeaders(settings, request);
  const visited = new Set([target.url.href]);
  let everyHopPermanent = true;
  for (let redirects = 0; ; redirects++) {
    const hop = await fetchHop(settings, target, headers, request, signal);
    if (hop.kind === 'response') {
      const permanentUrl = redirects > 0 && everyHopPermanent ? target.url.href : null;
      return { status: hop.status, url: target.url.href, headers: hop.headers, body: hop.body, permanentUrl };
    }
    const next = parseTarget(hop.location, target.url.href);
    if (visited.has(next.url.href)) {
      throw new FetchError(
        'too-many-redirects',
        `redirect loop: ${target.url.href} leads back to ${next.url.href}`,
      );
    }
    if (redirects + 1 > settings.maxRedirects) {
      throw new FetchError(
        'too-many-redirects',
        `${request.url} redirected more than ${settings.maxRedirects} times (last to ${next.url.href})`,
      );
    }
    everyHopPermanent &&= PERMANENT_REDIRECT_STATUSES.has(hop.status);
    if (next.url.origin !== target.url.origin) headers = withoutOriginBoundHeaders(headers);
    visited.add(next.url.href);
    target = next;
  }
}

async function fetchHop(
  settings: ClientSettings,
  target: FetchTarget,
  headers: Readonly<Record<string, string>>,
  request: HttpRequest,
  signal: AbortSignal,
): Promise<Hop> {
  // The guard comes first: a refused host never waits for, nor takes, a slot.
  const addresses = await settings.checkTarget(target, signal);
  const release = await settings.scheduler.acquire(target.hostname, signal);
  try {
    return await exchangeOnce({
      target,
      addresses,
      port: settings.connectTo.get(`${target.hostname}:${defaultPort(target.url)}`)?.port,
      headers,
      agent: settings.agents[target.url.protocol === 'https:' ? 'https:' : 'http:'],
      maxBytes: request.maxBytes,
      connectTimeoutMs: settings.connectTimeoutMs,
      redirectStatuses: REDIRECT_STATUSES,
      signal,
    });
  } finally {
    release();
  }
}

function parseTarget(raw: string, base?: string): FetchTarget {
  const check = checkFetchTarget(raw, base);
  if (!check.ok) {
    const where = base === undefined ? '' : ` (redirect from ${base})`;
    throw new FetchError('invalid-url', `cannot fetch: ${check.reason}${where}`);
  }
  return check.target;
}

function requestHeaders(settings: ClientSettings, request: HttpRequest): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': settings.userAgent, accept: '*/*' };
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  // Only the codings the body reader can decode may be offered.
  headers['accept-encoding'] = 'gzip, deflate, br';
  return headers;
}

function withoutOriginBoundHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !ORIGIN_BOUND_HEADERS.includes(name)));
}
