/** The generated work of `bench match`: the same on every run, built from the vocabulary file. */
import { describe, expect, it } from 'vitest';
import vocabulary from '../../bench/data/match-vocabulary.json' with { type: 'json' };
import { generateArticles, generateRules } from '../../bench/match-workload.ts';
import { compileRuleSet } from '../../shared/rules/rule-set.ts';

describe('bench match workload', () => {
  it('generates the same rules and articles on every call, so runs measure the same work', () => {
    // Prepare
    const size = 50;

    // Act
    const [rulesOnce, rulesAgain] = [generateRules(size), generateRules(size)];
    const [articlesOnce, articlesAgain] = [generateArticles(3), generateArticles(3)];

    // Assess
    expect(rulesAgain).toEqual(rulesOnce);
    expect(articlesAgain).toEqual(articlesOnce);
  });

  it('builds rules that compile, starting with the sample analyst rule', () => {
    // Prepare
    const rules = generateRules(200);

    // Act
    const compile = () => compileRuleSet(rules);

    // Assess
    expect(rules).toHaveLength(200);
    expect(rules[0]?.id).toBe('ct-dialogue');
    expect(compile).not.toThrow();
  });

  it("labels articles with the vocabulary's country codes and sources", () => {
    // Prepare
    const codes = new Set(vocabulary.countries.map((country) => country.code));

    // Act
    const articles = generateArticles(20);

    // Assess
    for (const article of articles) {
      expect((article.countries ?? []).every((code) => codes.has(code))).toBe(true);
      expect(vocabulary.sources).toContain(article.source);
      expect(article.text.length).toBeGreaterThan(3_000);
    }
  });
});
