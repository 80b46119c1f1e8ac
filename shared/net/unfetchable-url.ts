/**
 * What the SSRF guard is bound to refuse before any DNS answer: a URL that is not http(s), an IP
 * address that is not public (loopback, private, the cloud metadata service at 169.254.169.254, in any
 * spelling), and `localhost` or a name under `.localhost`, which always mean loopback (RFC 6761).
 * Configuration (`feeds add`) checks URLs with it, so a feed every run would refuse is refused at once.
 */
import { addressRefusal } from './address-policy.ts';
import { checkFetchTarget } from './fetch-target.ts';

/** Where a `localhost` name leads, whatever the resolver says. */
const LOOPBACK = '127.0.0.1';

/** Why every fetch of `raw` will be refused, or null when only resolving its host can tell. */
export function unfetchableReason(raw: string): string | null {
  const checked = checkFetchTarget(raw);
  if (!checked.ok) return checked.reason;
  const { url, hostname, isIpLiteral } = checked.target;
  if (isIpLiteral) return addressRefusal(url, hostname);
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) {
    return addressRefusal(url, LOOPBACK, hostname);
  }
  return null;
}
