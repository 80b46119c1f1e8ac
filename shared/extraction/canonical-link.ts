/**
 * Choosing the article's canonical address from what the page says about itself (rel=canonical,
 * og:url, JSON-LD url). A page may only claim an address on its own site: syndication partners and
 * broken templates point canonical links at other hosts, and following them would merge unrelated
 * stories under one id.
 */
import { canonicalizeUrl } from '../urls/canonical-url.ts';

// Second-level labels under country domains (example.co.uk, example.com.au) that are not sites.
const GENERIC_SECOND_LEVEL = /^(ac|co|com|edu|gov|net|org|ne|or|go)$/;

/** The registrable part of a host, approximated without the public-suffix list. */
export function siteOf(hostname: string): string {
  const labels = hostname.toLowerCase().replace(/\.$/, '').split('.');
  const secondLevel = labels.at(-2) ?? '';
  const topLevel = labels.at(-1) ?? '';
  const keep = topLevel.length === 2 && GENERIC_SECOND_LEVEL.test(secondLevel) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

function httpUrl(value: string, base: string): URL | null {
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * The first self-declared address on the same site as `pageUrl`, canonicalised; else `pageUrl`
 * canonicalised. A page read from a file has no site, so its own first valid http(s) claim is taken,
 * and a non-http address with no such claim is returned as given.
 */
export function chooseCanonicalUrl(pageUrl: string, selfUrls: readonly string[]): string {
  const page = httpUrl(pageUrl, 'http://invalid/');
  const pageIsWeb = page !== null && /^https?:/i.test(pageUrl.trim());
  for (const candidate of selfUrls) {
    const url = httpUrl(candidate, pageUrl);
    if (url === null) continue;
    if (!pageIsWeb || siteOf(url.hostname) === siteOf(page.hostname)) return canonicalizeUrl(url.href);
  }
  return pageIsWeb ? canonicalizeUrl(pageUrl) : pageUrl;
}
