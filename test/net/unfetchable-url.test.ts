import { describe, expect, it } from 'vitest';
import { unfetchableReason } from '../../shared/net/unfetchable-url.ts';

describe('unfetchableReason', () => {
  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'link-local address'],
    ['http://127.0.0.1:8080/feed.xml', 'loopback address'],
    ['http://2130706433/feed.xml', 'loopback address'],
    ['http://0x7f.1/feed.xml', 'loopback address'],
    ['http://[::1]/feed.xml', 'loopback address'],
    ['http://[::ffff:127.0.0.1]/feed.xml', 'loopback address'],
    ['http://10.0.0.5/feed.xml', 'private address'],
    ['http://[fd00::1]/feed.xml', 'unique-local address'],
    ['http://localhost:9000/feed.xml', 'loopback address (localhost resolves to 127.0.0.1)'],
    ['http://admin.localhost/feed.xml', 'loopback address (admin.localhost resolves to 127.0.0.1)'],
    ['file:///etc/passwd', 'is not http or https'],
  ])('refuses %s: %s', (url, reason) => {
    // Act
    const refusal = unfetchableReason(url);

    // Assess
    expect(refusal).toContain(reason);
    expect(refusal).toMatch(/^refused to fetch |^scheme /);
  });

  it('leaves public addresses and host names that only a DNS answer can judge', () => {
    // Act
    const verdicts = [
      'https://news.example/feed.xml',
      'http://93.184.215.14/rss',
      'https://localhost.example/',
    ].map(unfetchableReason);

    // Assess
    expect(verdicts).toEqual([null, null, null]);
  });
});
