import { describe, expect, it } from 'vitest';
import { articleDocumentKey, rawPageKey } from '../../shared/articles/storage-keys.ts';
import { articleIdFor, canonicalizeUrl } from '../../shared/urls/canonical-url.ts';

describe('archive keys', () => {
  it.each([
    'https://news.example/a b/../../raw/x?y=%00&z=<>#frag',
    'https://news.example/%2F..%2F..%2Fetc%2Fpasswd',
    'https://news.example/{}^`|\\\'"~[]+;=,é€😀',
    `https://news.example/${'long/'.repeat(2000)}`,
  ])('keeps a key of safe characters whatever the URL holds: %s', (url) => {
    // Act
    const id = articleIdFor(canonicalizeUrl(url));

    // Assess
    expect(articleDocumentKey(id, '2026-11-27T08:00:00.000Z')).toMatch(
      /^articles\/yyyy=2026\/mm=11\/dd=27\/[A-Za-z0-9_-]{22}\.json$/,
    );
    expect(rawPageKey(id, '2026-11-27T08:00:00.000Z')).toMatch(
      /^raw\/yyyy=2026\/mm=11\/dd=27\/[A-Za-z0-9_-]{22}\.html\.gz$/,
    );
  });

  it.each(['../../etc/passwd', 'a/b', 'a b', 'a%2Fb', '', 'x\u0000'])('refuses %j as an article id', (id) => {
    // Act
    const key = () => articleDocumentKey(id, '2026-11-27T08:00:00.000Z');

    // Assess
    expect(key).toThrow(/Not an article id/);
  });
});
