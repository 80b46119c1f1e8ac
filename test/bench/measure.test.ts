/** Benchmark measuring: rounds alternate which contestant runs first, and the median round counts. */
import { describe, expect, it } from 'vitest';
import { alternatingRounds, median, roundOrder } from '../../bench/measure.ts';

describe('alternatingRounds', () => {
  it('runs every contestant once per round, the first of one round last in the next (AB BA AB BA)', async () => {
    // Prepare
    const runs: string[] = [];

    // Act
    await alternatingRounds(['A', 'B'], 4, (contestant) => {
      runs.push(contestant);
      return 0;
    });

    // Assess
    expect(runs.join(' ')).toBe('A B B A A B B A');
  });

  it("gives each contestant's figures in contestant order, one per round, whatever order they ran in", async () => {
    // Prepare
    let clock = 0;

    // Act
    const figures = await alternatingRounds(['fast', 'slow'], 3, async (contestant) => {
      clock += 1;
      return `${contestant}@${clock}`;
    });

    // Assess
    expect(figures).toEqual([
      ['fast@1', 'fast@4', 'fast@5'],
      ['slow@2', 'slow@3', 'slow@6'],
    ]);
  });
});

describe('roundOrder', () => {
  it('reverses the contestants in odd rounds, so each runs first as often as it runs last', () => {
    // Prepare
    const contestants = ['wirewatch', 'rss-parser', 'feed-extractor'];

    // Act
    const orders = [0, 1, 2].map((round) => roundOrder(contestants, round));

    // Assess
    expect(orders).toEqual([contestants, [...contestants].reverse(), contestants]);
  });
});

describe('median', () => {
  it('takes the middle figure of an odd count and the mean of the two middle ones of an even count', () => {
    // Prepare
    const odd = [9, 1, 5];
    const even = [4, 1, 3, 100];

    // Act
    const results = [median(odd), median(even)];

    // Assess
    expect(results).toEqual([5, 3.5]);
  });
});
