/** The Aho–Corasick matcher over folded text: every occurrence, overlapping ones included. */
import { describe, expect, it } from 'vitest';
import { FoldedMatcher } from '../../../shared/classification/languages/folded-matcher.ts';

function occurrences(patterns: string[], text: string): [string, number, number][] {
  const found: [string, number, number][] = [];
  FoldedMatcher.build(patterns).scan(text, (pattern, start, end) =>
    found.push([patterns[pattern] ?? '', start, end]),
  );
  return found;
}

describe('FoldedMatcher', () => {
  it('finds overlapping and nested patterns, in order of their ends', () => {
    // Assess
    expect(occurrences(['he', 'she', 'his', 'hers'], 'ushers')).toEqual([
      ['she', 1, 4],
      ['he', 2, 4],
      ['hers', 2, 6],
    ]);
  });

  it('finds patterns in any script, through failure links', () => {
    // Assess
    expect(occurrences(['印度', '印度尼西亚', '尼西'], '在印度尼西亚和印度')).toEqual([
      ['印度', 1, 3],
      ['尼西', 3, 5],
      ['印度尼西亚', 1, 6],
      ['印度', 7, 9],
    ]);
  });

  it('never reports an empty pattern', () => {
    // Assess
    expect(occurrences(['', 'a'], 'aa')).toEqual([
      ['a', 0, 1],
      ['a', 1, 2],
    ]);
  });
});
