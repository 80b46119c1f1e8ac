import { describe, expect, it } from 'vitest';
import { resolvePeriod } from '../../../shared/console/period.ts';
import { heatmap, MAX_HEATMAP_PAIRS, pairTimeline } from '../../../shared/console/trends.ts';
import { anArticle } from '../../support/builders.ts';
import { MemoryListings } from '../../support/memory-listings.ts';
import { MemoryTrendRollups } from '../../support/memory-trend-rollups.ts';

const NOW = new Date('2026-11-27T10:00:00Z');

const article = (id: string, sortAt: string, pairs: string[], topics: string[]) =>
  anArticle({
    id,
    sortAt,
    countryPairs: pairs.map((pair) => ({ pair, score: 0.5 })),
    topics: topics.map((topic) => ({ id: topic, score: 0.5 })),
  });

describe('heatmap', () => {
  it('counts each article once per pair and topic it carries, within the period only', async () => {
    // Prepare
    const listings = new MemoryListings([
      article('a1', '2026-11-26T08:00:00.000Z', ['PK-US'], ['diplomacy', 'counterterrorism']),
      article('a2', '2026-11-26T09:00:00Z', ['PK-US', 'AF-PK'], ['diplomacy']),
      article('a3', '2026-11-27T09:00:00.000Z', ['IN-PK'], ['trade']),
      article('old', '2026-11-20T09:00:00.000Z', ['PK-US'], ['diplomacy']),
      article('no-topic', '2026-11-26T09:00:00.000Z', ['PK-US'], []),
    ]);

    // Act
    const map = await heatmap(resolvePeriod({ since: '2026-11-26' }, NOW, 30), {
      listings,
      rollups: new MemoryTrendRollups(),
    });

    // Assess
    expect(map.pairs).toEqual(['PK-US', 'AF-PK', 'IN-PK']);
    expect(map.topics).toEqual(['diplomacy', 'counterterrorism', 'trade']);
    expect(map.cells).toEqual([
      { pair: 'PK-US', topic: 'diplomacy', count: 2 },
      { pair: 'PK-US', topic: 'counterterrorism', count: 1 },
      { pair: 'AF-PK', topic: 'diplomacy', count: 1 },
      { pair: 'IN-PK', topic: 'trade', count: 1 },
    ]);
    expect(map.scanned).toBe(4);
  });

  it('counts an article listed twice (a replayed or retried write) once', async () => {
    // Prepare: a listing that hands out the same label item twice, across two pages
    const listings = new MemoryListings([article('a1', '2026-11-26T08:00:00.000Z', ['PK-US'], ['trade'])]);
    const replayed = {
      articlesForTopic: async (topic: string, range = {}) => {
        const page = await listings.articlesForTopic(topic, range);
        return { items: [...page.items, ...page.items], cursor: page.cursor };
      },
    };

    // Act
    const map = await heatmap(resolvePeriod({ since: '2026-11-26' }, NOW, 30), {
      listings: replayed,
      rollups: new MemoryTrendRollups(),
    });

    // Assess
    expect(map.cells).toEqual([{ pair: 'PK-US', topic: 'trade', count: 1 }]);
  });

  it('shows the busiest pairs and says how many it left out', async () => {
    // Prepare: one article on each of MAX + 5 pairs, and a second on the pair that must come first
    const codes = Array.from({ length: MAX_HEATMAP_PAIRS + 5 }, (_, index) => `P${index}-ZZ`);
    const listings = new MemoryListings([
      ...codes.map((pair, index) => article(`a${index}`, '2026-11-26T08:00:00.000Z', [pair], ['trade'])),
      article('busy', '2026-11-26T09:00:00.000Z', ['P9-ZZ'], ['trade']),
    ]);

    // Act
    const map = await heatmap(resolvePeriod({ since: '2026-11-26' }, NOW, 30), {
      listings,
      rollups: new MemoryTrendRollups(),
    });

    // Assess
    expect(map.pairs).toHaveLength(MAX_HEATMAP_PAIRS);
    expect(map.pairs[0]).toBe('P9-ZZ');
    expect(map.pairsOmitted).toBe(5);
  });
});

describe('pairTimeline', () => {
  it('counts the pair’s articles per day, every day of the period present', async () => {
    // Prepare
    const listings = new MemoryListings([
      article('a1', '2026-11-25T23:59:59.999Z', ['PK-US'], []),
      article('a2', '2026-11-27T00:00:00Z', ['PK-US'], []),
      article('a3', '2026-11-27T09:00:00.000Z', ['PK-US', 'AF-PK'], []),
      article('other', '2026-11-27T09:00:00.000Z', ['AF-PK'], []),
    ]);

    // Act
    const timeline = await pairTimeline('US-PK', resolvePeriod({}, NOW, 3), listings);

    // Assess
    expect(timeline.pair).toBe('PK-US');
    expect(timeline.days).toEqual([
      { date: '2026-11-25', count: 1 },
      { date: '2026-11-26', count: 0 },
      { date: '2026-11-27', count: 2 },
    ]);
  });
});
