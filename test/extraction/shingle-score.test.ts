import { describe, expect, it } from 'vitest';
import {
  aggregateScores,
  pagePrecision,
  pageRecall,
  shingleCounts,
  shinglesOf,
  wordTokens,
} from '../../shared/extraction/shingle-score.ts';

describe('wordTokens', () => {
  it('splits on anything but letters, digits and underscores, keeping case and accents', () => {
    // Prepare
    const text = 'Café-owner’s snake_case 42, Ünïcode!';

    // Act
    const tokens = wordTokens(text);

    // Assess
    expect(tokens).toEqual(['Café', 'owner', 's', 'snake_case', '42', 'Ünïcode']);
  });
});

describe('shinglesOf', () => {
  it('counts overlapping four-token shingles as a multiset', () => {
    // Prepare
    const text = 'a b c d a b c d';

    // Act
    const shingles = shinglesOf(text);

    // Assess
    expect([...shingles.values()].reduce((sum, count) => sum + count, 0)).toBe(5);
    expect(shingles.get(['a', 'b', 'c', 'd'].join('\u0001'))).toBe(2);
  });

  it('makes one shingle of a text shorter than four tokens, and none of an empty one', () => {
    // Prepare
    const short = 'two words';

    // Act
    const shortShingles = shinglesOf(short);
    const emptyShingles = shinglesOf('  ,  ');

    // Assess
    expect([...shortShingles.keys()]).toEqual(['two\u0001words']);
    expect(emptyShingles.size).toBe(0);
  });
});

describe('shingleCounts', () => {
  it('normalises true positives, false positives and false negatives to sum 1', () => {
    // Prepare: expected has 3 shingles, the prediction shares 2 and adds 1.
    const expected = 'one two three four five six';
    const predicted = 'two three four five six seven';

    // Act
    const counts = shingleCounts(expected, predicted);

    // Assess
    expect(counts.tp).toBeCloseTo(2 / 4);
    expect(counts.fp).toBeCloseTo(1 / 4);
    expect(counts.fn).toBeCloseTo(1 / 4);
    expect(pagePrecision(counts)).toBeCloseTo(2 / 3);
    expect(pageRecall(counts)).toBeCloseTo(2 / 3);
  });

  it('scores an exact match 1 and an empty prediction 0 recall', () => {
    // Prepare
    const expected = 'the quick brown fox jumps';

    // Act
    const exact = shingleCounts(expected, expected);
    const empty = shingleCounts(expected, '');

    // Assess
    expect(pagePrecision(exact)).toBe(1);
    expect(pageRecall(exact)).toBe(1);
    expect(pageRecall(empty)).toBe(0);
  });
});

describe('aggregateScores', () => {
  it('averages precision and recall over pages and takes F1 from the averages', () => {
    // Prepare: one perfect page, one half-right page.
    const pages = [
      shingleCounts('a b c d e', 'a b c d e'),
      shingleCounts('one two three four five six', 'two three four five six seven'),
    ];

    // Act
    const scores = aggregateScores(pages);

    // Assess
    expect(scores.precision).toBeCloseTo((1 + 2 / 3) / 2);
    expect(scores.recall).toBeCloseTo((1 + 2 / 3) / 2);
    expect(scores.f1).toBeCloseTo(5 / 6);
  });

  it('leaves a page with an empty prediction out of precision, as the benchmark does', () => {
    // Prepare
    const pages = [shingleCounts('a b c d e', 'a b c d e'), shingleCounts('a b c d e', '')];

    // Act
    const scores = aggregateScores(pages);

    // Assess
    expect(scores.precision).toBe(1);
    expect(scores.recall).toBe(0.5);
    expect(scores.f1).toBeCloseTo(2 / 3);
  });
});
