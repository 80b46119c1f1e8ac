import { describe, expect, it } from 'vitest';
import { type InboxRequest, inbox } from '../../../shared/console/inbox.ts';
import { resolvePeriod } from '../../../shared/console/period.ts';
import type { SubscriptionTarget } from '../../../shared/console/subscription-targets.ts';
import { anAlert, anArticle } from '../../support/builders.ts';
import { MemoryListings } from '../../support/memory-listings.ts';

const PERIOD = resolvePeriod({ since: '2026-11-20' }, new Date('2026-11-27T10:00:00Z'), 30);

const article = (id: string, hour: number, pairs: string[], topics: string[], source = 'news.example') =>
  anArticle({
    id,
    source,
    sortAt: `2026-11-26T${String(hour).padStart(2, '0')}:00:00.000Z`,
    countryPairs: pairs.map((pair) => ({ pair, score: 0.5 })),
    topics: topics.map((topic) => ({ id: topic, score: 0.5 })),
  });
const alert = (articleId: string, ruleId: string, hour: number) =>
  anAlert({
    articleId,
    ruleId,
    ruleName: ruleId,
    matchedAt: `2026-11-26T${String(hour).padStart(2, '0')}:05:00.000Z`,
  });

/** Articles on PK-US and IN-PK, alerts of two rules; one article has no alert. */
function sample() {
  return new MemoryListings(
    [
      article('a1', 1, ['PK-US'], ['diplomacy']),
      article('a2', 2, ['IN-PK'], ['trade'], 'www.dawn.com'),
      article('a3', 3, ['PK-US', 'IN-PK'], ['trade']),
      article('a4', 4, ['PK-US'], ['diplomacy']),
      article('quiet', 5, ['PK-US'], ['diplomacy']),
    ],
    [
      alert('a1', 'ct', 1),
      alert('a2', 'ct', 2),
      alert('a3', 'ct', 3),
      alert('a3', 'trade', 3),
      alert('a4', 'trade', 4),
    ],
  );
}

async function everyPage(listings: MemoryListings, request: Omit<InboxRequest, 'period'>) {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await inbox({ ...request, period: PERIOD, cursor }, listings);
    pages.push(page.alerts.map(({ articleId, ruleId }) => `${articleId}/${ruleId}`));
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && pages.length < 20);
  return pages;
}

const subscriptions = (...targets: [SubscriptionTarget['kind'], string][]) =>
  targets.map(([kind, value]) => ({ kind, value }));

describe('inbox', () => {
  it('shows a rule subscription’s alerts newest first, with title, labels and the terms in the snippet', async () => {
    // Act
    const page = await inbox(
      { subscriptions: subscriptions(['rule', 'ct']), filters: {}, period: PERIOD, limit: 10 },
      sample(),
    );

    // Assess
    expect(page.alerts.map(({ articleId }) => articleId)).toEqual(['a3', 'a2', 'a1']);
    expect(page.alerts[0]).toMatchObject({
      ruleId: 'ct',
      title: 'Pakistan and US agree to deepen ties',
      pairs: ['PK-US', 'IN-PK'],
      topics: ['trade'],
      highlights: [{ start: 32, end: 57 }],
    });
    expect(page.alerts[0]?.snippet.slice(32, 57)).toBe('counterterrorism dialogue');
    expect(page.nextCursor).toBeNull();
  });

  it('shows a pair subscription every rule’s alerts on the pair’s articles, and nothing else', async () => {
    // Act
    const page = await inbox(
      { subscriptions: subscriptions(['pair', 'US-PK']), filters: {}, period: PERIOD, limit: 10 },
      sample(),
    );

    // Assess
    expect(page.alerts.map(({ articleId, ruleId }) => `${articleId}/${ruleId}`).sort()).toEqual([
      'a1/ct',
      'a3/ct',
      'a3/trade',
      'a4/trade',
    ]);
  });

  it.each([1, 2, 3, 10])(
    'shows each alert once across pages of %i when subscriptions overlap',
    async (limit) => {
      // Prepare
      const listings = sample();

      // Act
      const pages = await everyPage(listings, {
        subscriptions: subscriptions(
          ['rule', 'ct'],
          ['pair', 'PK-US'],
          ['topic', 'trade'],
          ['rule', 'trade'],
        ),
        filters: {},
        limit,
      });

      // Assess
      expect(pages.flat().sort()).toEqual(['a1/ct', 'a2/ct', 'a3/ct', 'a3/trade', 'a4/trade']);
    },
  );

  it('keeps to the filters: rule, pair, topic and source (by host or parent domain)', async () => {
    // Prepare
    const listings = sample();
    const all = subscriptions(['rule', 'ct'], ['rule', 'trade'], ['pair', 'PK-US']);
    const shown = async (filters: InboxRequest['filters']) =>
      (await everyPage(listings, { subscriptions: all, filters, limit: 10 })).flat().sort();

    // Act
    const byRule = await shown({ rule: 'trade' });
    const byPair = await shown({ pair: 'pk-in' });
    const byTopic = await shown({ topic: 'Diplomacy' });
    const bySource = await shown({ source: 'dawn.com' });

    // Assess
    expect(byRule).toEqual(['a3/trade', 'a4/trade']);
    expect(byPair).toEqual(['a2/ct', 'a3/ct', 'a3/trade']);
    expect(byTopic).toEqual(['a1/ct', 'a4/trade']);
    expect(bySource).toEqual(['a2/ct']);
  });

  it('refuses a cursor it did not give', async () => {
    // Act
    const attempt = inbox(
      {
        subscriptions: [],
        filters: {},
        period: PERIOD,
        limit: 10,
        cursor: Buffer.from('[1]').toString('base64url'),
      },
      sample(),
    );

    // Assess
    await expect(attempt).rejects.toThrow('the cursor is not one this API gave');
  });
});
