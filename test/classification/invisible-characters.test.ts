/** Zero-width characters and soft hyphens inside words: the classifier reads through them, as rules do. */
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../shared/classification/classifier.ts';
import { TermMatcher } from '../../shared/classification/term-matcher.ts';
import { compileRuleSet } from '../../shared/rules/rule-set.ts';

const PLAIN =
  'Pakistan and the United States resumed their counterterrorism dialogue in Islamabad on Monday.';
const HIDDEN =
  'Paki\u200Bstan and the United\u00AD States resumed their counterterrorism dialogue in Islam\u200Dabad on Monday.';

describe('invisible characters', () => {
  it('classify the same with zero-width characters and soft hyphens inside the names', () => {
    // Prepare
    const classifier = createClassifier();

    // Act
    const plain = classifier.classify({ title: 'Talks resume', text: PLAIN });
    const hidden = classifier.classify({ title: 'Talks resume', text: HIDDEN });

    // Assess
    expect(hidden.countries.map(({ code }) => code)).toEqual(plain.countries.map(({ code }) => code));
    expect(hidden.countries.map(({ code }) => code)).toEqual(expect.arrayContaining(['PK', 'US']));
    expect(hidden.primaryPair).toBe(plain.primaryPair);
  });

  it('place a match over the whole written word, invisible characters included, and keep word boundaries', () => {
    // Prepare
    const matcher = TermMatcher.build([{ text: 'Pakistan' }]);
    const found: [number, number][] = [];
    const text = 'In Paki\u200Bstan, not x\u200BPakistan nor Pakistan\u200Bi.';

    // Act
    matcher.scan(text, (_, start, end) => found.push([start, end]));

    // Assess
    expect(found.map(([start, end]) => text.slice(start, end))).toEqual(['Paki\u200Bstan']);
  });

  it('agree with the rule matcher on the same text', () => {
    // Prepare
    const rules = compileRuleSet([{ id: 'pk', query: 'pakistan' }]);
    const classifier = createClassifier();

    // Act
    const ruleMatches = rules.match({
      title: '',
      text: HIDDEN,
      source: 'x',
      lang: 'en',
      countries: [],
      pairs: [],
      topics: [],
      relations: [],
    });
    const countries = classifier.classify({ title: '', text: HIDDEN }).countries.map(({ code }) => code);

    // Assess
    expect(ruleMatches.map(({ ruleId }) => ruleId)).toEqual(['pk']);
    expect(countries).toContain('PK');
  });
});
