/** Country pairs: co-occurrence in sentences, relation cues and compounds, weighted by salience. */
import { describe, expect, it } from 'vitest';
import { rankPairs } from '../../shared/classification/country-pairs.ts';
import type { CountrySalience } from '../../shared/classification/country-salience.ts';

function country(code: string, score: number): CountrySalience {
  return { code, weight: score * 5, mentions: 3, sentences: [], inHeadline: false, acts: false, score };
}

describe('rankPairs', () => {
  it('has no pair for fewer than two salient countries', () => {
    // Prepare
    const salient = [country('PK', 0.9)];

    // Act
    const pairs = rankPairs({
      salient,
      countriesBySentence: new Map(),
      relationBySentence: new Map(),
      links: [],
    });

    // Assess
    expect(pairs).toEqual([]);
  });

  it('ranks the pair that shares sentences with relation cues above one that never meets', () => {
    // Prepare
    const salient = [country('PK', 0.9), country('US', 0.8), country('CN', 0.85)];
    const countriesBySentence = new Map([
      [1, new Set(['PK', 'US'])],
      [4, new Set(['PK', 'US'])],
      [6, new Set(['CN'])],
    ]);
    const relationBySentence = new Map([[4, 1]]);

    // Act
    const pairs = rankPairs({ salient, countriesBySentence, relationBySentence, links: [] });

    // Assess
    expect(pairs[0]?.pair).toBe('PK-US');
    expect(pairs[0]?.sentences).toEqual([4, 1]);
    expect(pairs.find((pair) => pair.pair === 'CN-PK')).toBeUndefined();
    expect(pairs.map((pair) => pair.pair)).toEqual(['PK-US']);
  });

  it('counts a compound such as "Pak-US" as extra support', () => {
    // Prepare
    const salient = [country('PK', 0.8), country('US', 0.8)];
    const countriesBySentence = new Map([[2, new Set(['PK', 'US'])]]);
    const input = { salient, countriesBySentence, relationBySentence: new Map<number, number>() };

    // Act
    const plain = rankPairs({ ...input, links: [] });
    const compound = rankPairs({
      ...input,
      links: [{ sentence: 2, codes: ['US', 'PK'] as [string, string] }],
    });

    // Assess
    expect(compound[0]?.score).toBeGreaterThan(plain[0]?.score ?? 1);
  });

  it('sorts the codes of a pair alphabetically', () => {
    // Prepare
    const salient = [country('US', 0.9), country('AF', 0.7)];

    // Act
    const pairs = rankPairs({
      salient,
      countriesBySentence: new Map([[0, new Set(['US', 'AF'])]]),
      relationBySentence: new Map(),
      links: [],
    });

    // Assess
    expect(pairs.map((pair) => pair.pair)).toEqual(['AF-US']);
  });
});
