/** Country salience: headline mentions and repeated names make a country salient, a passing mention does not. */
import { describe, expect, it } from 'vitest';
import {
  type GeoMention,
  salientCountries,
  scoreCountries,
} from '../../shared/classification/country-salience.ts';

function mention(
  code: string,
  sentence: number,
  zone: GeoMention['zone'],
  kind: GeoMention['kind'] = 'name',
): GeoMention {
  return { code, kind, role: 'plain', start: sentence * 100, end: sentence * 100 + 5, sentence, zone };
}

describe('country salience', () => {
  it('ranks the country named in the title and repeated in the body first', () => {
    // Prepare
    const mentions = [
      mention('PK', 0, 'title'),
      mention('PK', 2, 'lead'),
      mention('PK', 6, 'body'),
      mention('US', 5, 'body'),
    ];

    // Act
    const ranked = scoreCountries(mentions);

    // Assess
    expect(ranked.map((country) => country.code)).toEqual(['PK', 'US']);
    expect(ranked[0]?.score).toBeGreaterThan(ranked[1]?.score ?? 1);
    expect(ranked[0]?.mentions).toBe(3);
    expect(ranked[0]?.sentences).toEqual([0, 2, 6]);
  });

  it('leaves out a country mentioned once in passing beside a dominant one', () => {
    // Prepare
    const dominant = [0, 1, 2, 3, 4, 5, 6].map((sentence) =>
      mention('JP', sentence, sentence === 0 ? 'title' : 'body'),
    );
    const passing = mention('BR', 9, 'body', 'demonym');

    // Act
    const salient = salientCountries(scoreCountries([...dominant, passing]));

    // Assess
    expect(salient.map((country) => country.code)).toEqual(['JP']);
  });

  it('keeps the dateline country even when the body is about another', () => {
    // Prepare
    const mentions = [
      mention('GB', 1, 'dateline', 'capital'),
      ...[2, 3, 4, 5].map((sentence) => mention('JP', sentence, 'body')),
    ];

    // Act
    const salient = salientCountries(scoreCountries(mentions));

    // Assess
    expect(salient.map((country) => country.code).sort()).toEqual(['GB', 'JP']);
  });

  it('weighs a name more than a demonym', () => {
    // Prepare
    const mentions = [mention('FR', 1, 'body', 'name'), mention('DE', 2, 'body', 'demonym')];

    // Act
    const ranked = scoreCountries(mentions);

    // Assess
    expect(ranked.map((country) => country.code)).toEqual(['FR', 'DE']);
  });
});
