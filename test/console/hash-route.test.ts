import { describe, expect, it } from 'vitest';
import { articleHash, parseRoute, routeHash } from '../../console/src/routing/hash-route.ts';

describe('parseRoute', () => {
  it('reads each page of the console from its hash', () => {
    // Prepare
    const hashes = [
      '',
      '#/inbox',
      '#/rules',
      '#/rules/new',
      '#/rules/ct-dialogue',
      '#/subscriptions',
      '#/trends',
      '#/ops',
    ];

    // Act
    const pages = hashes.map((hash) => parseRoute(hash));

    // Assess
    expect(pages).toEqual([
      { page: 'inbox', filters: {} },
      { page: 'inbox', filters: {} },
      { page: 'rules' },
      { page: 'rule', ruleId: null, filters: {} },
      { page: 'rule', ruleId: 'ct-dialogue', filters: {} },
      { page: 'subscriptions', filters: {} },
      { page: 'trends', filters: {} },
      { page: 'ops' },
    ]);
  });

  it('round-trips an article id and a pair with characters a path would break on', () => {
    // Prepare
    const articleId = 'loopback-ledger/2026 11#a?b';

    // Act
    const article = parseRoute(articleHash(articleId));
    const timeline = parseRoute(routeHash(`/trends/${encodeURIComponent('PK-US')}`, { since: '2026-11-01' }));

    // Assess
    expect(article).toEqual({ page: 'article', articleId });
    expect(timeline).toEqual({ page: 'timeline', pair: 'PK-US', filters: { since: '2026-11-01' } });
  });

  it('keeps filters, leaving empty ones out of the hash', () => {
    // Prepare
    const hash = routeHash('/articles', { pair: 'PK-US', topic: 'security', date: '' });

    // Act
    const route = parseRoute(hash);

    // Assess
    expect(hash).toBe('#/articles?pair=PK-US&topic=security');
    expect(route).toEqual({ page: 'articles', filters: { pair: 'PK-US', topic: 'security' } });
  });

  it('says when no page has that address, including a malformed escape', () => {
    // Prepare
    const hashes = ['#/nowhere', '#/articles/%E0%A4%A', '#/rules/a/b'];

    // Act
    const pages = hashes.map((hash) => parseRoute(hash).page);

    // Assess
    expect(pages).toEqual(['not-found', 'not-found', 'not-found']);
  });
});
