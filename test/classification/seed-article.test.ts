/** The seed article (samples/articles/bilateral-ties.txt): the kind of story wirewatch exists for. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../shared/classification/classifier.ts';

const SEED = readFileSync(new URL('../../samples/articles/bilateral-ties.txt', import.meta.url), 'utf8');
const TITLE =
  'Governments in Pakistan and United States seek stronger ties as a Congress delegation concludes Islamabad visit';

describe('the seed article on Pakistan–United States ties', () => {
  const classification = createClassifier().classify({ title: TITLE, text: SEED });

  it('is about Pakistan and the United States, and no other country', () => {
    // Prepare
    const expected = ['PK', 'US'];

    // Act
    const codes = classification.countries.map((country) => country.code);

    // Assess
    expect(codes).toEqual(expected);
  });

  it('has PK-US as its primary pair, with sentences naming both countries as evidence', () => {
    // Prepare
    const pair = 'PK-US';

    // Act
    const top = classification.pairs[0];

    // Assess
    expect(classification.primaryPair).toBe(pair);
    expect(top?.pair).toBe(pair);
    expect(top?.evidence.length).toBeGreaterThan(0);
    for (const sentence of top?.evidence ?? []) {
      expect(sentence).toMatch(/Pak|Islamabad/);
      expect(sentence).toMatch(/US|United States|American|Washington/);
    }
  });

  it('is about diplomacy, counterterrorism and investment, shown by sentences on each', () => {
    // Prepare
    const expected = {
      diplomacy: /bilateral|Foreign|delegation/,
      counterterrorism: /terror/i,
      investment: /investment/i,
    };

    // Act
    const topics = new Map(classification.topics.map((topic) => [topic.id, topic]));

    // Assess
    for (const [id, evidence] of Object.entries(expected)) {
      const topic = topics.get(id as 'diplomacy');
      expect(topic, id).toBeDefined();
      expect(topic?.evidence[0]).toMatch(evidence);
      expect(topic?.iptc.length).toBeGreaterThan(0);
    }
  });

  it('relates Pakistan and the United States by verbal cooperation, shown by a sentence naming both', () => {
    // Act
    const relation = classification.pairs.find((pair) => pair.pair === 'PK-US')?.relation;

    // Assess
    expect(relation?.type).toBe('verbal-cooperation');
    expect(relation?.evidence).toMatch(/Pak|Islamabad/);
    expect(relation?.evidence).toMatch(/US|United States|American|Washington/);
  });

  it('reports scores in 0..1 with at most three decimals', () => {
    // Prepare
    const scores = [
      ...classification.countries.map((country) => country.score),
      ...classification.pairs.map((pair) => pair.score),
      ...classification.topics.map((topic) => topic.score),
    ];

    // Act
    const malformed = scores.filter(
      (score) => score < 0 || score > 1 || Math.round(score * 1000) !== score * 1000,
    );

    // Assess
    expect(malformed).toEqual([]);
  });
});
