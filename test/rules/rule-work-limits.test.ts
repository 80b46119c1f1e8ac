import { describe, expect, it } from 'vitest';
import { compileRuleSet, type MatchableArticle } from '../../shared/rules/rule-set.ts';

const crowded: MatchableArticle = {
  title: 'Cabinet',
  text: [
    `The minister of the interior of the republic said the the the ${'the people of the the country the '.repeat(10)}agreed.`,
    'The minister of the interior of the republic of the state of the union met the minister of the interior.',
    'Then the the the the the the the minister of the interior of the the republic left the building.',
  ].join(' '),
};

function matchTimed(query: string, article: MatchableArticle) {
  const limits: string[] = [];
  const rules = compileRuleSet([{ id: 'r', query }], { onWorkLimit: (id) => limits.push(id) });
  const started = performance.now();
  const [match] = rules.match(article);
  const highlights = match?.highlights.map(({ term, start }) => `${term}@${start}`) ?? null;
  return { highlights, limits, ms: performance.now() - started };
}

describe('rules with repeated words', () => {
  it('matches "the the the the"~1000 on one sentence, highlighting every "the" of it', () => {
    // Prepare
    const article = { title: 'x', text: `The the of the the, the ${'the '.repeat(40)}end.` };

    // Act
    const { highlights, limits, ms } = matchTimed('"the the the the"~1000', article);

    // Assess
    expect(highlights).toHaveLength(45);
    expect(limits).toEqual([]);
    expect(ms).toBeLessThan(2000);
  });

  it('matches "the minister of the interior of the republic"~10 on three crowded sentences', () => {
    // Prepare
    const query = '"the minister of the interior of the republic"~10';

    // Act
    const { highlights, limits, ms } = matchTimed(query, crowded);

    // Assess
    expect(highlights).toContain('minister@4');
    expect(highlights).toContain('republic@36');
    expect(limits).toEqual([]);
    expect(ms).toBeLessThan(2000);
  });

  it('does not match when the repeated words are too few for the operands', () => {
    // Prepare
    const article = { title: 'x', text: 'The cat sat on the mat. The dog.' };

    // Act
    const { highlights, limits } = matchTimed('"the the the"~50', article);

    // Assess
    expect(highlights).toBeNull();
    expect(limits).toEqual([]);
  });
});

describe('the work budget of a rule', () => {
  it('stops chained NEARs of one frequent word, reports the rule and does not match it', () => {
    // Prepare
    const query = 'the NEAR/50 the NEAR/50 the NEAR/50 the';

    // Act
    const { highlights, limits, ms } = matchTimed(query, crowded);

    // Assess
    expect(highlights).toBeNull();
    expect(limits).toEqual(['r']);
    expect(ms).toBeLessThan(2000);
  });

  it('does not let NOT turn a search that ran out into a match', () => {
    // Prepare
    const query = 'NOT (the NEAR/50 the NEAR/50 the NEAR/50 the)';

    // Act
    const { highlights, limits } = matchTimed(query, crowded);

    // Assess
    expect(highlights).toBeNull();
    expect(limits).toEqual(['r']);
  });

  it('leaves the other rules of the set matching', () => {
    // Prepare
    const rules = compileRuleSet(
      [
        { id: 'runaway', query: 'the NEAR/50 the NEAR/50 the NEAR/50 the' },
        { id: 'minister', query: 'minister NEAR/3 interior' },
      ],
      { maxRuleSteps: 10_000 },
    );

    // Act
    const matched = rules.match(crowded).map(({ ruleId }) => ruleId);

    // Assess
    expect(matched).toEqual(['minister']);
  });
});
