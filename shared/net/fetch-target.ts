/**
 * URL-level checks that come before any network work: the URL parses, uses http or https and names a
 * host. The host is taken as the WHATWG parser leaves it, so decimal, octal, hex and short IPv4
 * spellings (2130706433, 0177.0.0.1, 0x7f.1, 127.1) arrive already rewritten as dotted quads.
 */

import { parseIpAddress } from './ip-address.ts';

export interface FetchTarget {
  readonly url: URL;
  /** Host without IPv6 brackets, lower case, as it goes into the Host header and TLS SNI. */
  readonly hostname: string;
  /** True when the host is an IP literal, which needs no resolving and must not be sent as SNI. */
  readonly isIpLiteral: boolean;
}

export type FetchTargetCheck =
  | { readonly ok: true; readonly target: FetchTarget }
  | { readonly ok: false; readonly reason: string };

const FETCHABLE_PROTOCOLS = new Set(['http:', 'https:']);

/** Checks `raw`, resolved against `base` when given (a redirect's Location). */
export function checkFetchTarget(raw: string, base?: string): FetchTargetCheck {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return { ok: false, reason: `"${raw}" is not a valid URL` };
  }
  if (!FETCHABLE_PROTOCOLS.has(url.protocol)) {
    return { ok: false, reason: `scheme "${url.protocol}" of ${url.href} is not http or https` };
  }
  const hostname = bareHostname(url.hostname);
  if (hostname === '') return { ok: false, reason: `${url.href} names no host` };
  return { ok: true, target: { url, hostname, isIpLiteral: parseIpAddress(hostname) !== null } };
}

/**
 * Normalises a host name or IP written in configuration the way URL hosts are normalised, so that an
 * exception for '127.0.0.1' or '::1' matches the host of 'http://127.1/' or 'http://[0::1]/'.
 */
export function normaliseHostName(host: string): string {
  const written = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  try {
    return bareHostname(new URL(`http://${written}/`).hostname);
  } catch {
    return host.toLowerCase();
  }
}

function bareHostname(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}
