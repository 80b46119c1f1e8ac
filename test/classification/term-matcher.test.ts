/** The Aho–Corasick matcher: whole words, overlaps, folding, open ends, and agreement with a naive search. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TermMatcher, type TermPattern } from '../../shared/classification/term-matcher.ts';

function matches(patterns: TermPattern[], text: string): [string, string][] {
  const found: [string, string][] = [];
  TermMatcher.build(patterns).scan(text, (pattern, start, end) => {
    found.push([patterns[pattern]?.text ?? '', text.slice(start, end)]);
  });
  return found;
}

describe('TermMatcher', () => {
  it('reports every pattern, overlapping ones included, as whole words only', () => {
    // Prepare
    const patterns = [{ text: 'guinea' }, { text: 'equatorial guinea' }, { text: 'niger' }];

    // Act
    const found = matches(patterns, 'Equatorial Guinea, Nigeria and Niger.');

    // Assess
    expect(found).toEqual([
      ['equatorial guinea', 'Equatorial Guinea'],
      ['guinea', 'Guinea'],
      ['niger', 'Niger'],
    ]);
  });

  it('folds case, accents, apostrophes, and treats runs of spaces, newlines and dashes as one gap', () => {
    // Prepare
    const patterns = [{ text: "cote d'ivoire" }, { text: 'guinea bissau' }, { text: 'united states' }];

    // Act
    const found = matches(patterns, 'CÔTE D’IVOIRE, Guinea-Bissau and the United\n    States');

    // Assess
    expect(found.map(([pattern]) => pattern)).toEqual(["cote d'ivoire", 'guinea bissau', 'united states']);
    expect(found[2]?.[1]).toBe('United\n    States');
  });

  it('matches an open-ended pattern as a word prefix only', () => {
    // Prepare
    const patterns = [{ text: 'terroris', openEnd: true }];

    // Act
    const found = matches(patterns, 'terrorism, terrorists, counterterrorism');

    // Assess
    expect(found.map(([, text]) => text)).toEqual(['terroris', 'terroris']);
  });

  it('never reports a pattern with characters no text can hold', () => {
    // Prepare
    const patterns = [{ text: 'Cocos (Keeling)' }, { text: 'keeling' }];

    // Act
    const found = matches(patterns, 'Cocos (Keeling) Islands');

    // Assess
    expect(found).toEqual([['keeling', 'Keeling']]);
  });

  it('finds the same whole-word matches as a naive search', () => {
    // Prepare
    const word = fc.stringMatching(/^[ab]{1,3}$/);
    const property = fc.property(
      fc.uniqueArray(word, { minLength: 1, maxLength: 6 }),
      fc.array(word, { maxLength: 12 }),
      (terms, words) => {
        const text = words.join(' ');

        // Act
        const found = matches(
          terms.map((text) => ({ text })),
          text,
        )
          .map(([pattern]) => pattern)
          .sort();

        // Assess
        const tokens = text.split(' ').filter((token) => token !== '');
        const expected = tokens.filter((token) => terms.includes(token)).sort();
        expect(found).toEqual(expected);
      },
    );
    fc.assert(property);
  });

  it('matches past 65,535 states, where the table needs full-width entries', () => {
    // Prepare: 9,000 random ten-letter words share few prefixes, so the trie has about 70,000 states.
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    let seed = 1;
    const nextLetter = () => {
      seed = (seed * 48271) % 2147483647;
      return letters[seed % 26];
    };
    const words = Array.from({ length: 9000 }, () => Array.from({ length: 10 }, nextLetter).join(''));
    const terms = [...new Set(words)];
    const first = terms[0] ?? '';
    const last = terms[terms.length - 1] ?? '';

    // Act
    const matcher = TermMatcher.build(terms.map((text) => ({ text })));
    const found: string[] = [];
    const text = `${last} and ${first}, not ${first}x`;
    matcher.scan(text, (pattern, start, end) => found.push(`${terms[pattern]}=${text.slice(start, end)}`));

    // Assess
    expect(matcher.stateCount).toBeGreaterThan(0xffff);
    expect(found).toEqual([`${last}=${last}`, `${first}=${first}`]);
  });
});
