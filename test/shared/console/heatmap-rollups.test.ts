import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../../shared/articles/article-record.ts';
import {
  hourOf,
  hoursToRollUp,
  INDEX_LAG_MS,
  rollUpHeatmapHours,
} from '../../../shared/console/heatmap-rollups.ts';
import { resolvePeriod } from '../../../shared/console/period.ts';
import { heatmap } from '../../../shared/console/trends.ts';
import { anArticle } from '../../support/builders.ts';
import { FixedClock } from '../../support/in-memory-ports.ts';
import { MemoryListings } from '../../support/memory-listings.ts';
import { MemoryTrendRollups } from '../../support/memory-trend-rollups.ts';

const NOW = new Date('2026-11-27T10:20:00.000Z');
const UNBOUNDED = { maxHours: Number.POSITIVE_INFINITY, timeUp: () => false };

const article = (id: string, sortAt: string, pairs: string[], topics: string[]) =>
  anArticle({
    id,
    sortAt,
    countryPairs: pairs.map((pair) => ({ pair, score: 0.5 })),
    topics: topics.map((topic) => ({ id: topic, score: 0.5 })),
  });

/** The table as the catalogue leaves it: the article's labels written, then its hour's change recorded. */
function catalogue() {
  const listings = new MemoryListings();
  const rollups = new MemoryTrendRollups();
  const clock = new FixedClock(NOW);
  const write = (record: ArticleRecord) => {
    listings.articles.set(record.id, record);
    rollups.recordLabelChange(hourOf(record.sortAt), clock.now().toISOString());
  };
  return { listings, rollups, clock, write };
}

const STORIES = [
  article('a1', '2026-11-26T08:10:00.000Z', ['PK-US'], ['diplomacy', 'counterterrorism']),
  article('a2', '2026-11-26T08:59:59.999Z', ['PK-US', 'AF-PK'], ['diplomacy']),
  article('a3', '2026-11-26T23:00:00Z', ['IN-PK'], ['trade']),
  article('a4', '2026-11-27T09:30:00.000Z', ['PK-US'], ['diplomacy']),
  article('a5', '2026-11-27T10:05:00.000Z', ['PK-US'], ['trade']),
  article('no-topic', '2026-11-26T09:00:00.000Z', ['PK-US'], []),
];

describe('heat map rollups', () => {
  it('give the same heat map as counting live, reading only the open hour’s label items', async () => {
    // Prepare
    const { listings, rollups, clock, write } = catalogue();
    for (const story of STORIES) write(story);
    clock.advance(INDEX_LAG_MS / 1000);
    const period = resolvePeriod({ since: '2026-11-26' }, clock.now(), 30);
    const live = await heatmap(period, { listings, rollups: new MemoryTrendRollups() });

    // Act
    const job = await rollUpHeatmapHours({ listings, rollups, clock }, UNBOUNDED);
    const rolledUp = await heatmap(period, { listings, rollups });

    // Assess
    expect(job.rolledUp).toBeGreaterThan(24);
    expect(job.remaining).toBe(0);
    expect(rolledUp.cells).toEqual(live.cells);
    expect(rolledUp.pairs).toEqual(live.pairs);
    expect(rolledUp.cells).toContainEqual({ pair: 'PK-US', topic: 'diplomacy', count: 3 });
    expect(rolledUp.rolledUpHours).toBe(34);
    expect(rolledUp.scanned).toBe(1);
  });

  it('count an article once however often the job runs or a classification is retried', async () => {
    // Prepare
    const { listings, rollups, clock, write } = catalogue();
    for (const story of STORIES) write(story);
    clock.advance(INDEX_LAG_MS / 1000);
    await rollUpHeatmapHours({ listings, rollups, clock }, UNBOUNDED);

    // Act: a retried classification writes a1 again; the job runs again, twice
    write(STORIES[0] as ArticleRecord);
    clock.advance(INDEX_LAG_MS / 1000);
    const again = await rollUpHeatmapHours({ listings, rollups, clock }, UNBOUNDED);
    const once = await rollUpHeatmapHours({ listings, rollups, clock }, UNBOUNDED);
    const map = await heatmap(resolvePeriod({ date: '2026-11-26' }, clock.now(), 1), { listings, rollups });

    // Assess
    expect(again.rolledUp).toBe(1);
    expect(once.rolledUp).toBe(0);
    expect(map.rolledUpHours).toBe(24);
    expect(map.cells).toEqual([
      { pair: 'PK-US', topic: 'diplomacy', count: 2 },
      { pair: 'PK-US', topic: 'counterterrorism', count: 1 },
      { pair: 'AF-PK', topic: 'diplomacy', count: 1 },
      { pair: 'IN-PK', topic: 'trade', count: 1 },
    ]);
  });

  it('count a late article and a reclassification of a rolled-up hour at once, and the next run rolls it up again', async () => {
    // Prepare
    const { listings, rollups, clock, write } = catalogue();
    for (const story of STORIES) write(story);
    clock.advance(INDEX_LAG_MS / 1000);
    await rollUpHeatmapHours({ listings, rollups, clock }, UNBOUNDED);
    const day = resolvePeriod({ date: '2026-11-26' }, clock.now(), 1);

    // Act: an article published at 08:30 arrives late, and a1 is reclassified from diplomacy to trade
    write(article('late', '2026-11-26T08:30:00.000Z', ['PK-US'], ['diplomacy']));
    write(article('a1', '2026-11-26T08:10:00.000Z', ['PK-US'], ['trade']));
    const before = await heatmap(day, { listings, rollups });
    clock.advance(INDEX_LAG_MS / 1000);
    const job = await rollUpHeatmapHours({ listings, rollups, clock }, UNBOUNDED);
    const after = await heatmap(day, { listings, rollups });

    // Assess
    const expected = [
      { pair: 'PK-US', topic: 'diplomacy', count: 2 },
      { pair: 'PK-US', topic: 'trade', count: 1 },
      { pair: 'AF-PK', topic: 'diplomacy', count: 1 },
      { pair: 'IN-PK', topic: 'trade', count: 1 },
    ];
    expect(before.rolledUpHours).toBe(23);
    expect(before.cells).toEqual(expected);
    expect(job.rolledUp).toBe(1);
    expect(after.rolledUpHours).toBe(24);
    expect(after.cells).toEqual(expected);
  });

  it('do not trust a rollup read within INDEX_LAG_MS of a change to its hour', async () => {
    // Prepare: a2's labels written, and the job reading them at once
    const { listings, rollups, clock, write } = catalogue();
    clock.advance(2 * 3600);
    write(STORIES[1] as ArticleRecord);
    await rollUpHeatmapHours({ listings, rollups, clock }, UNBOUNDED);

    // Act
    const map = await heatmap(resolvePeriod({ date: '2026-11-26' }, clock.now(), 1), { listings, rollups });
    const due = hoursToRollUp(
      new Date(clock.now().getTime() + INDEX_LAG_MS),
      await rollups.hourStates('2026-11-26T00', '2026-11-27T23'),
    );

    // Assess
    expect(map.rolledUpHours).toBe(23);
    expect(map.scanned).toBe(1);
    expect(due.filter((hour) => hour.startsWith('2026-11-26'))).toEqual(['2026-11-26T08']);
  });

  it('roll up closed hours only, newest first, within the run’s bounds', async () => {
    // Prepare
    const { listings, rollups, clock } = catalogue();

    // Act
    const first = await rollUpHeatmapHours(
      { listings, rollups, clock },
      { maxHours: 3, timeUp: () => false },
    );
    const saved = await rollups.rollupsBetween('2026-11-27T00', '2026-11-27T23');
    const second = await rollUpHeatmapHours(
      { listings, rollups, clock },
      { maxHours: 10, timeUp: () => true },
    );

    // Assess: at 10:20 hour 09 is closed (its end is more than INDEX_LAG_MS past) and hour 10 is open
    expect(saved.map(({ hour }) => hour)).toEqual(['2026-11-27T07', '2026-11-27T08', '2026-11-27T09']);
    expect(first.rolledUp).toBe(3);
    expect(second).toMatchObject({ rolledUp: 0, remaining: first.remaining });
  });
});
