/**
 * The English classifier's patterns are compiled ahead of time (npm run build:classifier); the
 * stored compilation must be what a fresh build makes, and serve only the texts it was made from.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ENGLISH_PATTERNS_FILE, englishPatternsText } from '../../scripts/build-classifier.ts';
import { classifierPatternTexts } from '../../shared/classification/classifier.ts';
import {
  compilePatterns,
  loadPatterns,
  type StoredPatterns,
  storePatterns,
} from '../../shared/classification/compiled-patterns.ts';

describe('the stored English patterns', () => {
  it('are exactly what scripts/build-classifier.ts makes from the classification data', async () => {
    // Prepare
    const committed = await readFile(ENGLISH_PATTERNS_FILE, 'utf8');

    // Act
    const rebuilt = englishPatternsText();

    // Assess
    expect(rebuilt).toBe(committed);
  });

  it('load as the same compilation a fresh build makes', () => {
    // Prepare
    const texts = classifierPatternTexts();
    const fresh = compilePatterns(texts);

    // Act
    const loaded = loadPatterns(texts, storePatterns(texts, fresh));

    // Assess
    expect(loaded?.patternOf).toEqual(fresh.patternOf);
    expect(loaded?.folded).toEqual(fresh.folded);
  });

  it('are not used for other texts, such as a stage with extra aliases', async () => {
    // Prepare
    const stored = JSON.parse(await readFile(ENGLISH_PATTERNS_FILE, 'utf8')) as StoredPatterns;
    const withAlias = classifierPatternTexts({ extraAliases: { PK: ['Pakland'] } });
    const reordered = classifierPatternTexts().reverse();

    // Act
    const loaded = [loadPatterns(withAlias, stored), loadPatterns(reordered, stored)];

    // Assess
    expect(loaded).toEqual([null, null]);
  });
});

describe('compilePatterns', () => {
  it('gives texts that fold alike one pattern, and none to a text that cannot match', () => {
    // Prepare
    const texts = [
      { text: "Côte d'Ivoire", openEnd: false },
      { text: 'cote d’ivoire', openEnd: false },
      { text: 'terroris', openEnd: true },
      { text: 'terroris', openEnd: false },
      { text: '★', openEnd: false },
    ];

    // Act
    const { patternOf, folded } = compilePatterns(texts);

    // Assess
    expect([...patternOf]).toEqual([0, 0, 1, 2, -1]);
    expect(folded.length).toBe("cote d'ivoire".length + 1 + 2 * ('terroris'.length + 1));
  });
});
