/**
 * Canonical article URLs: the same article reached through different links gets one URL, and so one id.
 * Lower-cases scheme and host, drops default ports, fragments and tracking parameters, sorts what remains.
 */
import { createHash } from 'node:crypto';

const TRACKING_PARAMETER =
  /^(utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|mkt_tok|_hsenc|_hsmi|igshid|ocid|cmpid|ito|ncid|sr_share|at_medium|at_campaign|__twitter_impression|ref_src|ref_url)$/i;

export function canonicalizeUrl(input: string, base?: string): string {
  const url = new URL(input.trim(), base);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`Not an http(s) URL: ${input}`);
  }
  url.hash = '';
  url.username = '';
  url.password = '';
  url.hostname = url.hostname.toLowerCase().replace(/\.$/, '');
  const kept = [...url.searchParams].filter(([name]) => !TRACKING_PARAMETER.test(name));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = new URLSearchParams(kept).toString();
  if (url.pathname === '') url.pathname = '/';
  return url.toString();
}

/** Article id: a short, stable, URL-safe hash of the canonical URL. */
export function articleIdFor(canonicalUrl: string): string {
  return createHash('sha256').update(canonicalUrl).digest('base64url').slice(0, 22);
}
