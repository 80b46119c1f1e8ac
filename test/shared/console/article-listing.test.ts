import { describe, expect, it } from 'vitest';
import { listArticles } from '../../../shared/console/article-listing.ts';
import { ConsoleRefusal } from '../../../shared/console/console-refusal.ts';
import { resolvePeriod } from '../../../shared/console/period.ts';
import { anArticle } from '../../support/builders.ts';
import { MemoryListings } from '../../support/memory-listings.ts';

const NOW = new Date('2026-11-27T10:00:00Z');
const PERIOD = resolvePeriod({ since: '2026-11-20' }, NOW, 30);

const article = (id: string, sortAt: string, topics: string[]) =>
  anArticle({ id, sortAt, topics: topics.map((topic) => ({ id: topic, score: 0.5 })) });

describe('listArticles', () => {
  it('pages through a pair’s articles kept to a topic, newest first, each once', async () => {
    // Prepare: five PK-US articles, three on trade, two sharing one instant
    const listings = new MemoryListings([
      article('a1', '2026-11-26T08:00:00.000Z', ['trade']),
      article('a2', '2026-11-26T09:00:00.000Z', ['diplomacy']),
      article('a3', '2026-11-26T09:00:00.000Z', ['trade']),
      article('a4', '2026-11-26T10:00:00.000Z', ['trade', 'diplomacy']),
      article('a5', '2026-11-26T11:00:00.000Z', ['diplomacy']),
    ]);
    const request = { pair: 'US-PK', topic: 'trade', period: PERIOD, limit: 2 };

    // Act
    const first = await listArticles(request, listings);
    const second = await listArticles({ ...request, cursor: first.nextCursor ?? undefined }, listings);

    // Assess
    expect(first.articles.map(({ articleId }) => articleId)).toEqual(['a4', 'a3']);
    expect(second.articles.map(({ articleId }) => articleId)).toEqual(['a1']);
    expect(second.nextCursor).toBeNull();
  });

  it('pages through many articles that share one instant, each once, resuming at the last one shown', async () => {
    // Prepare: more articles at midnight than a request may read pages of (a feed giving dates only)
    const ids = Array.from({ length: 300 }, (_, index) => `a${String(index).padStart(3, '0')}`);
    const listings = new MemoryListings(ids.map((id) => article(id, '2026-11-26T00:00:00.000Z', ['trade'])));
    const seen: string[] = [];
    let cursor: string | undefined;

    // Act
    for (let page = 0; page < 200; page += 1) {
      const answer = await listArticles({ topic: 'trade', period: PERIOD, limit: 25, cursor }, listings);
      seen.push(...answer.articles.map(({ articleId }) => articleId));
      if (answer.nextCursor === null) break;
      cursor = answer.nextCursor;
    }

    // Assess
    expect(seen).toHaveLength(300);
    expect(new Set(seen).size).toBe(300);
    // Twelve pages of 25: a page resumes at its cursor's article, not at the top of the shared instant.
    expect(listings.queries).toBeLessThanOrEqual(24);
  });

  it('lists one day for a timeline point', async () => {
    // Prepare
    const listings = new MemoryListings([
      article('a1', '2026-11-25T23:59:59Z', ['trade']),
      article('a2', '2026-11-26T00:00:00Z', ['trade']),
      article('a3', '2026-11-26T23:59:59.999Z', ['trade']),
      article('a4', '2026-11-27T00:00:00.000Z', ['trade']),
    ]);

    // Act
    const page = await listArticles(
      { topic: 'trade', period: resolvePeriod({ date: '2026-11-26' }, NOW, 30), limit: 10 },
      listings,
    );

    // Assess
    expect(page.articles.map(({ articleId }) => articleId)).toEqual(['a3', 'a2']);
  });

  it.each([
    [{}, 'give a pair, a topic or both'],
    [{ pair: 'PK-US', cursor: 'not-a-cursor' }, 'the cursor is not one this API gave'],
    [{ pair: 'PK-US', cursor: Buffer.from('"2026#x#y"').toString('base64url') }, 'the cursor is not one'],
  ])('refuses %j', async (filters, message) => {
    // Act
    const attempt = listArticles({ ...filters, period: PERIOD, limit: 10 }, new MemoryListings());

    // Assess
    await expect(attempt).rejects.toThrow(ConsoleRefusal);
    await expect(attempt).rejects.toThrow(message);
  });
});
