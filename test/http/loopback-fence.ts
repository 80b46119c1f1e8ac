/**
 * Keeps a test's traffic on loopback even if the code under test is wrong: system DNS is switched off
 * and every socket connect is checked, so a broken SSRF guard fails the test instead of reaching out.
 * It also records each connect attempt, which is how tests prove that a refusal opened no socket.
 */

import dns from 'node:dns';
import net, { BlockList, type LookupFunction } from 'node:net';
import { vi } from 'vitest';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

export interface LoopbackFence {
  /** Hosts that sockets tried to connect to, in order. */
  readonly connectAttempts: string[];
}

/** Installs the fence; vitest's `restoreAllMocks` (or `vi.restoreAllMocks()`) takes it down. */
export function fenceTrafficToLoopback(): LoopbackFence {
  const connectAttempts: string[] = [];
  const systemLookup = dns.lookup;
  vi.spyOn(dns, 'lookup').mockImplementation(((hostname: string, ...rest: unknown[]) => {
    // An IP literal is answered locally (server.listen asks for one); a name would be a real query.
    if (net.isIP(hostname) === 0) throw new Error(`system DNS is off in tests (asked for ${hostname})`);
    return Reflect.apply(systemLookup, dns, [hostname, ...rest]);
  }) as typeof dns.lookup);
  const connect = net.Socket.prototype.connect;
  vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (
    this: net.Socket,
    ...args: unknown[]
  ) {
    const options = connectOptions(args);
    const host = String(options.host ?? 'localhost');
    connectAttempts.push(host);
    if (net.isIP(host) !== 0 && !isLoopback(host)) throw new Error(`test tried to connect to ${host}`);
    if (net.isIP(host) === 0 && options.lookup !== undefined) options.lookup = loopbackOnly(options.lookup);
    return Reflect.apply(connect, this, args) as net.Socket;
  });
  return { connectAttempts };
}

/** net.connect passes its normalised [options, callback] pair as one array argument. */
function connectOptions(args: unknown[]): { host?: unknown; lookup?: LookupFunction } {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  return typeof first === 'object' && first !== null ? first : {};
}

function loopbackOnly(lookup: LookupFunction): LookupFunction {
  return (hostname, options, callback) =>
    lookup(hostname, options, (error, address, family) => {
      const addresses = Array.isArray(address) ? address.map((entry) => entry.address) : [address];
      const escaping = addresses.find((candidate) => !isLoopback(candidate));
      if (error === null && escaping !== undefined) {
        return callback(new Error(`test tried to connect to ${escaping}`), '', 4);
      }
      callback(error, address as string, family);
    });
}

function isLoopback(address: string): boolean {
  return LOOPBACK.check(address, net.isIPv6(address) ? 'ipv6' : 'ipv4');
}
