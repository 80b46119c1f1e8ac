/** URL-level checks, and proof that WHATWG-normalised IPv4 spellings reach the policy as dotted quads. */

import { describe, expect, it } from 'vitest';
import { classifyAddress } from '../../shared/net/address-policy.ts';
import { checkFetchTarget, normaliseHostName } from '../../shared/net/fetch-target.ts';

describe('checkFetchTarget', () => {
  it.each([
    ['http://2130706433/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://0x7f000001/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://017700000001/', '127.0.0.1'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
    ['http://[0:0:0:0:0:0:0:1]/', '::1'],
    ['https://0xa9.0xfe.0xa9.0xfe/latest', '169.254.169.254'],
  ])('sees %s as the normalised IP literal %s, which the policy refuses', (url, normalised) => {
    // Act
    const check = checkFetchTarget(url);

    // Assess
    expect(check).toMatchObject({ ok: true, target: { hostname: normalised, isIpLiteral: true } });
    expect(check.ok && classifyAddress(check.target.hostname)).not.toBe('public');
  });

  it('keeps a host name as a name to resolve', () => {
    // Act
    const check = checkFetchTarget('https://News.Example.COM/feed.xml');

    // Assess
    expect(check).toMatchObject({ ok: true, target: { hostname: 'news.example.com', isIpLiteral: false } });
  });

  it('resolves a relative location against its base', () => {
    // Act
    const check = checkFetchTarget('/rss?x=1', 'https://example.com/news/');

    // Assess
    expect(check.ok && check.target.url.href).toBe('https://example.com/rss?x=1');
  });

  it.each([
    ['file:///etc/passwd', 'scheme "file:"'],
    ['ftp://example.com/', 'scheme "ftp:"'],
    ['javascript:alert(1)', 'scheme "javascript:"'],
    ['gopher://example.com/', 'scheme "gopher:"'],
    ['http://', 'not a valid URL'],
    ['feed.xml', 'not a valid URL'],
  ])('refuses %s', (url, reason) => {
    // Act
    const check = checkFetchTarget(url);

    // Assess
    expect(check).toMatchObject({ ok: false, reason: expect.stringContaining(reason) });
  });
});

describe('normaliseHostName', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['::1', '::1'],
    ['[0::1]', '::1'],
    ['Sample.Local', 'sample.local'],
  ])('normalises %s to %s', (host, expected) => {
    // Act
    const normalised = normaliseHostName(host);

    // Assess
    expect(normalised).toBe(expected);
  });
});
