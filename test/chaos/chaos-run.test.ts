/**
 * A short `wirewatch chaos` run, as part of the suite: at a 20 % fault rate the pipeline loses no
 * article, stores none twice, misses no alert and sends none twice except the duplicate injected on
 * purpose, and only the messages poisoned on purpose end in dead-letter queues.
 */
import { describe, expect, it } from 'vitest';
import { chaosPassed, runChaos } from '../../local/chaos/chaos-run.ts';

const sum = (counts: Record<string, number>) =>
  Object.values(counts).reduce((total, count) => total + count, 0);

describe('wirewatch chaos, short run', () => {
  it('meets every target at a 20 % fault rate on 60 articles from 6 feeds', {
    timeout: 900_000,
  }, async () => {
    // Act
    const { report, details } = await runChaos({ articles: 60, feeds: 6, faultRate: 0.2, seed: 1 });

    // Assess: faults were injected at every layer.
    expect(sum(details.aws.injected)).toBeGreaterThan(100);
    expect(details.sdkRetries).toBeGreaterThan(0);
    expect(sum(details.runtime.redelivered)).toBeGreaterThan(0);
    expect(sum(details.feeds)).toBeGreaterThan(0);
    // Assess: the report has exactly the shape, and the ground truth is met.
    expect(Object.keys(report)).toEqual([
      'seed',
      'faultRate',
      'articles',
      'alerts',
      'deadLetters',
      'retries',
      'seconds',
    ]);
    expect(report.articles).toEqual({ expected: 60, stored: 60, lost: 0, duplicated: 0 });
    expect(report.alerts).toMatchObject({ missing: 0, duplicated: 0 });
    expect(report.alerts.delivered).toBe(report.alerts.expected);
    expect(details.unexpectedAlerts).toEqual([]);
    expect(report.deadLetters.length).toBeGreaterThanOrEqual(3);
    expect(report.deadLetters.every(({ poisoned }) => poisoned)).toBe(true);
    expect(new Set(report.deadLetters.map(({ queue }) => queue))).toEqual(
      new Set(['feedJobs', 'articleJobs', 'classifyJobs']),
    );
    expect(chaosPassed(report, details)).toBe(true);
  });
});
