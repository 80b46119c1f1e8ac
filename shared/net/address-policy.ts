/**
 * Which IP addresses wirewatch may connect to. Only globally routable unicast addresses are public;
 * everything an attacker could use to reach the Lambda's own network (loopback, private and CGNAT
 * ranges, link-local with the cloud metadata service, multicast, reserved and documentation blocks)
 * is refused, including when an IPv4 address hides inside an IPv6 one (mapped, NAT64, 6to4).
 */

import { type IpAddress, parseIpAddress } from './ip-address.ts';

export type AddressClass =
  | 'public'
  | 'this-network'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link-local'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'benchmarking'
  | 'reserved'
  | 'unspecified'
  | 'unique-local'
  | 'not-an-address';

interface Range {
  readonly prefix: Uint8Array;
  readonly length: number;
  readonly kind: AddressClass;
}

function range(cidr: string, kind: AddressClass): Range {
  const [text = '', length = ''] = cidr.split('/');
  const address = parseIpAddress(text);
  if (address === null) throw new Error(`bad range ${cidr}`);
  return { prefix: address.bytes, length: Number(length), kind };
}

/** RFC 6890 special-purpose IPv4 blocks; the most specific comes first. */
const IPV4_RANGES: readonly Range[] = [
  range('255.255.255.255/32', 'broadcast'),
  range('0.0.0.0/8', 'this-network'),
  range('10.0.0.0/8', 'private'),
  range('100.64.0.0/10', 'shared'),
  range('127.0.0.0/8', 'loopback'),
  range('169.254.0.0/16', 'link-local'),
  range('172.16.0.0/12', 'private'),
  range('192.0.0.0/24', 'reserved'),
  range('192.0.2.0/24', 'documentation'),
  range('192.88.99.0/24', 'reserved'),
  range('192.168.0.0/16', 'private'),
  range('198.18.0.0/15', 'benchmarking'),
  range('198.51.100.0/24', 'documentation'),
  range('203.0.113.0/24', 'documentation'),
  range('224.0.0.0/4', 'multicast'),
  range('240.0.0.0/4', 'reserved'),
];

/**
 * Special IPv6 blocks; beyond them only global unicast (2000::/3) is public, so the deprecated
 * IPv4-compatible ::a.b.c.d and every unallocated block are refused as reserved.
 */
const IPV6_RANGES: readonly Range[] = [
  range('::/128', 'unspecified'),
  range('::1/128', 'loopback'),
  range('64:ff9b:1::/48', 'reserved'),
  range('100::/64', 'reserved'),
  range('2001:db8::/32', 'documentation'),
  range('3fff::/20', 'documentation'),
  // IETF protocol assignments, Teredo included: Teredo hides an obfuscated IPv4 address.
  range('2001::/23', 'reserved'),
  range('fc00::/7', 'unique-local'),
  range('fe80::/10', 'link-local'),
  range('fec0::/10', 'reserved'),
  range('ff00::/8', 'multicast'),
];

const GLOBAL_UNICAST_V6 = range('2000::/3', 'public');

/** IPv6 prefixes that carry an IPv4 address, and where in the 16 bytes it sits. */
const IPV4_EMBEDDINGS: readonly { readonly range: Range; readonly offset: number }[] = [
  { range: range('::ffff:0:0/96', 'reserved'), offset: 12 }, // IPv4-mapped
  { range: range('64:ff9b::/96', 'reserved'), offset: 12 }, // NAT64 well-known prefix
  { range: range('2002::/16', 'reserved'), offset: 2 }, // 6to4
];

export function classifyAddress(text: string): AddressClass {
  const address = parseIpAddress(text);
  return address === null ? 'not-an-address' : classifyParsedAddress(address);
}

/** True only for an address that is safe to connect to from inside the cloud network. */
export function isPublicAddress(text: string): boolean {
  return classifyAddress(text) === 'public';
}

function classifyParsedAddress(address: IpAddress): AddressClass {
  if (address.version === 4) return matchRange(address.bytes, IPV4_RANGES) ?? 'public';
  const bytes = address.bytes;
  for (const embedding of IPV4_EMBEDDINGS) {
    if (inRange(bytes, embedding.range)) {
      const inner = bytes.slice(embedding.offset, embedding.offset + 4);
      return classifyParsedAddress({ version: 4, bytes: inner });
    }
  }
  const special = matchRange(bytes, IPV6_RANGES);
  if (special !== null) return special;
  return inRange(bytes, GLOBAL_UNICAST_V6) ? 'public' : 'reserved';
}

function matchRange(bytes: Uint8Array, ranges: readonly Range[]): AddressClass | null {
  return ranges.find((candidate) => inRange(bytes, candidate))?.kind ?? null;
}

function inRange(bytes: Uint8Array, candidate: Range): boolean {
  if (bytes.length !== candidate.prefix.length) return false;
  const fullBytes = Math.floor(candidate.length / 8);
  for (let index = 0; index < fullBytes; index++) {
    if (bytes[index] !== candidate.prefix[index]) return false;
  }
  const remainingBits = candidate.length % 8;
  if (remainingBits === 0) return true;
  const mask = (0xff << (8 - remainingBits)) & 0xff;
  return ((bytes[fullBytes] ?? 0) & mask) === ((candidate.prefix[fullBytes] ?? 0) & mask);
}

/**
 * The SSRF guard's refusal of `address` as a place to fetch `url` from, or null when it is public.
 * `resolvedFrom` names the host that resolved to the address, when the URL named a host.
 */
export function addressRefusal(url: URL, address: string, resolvedFrom: string | null = null): string | null {
  const kind = classifyAddress(address);
  if (kind === 'public') return null;
  const via = resolvedFrom === null ? '' : ` (${resolvedFrom} resolves to ${address})`;
  return `refused to fetch ${url.href}: ${kind} address${via} is not a public internet address`;
}
