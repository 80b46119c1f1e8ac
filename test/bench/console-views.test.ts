/**
 * `wirewatch bench console` on a small generated day: every view answers over what the pipeline's
 * classification stored, the heat map reads each topic label item once per round, and the preview
 * reads the whole archive when it is small. Timing is not asserted: the machine's load decides it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleViewFigures, measureConsoleViews } from '../../bench/console-views.ts';

let figures: ConsoleViewFigures;

beforeAll(async () => {
  // Act
  figures = await measureConsoleViews(40, 2);
}, 300_000);

describe('bench console', () => {
  it('meters the heat map’s label items, and a 30-day heat map as thirty days of them', () => {
    // Assess
    expect(figures.heatmap.labelItems).toBeGreaterThan(0);
    expect(Number.isInteger(figures.heatmap.labelItems)).toBe(true);
    expect(figures.heatmap.readUnits).toBeGreaterThanOrEqual(0.5);
    expect(figures.heatmap30Days.labelItems).toBe(30 * figures.heatmap.labelItems);
  });

  it('times the timeline and a cell’s articles over what the heat map counted', () => {
    // Assess
    expect(figures.timeline.labelItems).toBeGreaterThan(0);
    expect(figures.cellArticles.shown).toBeGreaterThan(0);
  });

  it('previews a rule over the whole small archive without truncating it, per document and from day shards alike', () => {
    // Assess
    expect(figures.preview).toMatchObject({ scanned: 40, truncated: false });
    expect(figures.shardedPreview).toMatchObject({ scanned: 40, truncated: false, sameAsPerDocument: true });
    expect(figures.shardJob.documents).toBe(40);
  });

  it('rolls up the day’s closed hours into a heat map with exactly the live one’s counts', () => {
    // Assess
    // The job read the closed hours' label items, the heat map the open hour's: each item once.
    expect(figures.rollupJob.labelItems + figures.heatmapRolledUp.labelItems).toBe(
      figures.heatmap.labelItems,
    );
    expect(figures.heatmapRolledUp.rolledUpHours).toBeGreaterThan(0);
    expect(figures.heatmapRolledUp.sameAsLive).toBe(true);
    expect(figures.heatmap30DaysRolledUp.rolledUpHours).toBeGreaterThan(
      figures.heatmapRolledUp.rolledUpHours,
    );
  });
});
