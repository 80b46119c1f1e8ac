/**
 * The heat map's rollups on the table: the catalogue records when an hour's labels change, a rollup
 * overwrites its hour unless a later-read one is there, and the heat map, reading through the typed
 * reader, counts a rolled-up hour from its rollup until a label write makes it stale.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbArticleCatalog } from '../../adapters/dynamodb/article-catalog.dynamodb.ts';
import { DynamoDbTrendRollups } from '../../adapters/dynamodb/trend-rollups.dynamodb.ts';
import { createReader } from '../../reader/wirewatch-reader.ts';
import { INDEX_LAG_MS, rollUpHeatmapHours } from '../../shared/console/heatmap-rollups.ts';
import { resolvePeriod } from '../../shared/console/period.ts';
import { heatmap } from '../../shared/console/trends.ts';
import { anArticle } from '../support/builders.ts';
import { FixedClock } from '../support/in-memory-ports.ts';
import { startTestTable, type TestTable } from '../support/test-backend.ts';

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(async () => {
  await table.close();
});

const rollup = (hour: string, readFrom: string, count: number) => ({
  hour,
  cells: { 'PK-US trade': count },
  pairs: { 'PK-US': count },
  labelItems: count,
  readFrom,
});

describe('trend rollups on DynamoDB', () => {
  it('records the latest label change of an article’s hour whenever the catalogue writes its labels', async () => {
    // Prepare
    const clock = new FixedClock(new Date('2026-11-27T09:00:00.000Z'));
    const catalog = new DynamoDbArticleCatalog(table, { clock });
    const rollups = new DynamoDbTrendRollups(table);
    const record = anArticle({ id: 'rollup-mark', sortAt: '2026-11-20T07:45:00Z' });

    // Act: saved, then indexed again an hour later (a retry, or an unchanged re-fetch)
    await catalog.saveArticle(record, null);
    clock.advance(3600);
    await catalog.indexArticle(record);
    const states = await rollups.hourStates('2026-11-20T00', '2026-11-20T23');

    // Assess
    expect(states).toEqual([{ hour: '2026-11-20T07', labelsChangedAt: '2026-11-27T10:00:00.000Z' }]);
  });

  it('keeps one rollup per hour, the one read last, and records when it was read', async () => {
    // Prepare
    const rollups = new DynamoDbTrendRollups(table);

    // Act: a newer run saves first, then an older run's save arrives
    await rollups.saveRollup(rollup('2026-11-21T05', '2026-11-27T10:00:00.000Z', 3));
    await rollups.saveRollup(rollup('2026-11-21T05', '2026-11-27T09:00:00.000Z', 2));
    await rollups.saveRollup(rollup('2026-11-21T05', '2026-11-27T10:00:00.000Z', 3));

    // Assess
    expect(await rollups.rollupsBetween('2026-11-21T00', '2026-11-21T23')).toEqual([
      rollup('2026-11-21T05', '2026-11-27T10:00:00.000Z', 3),
    ]);
    expect(await rollups.hourStates('2026-11-21T00', '2026-11-21T23')).toEqual([
      { hour: '2026-11-21T05', rolledUpFrom: '2026-11-27T10:00:00.000Z' },
    ]);
  });

  it('gives the heat map the counts of the table’s labels, rolled up or live, before and after a reclassification', async () => {
    // Prepare: three articles of one closed hour catalogued, and the job run a minute later
    const clock = new FixedClock(new Date('2026-11-23T12:00:00.000Z'));
    const catalog = new DynamoDbArticleCatalog(table, { clock });
    const deps = { listings: createReader(table), rollups: new DynamoDbTrendRollups(table), clock };
    const labelled = (id: string, topic: string) =>
      anArticle({
        id,
        sortAt: '2026-11-22T14:20:00.000Z',
        countryPairs: [{ pair: 'IN-PK', score: 0.9 }],
        topics: [{ id: topic, score: 0.9 }],
      });
    for (const id of ['r1', 'r2', 'r3']) await catalog.saveArticle(labelled(id, 'trade'), null);
    clock.advance(INDEX_LAG_MS / 1000);
    await rollUpHeatmapHours(deps, { maxHours: 48, timeUp: () => false });
    const day = resolvePeriod({ date: '2026-11-22' }, clock.now(), 1);
    const rolledUp = await heatmap(day, deps);

    // Act: r1 reclassified from trade to diplomacy
    const r1 = await catalog.getArticle('r1');
    await catalog.saveArticle({ ...labelled('r1', 'diplomacy'), revision: 2 }, r1);
    const afterChange = await heatmap(day, deps);

    // Assess
    expect(rolledUp).toMatchObject({ rolledUpHours: 24, scanned: 0 });
    expect(rolledUp.cells).toEqual([{ pair: 'IN-PK', topic: 'trade', count: 3 }]);
    expect(afterChange).toMatchObject({ rolledUpHours: 23, scanned: 3 });
    expect(afterChange.cells).toEqual([
      { pair: 'IN-PK', topic: 'diplomacy', count: 1 },
      { pair: 'IN-PK', topic: 'trade', count: 2 },
    ]);
  });
});
