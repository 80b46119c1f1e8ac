/**
 * The SSRF guard for one hop: resolves the target's host, refuses it unless every address it resolves
 * to is public (or the host, or the host on one port, is an explicit exception), and gives back the
 * checked addresses so the connection goes to exactly those and a second, different DNS answer never
 * gets a say.
 */

import { lookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { classifyAddress } from '../../shared/net/address-policy.ts';
import { type FetchTarget, normaliseHostName } from '../../shared/net/fetch-target.ts';
import { FetchError } from '../../shared/ports/http-client.ts';

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

export type CheckTarget = (target: FetchTarget, signal: AbortSignal) => Promise<ResolvedAddress[]>;

export const resolveWithSystemDns: ResolveHost = async (hostname) => {
  const answers = await lookup(hostname, { all: true, verbatim: true });
  return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

/** An allowed non-public host: any port of it, or only the one given as `host:port` (`[v6]:port`). */
interface HostException {
  readonly hostname: string;
  readonly port: string | null;
}

function parseHostException(entry: string): HostException {
  // A bare IPv6 address has several colons and no port; `name:port` and `[v6]:port` have one.
  const withPort = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(entry.trim());
  if (withPort === null) return { hostname: normaliseHostName(entry.trim()), port: null };
  return { hostname: normaliseHostName(withPort[1] as string), port: String(Number(withPort[2])) };
}

const portOf = (url: URL) => url.port || (url.protocol === 'https:' ? '443' : '80');

export function createAddressGuard(resolve: ResolveHost, allowPrivateHosts: readonly string[]): CheckTarget {
  const exceptions = allowPrivateHosts.map(parseHostException);
  const isException = ({ hostname, url }: FetchTarget) =>
    exceptions.some(
      (allowed) => allowed.hostname === hostname && (allowed.port === null || allowed.port === portOf(url)),
    );
  return async (target, signal) => {
    const addresses = target.isIpLiteral
      ? [{ address: target.hostname, family: target.hostname.includes(':') ? 6 : 4 } as const]
      : await resolveBeforeDeadline(resolve, target, signal);
    if (isException(target)) return addresses;
    for (const { address } of addresses) {
      const kind = classifyAddress(address);
      if (kind !== 'public') {
        const via = target.isIpLiteral ? '' : ` (${target.hostname} resolves to ${address})`;
        throw new FetchError(
          'blocked-address',
          `refused to fetch ${target.url.href}: ${kind} address${via} is not a public internet address`,
        );
      }
    }
    return addresses;
  };
}

/** A lookup for http.request that answers with the already checked addresses, whatever it is asked. */
export function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const [first] = addresses;
    if (first === undefined) return callback(new Error('no checked address to connect to'), '', 4);
    // With autoSelectFamily (the Node 20 default) net asks for every address at once.
    if (options.all === true)
      return callback(
        null,
        addresses.map(({ address, family }) => ({ address, family })),
      );
    callback(null, first.address, first.family);
  };
}

async function resolveBeforeDeadline(
  resolve: ResolveHost,
  target: FetchTarget,
  signal: AbortSignal,
): Promise<ResolvedAddress[]> {
  signal.throwIfAborted();
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const addresses = await Promise.race([resolve(target.hostname), aborted]);
    if (addresses.length === 0) {
      throw new FetchError('dns', `${target.hostname} (for ${target.url.href}) resolves to no address`);
    }
    return addresses;
  } catch (error) {
    if (signal.aborted || error instanceof FetchError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new FetchError('dns', `could not resolve ${target.hostname} (for ${target.url.href}): ${detail}`, {
      cause: error,
    });
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
