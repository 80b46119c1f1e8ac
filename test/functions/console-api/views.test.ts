/**
 * The read-only views (/alerts, /articles, /articles/{articleId}, /trends/*) through the router, on
 * in-memory ports: each answer validates against docs/api/console.openapi.yaml, and bad input gets a
 * 4xx with the JSON error, never a 500.
 */
import { describe, expect, it } from 'vitest';
import { routeConsoleRequest } from '../../../functions/console-api/router.ts';
import { CONSOLE_ROUTES } from '../../../functions/console-api/routes.ts';
import { anAlert, anArticle } from '../../support/builders.ts';
import { fakeConsoleDeps } from '../../support/console-fakes.ts';
import { consoleResponseValidator } from '../../support/console-openapi.ts';
import { ANALYST_CLAIMS, consoleEvent } from '../../support/console-requests.ts';
import { FixedClock, MemoryArchive, MemoryRules } from '../../support/in-memory-ports.ts';
import { MemoryListings } from '../../support/memory-listings.ts';

const validate = consoleResponseValidator();
const TEXT = 'Pakistan and the United States agreed to resume their counterterrorism dialogue in June.';

async function deps() {
  const article = anArticle({ id: 'article-1', sortAt: '2026-11-26T09:00:00.000Z' });
  const archive = new MemoryArchive();
  await archive.putArticle(article.documentKey, {
    schemaVersion: 1,
    id: article.id,
    url: article.url,
    canonicalUrl: article.canonicalUrl,
    feedId: 'feed-1',
    feedUrl: 'https://news.example/feed',
    source: article.source,
    title: article.title,
    byline: 'A. Reporter',
    publishedAt: article.publishedAt,
    fetchedAt: article.fetchedAt,
    lang: 'en',
    siteName: null,
    excerpt: null,
    text: TEXT,
    rawKey: article.rawKey,
    contentHash: article.contentHash,
    simhash: null,
  });
  const consoleDeps = {
    ...fakeConsoleDeps(),
    clock: new FixedClock(new Date('2026-11-27T10:00:00Z')),
    listings: new MemoryListings([article], [anAlert({ articleId: 'article-1' })]),
    archive,
    rules: new MemoryRules([
      { id: 'ct-dialogue', name: 'CT dialogue', query: '"counterterrorism dialogue"', createdAt: '' },
    ]),
  };
  await consoleDeps.alertSubscriptions.put(ANALYST_CLAIMS.email, { rule: ['ct-dialogue'] });
  return consoleDeps;
}

async function call(path: string, consoleDeps?: Awaited<ReturnType<typeof deps>>) {
  const response = await routeConsoleRequest(
    consoleEvent({ method: 'GET', path }),
    CONSOLE_ROUTES,
    consoleDeps ?? (await deps()),
  );
  const body = JSON.parse(response.body ?? 'null');
  const template = CONSOLE_ROUTES.find((route) =>
    new RegExp(`^${route.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path.split('?')[0] ?? ''),
  )?.path;
  return {
    status: response.statusCode,
    body,
    problems: validate('GET', template ?? path, response.statusCode ?? 0, body),
  };
}

describe('console views', () => {
  it.each([
    '/alerts',
    '/alerts?pair=US-PK&source=news.example',
    '/articles?pair=PK-US&topic=diplomacy&date=2026-11-26',
    '/articles/article-1',
    '/trends/heatmap?since=2026-11-20&until=2026-11-27',
    '/trends/timeline?pair=PK-US',
  ])('answers GET %s with a body the OpenAPI file describes', async (path) => {
    // Act
    const { status, problems } = await call(path);

    // Assess
    expect(status).toBe(200);
    expect(problems).toEqual([]);
  });

  it('shows the caller’s alert, the article behind it and its cell', async () => {
    // Prepare
    const consoleDeps = await deps();

    // Act
    const inbox = await call('/alerts', consoleDeps);
    const heatmap = await call('/trends/heatmap', consoleDeps);
    const article = await call('/articles/article-1', consoleDeps);

    // Assess
    expect(inbox.body.alerts.map(({ articleId }: { articleId: string }) => articleId)).toEqual(['article-1']);
    expect(heatmap.body.cells).toContainEqual({ pair: 'PK-US', topic: 'diplomacy', count: 1 });
    const [rule] = article.body.rules;
    expect(
      rule.highlights.map(({ start, end }: { start: number; end: number }) => TEXT.slice(start, end)),
    ).toEqual(['counterterrorism dialogue']);
  });

  it.each([
    ['/articles', 400],
    ['/articles?pair=Pakistan', 400],
    ['/articles?pair=PK-US&cursor=bm90IG91cnM', 400],
    ['/articles?pair=PK-US&date=2026-11-26&since=2026-11-01', 400],
    ['/trends/heatmap?since=2025-01-01', 400],
    ['/trends/timeline', 400],
    ['/trends/timeline?pair=PK-US&since=last%20week', 400],
    ['/alerts?cursor=e30x', 400],
    ['/articles/no-such-article', 404],
    ['/articles/..%2F..%2Fetc', 400],
  ])('answers GET %s with %i and the JSON error', async (path, expected) => {
    // Act
    const { status, body, problems } = await call(path);

    // Assess
    expect(status).toBe(expected);
    expect(body.error.message).toEqual(expect.any(String));
    expect(problems).toEqual([]);
  });
});
