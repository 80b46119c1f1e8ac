import { describe, expect, it } from 'vitest';
import { articleIdFor, canonicalizeUrl } from '../../shared/urls/canonical-url.ts';

describe('canonical article URLs', () => {
  it.each([
    ['https://News.Example.COM/a/b?utm_source=rss&utm_medium=feed#comments', 'https://news.example.com/a/b'],
    ['https://example.com/story?id=7&fbclid=xyz&gclid=1&mc_cid=2', 'https://example.com/story?id=7'],
    ['https://example.com/story?b=2&a=1', 'https://example.com/story?a=1&b=2'],
    ['HTTP://EXAMPLE.com:80/x', 'http://example.com/x'],
    ['https://user:pw@example.com./x', 'https://example.com/x'],
  ])('%s → %s', (input, expected) => {
    // Act
    const canonical = canonicalizeUrl(input);

    // Assess
    expect(canonical).toBe(expected);
  });

  it('resolves relative links against a base', () => {
    // Assess
    expect(canonicalizeUrl('../b/c.html', 'https://example.com/a/feed.xml')).toBe(
      'https://example.com/b/c.html',
    );
  });

  it('refuses links that are not http(s)', () => {
    // Assess
    expect(() => canonicalizeUrl('javascript:alert(1)')).toThrow(/Not an http/);
    expect(() => canonicalizeUrl('mailto:a@example.com')).toThrow(/Not an http/);
  });

  it('gives the same article the same id, and different articles different ids', () => {
    // Prepare
    const a = canonicalizeUrl('https://example.com/x?utm_campaign=1');
    const b = canonicalizeUrl('https://EXAMPLE.com/x#top');

    // Assess
    expect(articleIdFor(a)).toBe(articleIdFor(b));
    expect(articleIdFor(a)).not.toBe(articleIdFor('https://example.com/y'));
    expect(articleIdFor(a)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
