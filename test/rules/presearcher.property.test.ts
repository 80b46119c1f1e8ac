import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleIndexOptions, indexArticle, ruleWords } from '../../shared/rules/article-index.ts';
import { WorkBudget } from '../../shared/rules/match-budget.ts';
import { Presearcher } from '../../shared/rules/presearcher.ts';
import { holds } from '../../shared/rules/rule-evaluation.ts';
import { parseRule } from '../../shared/rules/rule-language.ts';
import {
  compileRuleSet,
  loadRuleSet,
  type MatchableArticle,
  precompileRuleSet,
  type RuleDefinition,
} from '../../shared/rules/rule-set.ts';

// A small vocabulary with compounds, plurals and shared prefixes, so that random rules and random
// articles meet often and in all the awkward ways.
const WORDS = [
  'iran',
  'sanctions',
  'talks',
  'counter',
  'terrorism',
  'counterterrorism',
  'dialogue',
  'dialogues',
  'pakistan',
  'policy',
  'policies',
  'peace',
  'a',
  'part',
  'apart',
  'São',
];
const SEPARATORS = [' ', ' ', ' ', '-', ', ', '. ', '\n\n', ' the '];
const LABELS = [
  'country:PK',
  'country:US',
  'pair:US-PK',
  'topic:economy',
  'topic:eco*',
  'lang:en',
  'source:dawn',
];

const word = fc.constantFrom(...WORDS);
const distance = fc.integer({ min: 0, max: 4 });
const leaf = fc.oneof(
  word,
  word.map((term) => `${term.slice(0, 3)}*`),
  fc.tuple(word, word).map(([a, b]) => `"${a} ${b}"`),
  fc.tuple(word, word).map(([a, b]) => `${a}-${b}`),
  fc.tuple(word, word, distance).map(([a, b, n]) => `"${a} ${b}"~${n}`),
  fc.tuple(word, word, distance).map(([a, b, n]) => `${a} NEAR/${n} ${b}`),
  fc.tuple(fc.constantFrom('title', 'text'), word).map(([field, term]) => `${field}:${term}`),
  fc.constantFrom(...LABELS),
);
const { query } = fc.letrec<{ query: string }>((tie) => ({
  query: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.tuple(tie('query'), tie('query')).map(([a, b]) => `(${a} AND ${b})`),
    fc.tuple(tie('query'), tie('query')).map(([a, b]) => `(${a} OR ${b})`),
    fc.tuple(tie('query'), tie('query')).map(([a, b]) => `(${a} ${b})`),
    tie('query').map((a) => `(NOT ${a})`),
    tie('query').map((a) => `-(${a})`),
  ),
}));

const prose = fc
  .array(fc.tuple(word, fc.constantFrom(...SEPARATORS), fc.boolean()), { maxLength: 30 })
  .map((parts) =>
    parts.map(([term, separator, capital]) => (capital ? term.toUpperCase() : term) + separator).join(''),
  );
const article: fc.Arbitrary<MatchableArticle> = fc.record({
  title: prose,
  text: prose,
  source: fc.constantFrom(null, 'Dawn', 'reuters.com'),
  lang: fc.constantFrom(null, 'en', 'fr'),
  countries: fc.subarray(['PK', 'US', 'IN']),
  pairs: fc.subarray(['PK-US', 'IN-PK']),
  topics: fc.subarray(['economy', 'security']),
});

describe('the presearcher', () => {
  it.each([
    [
      'finds exactly the matches that evaluating every rule finds',
      {
        build: compileRuleSet,
        reference: (rules: RuleDefinition[]) => compileRuleSet(rules, { presearch: false }),
        numRuns: 400,
      },
    ],
    [
      'matches, precompiled to JSON and loaded, exactly what the set compiled from the rules matches',
      {
        build: (rules: RuleDefinition[]) => loadRuleSet(JSON.parse(JSON.stringify(precompileRuleSet(rules)))),
        reference: compileRuleSet,
        numRuns: 300,
      },
    ],
  ] as const)('%s', (_name, { build, reference, numRuns }) => {
    fc.assert(
      fc.property(
        fc.array(query, { minLength: 1, maxLength: 25 }),
        fc.array(article, { maxLength: 4 }),
        (queries, articles) => {
          // Prepare
          const rules = queries.map((text, at) => ({ id: `R${at}`, query: text }));
          const tested = build(rules);
          const expected = reference(rules);

          // Act
          const found = articles.map((target) => tested.match(target));
          const wanted = articles.map((target) => expected.match(target));

          // Assess
          expect(found).toEqual(wanted);
        },
      ),
      { numRuns },
    );
  });

  it('never misses a match after re-indexing rules by the clauses articles satisfy least', () => {
    fc.assert(
      fc.property(
        fc.array(query, { minLength: 1, maxLength: 25 }),
        fc.array(article, { minLength: 1, maxLength: 40 }),
        (queries, articles) => {
          // Prepare
          const rules = queries.map((text) => parseRule(text));
          const adaptingAfterOneArticle = Presearcher.forRules(rules, 1);
          const options = articleIndexOptions(ruleWords(rules));

          // Act
          const missed = articles.flatMap((target) => {
            const index = indexArticle(target, options);
            const candidates = new Set(adaptingAfterOneArticle.candidates(index));
            return rules.filter((rule, at) => holds(rule, index, new WorkBudget()) && !candidates.has(at));
          });

          // Assess
          expect(missed).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is exercised: random rules match random articles, and some rules are not matched', () => {
    // Prepare
    const samples = fc.sample(fc.tuple(query, article), { numRuns: 300, seed: 7 });

    // Act
    const outcomes = samples.map(
      ([text, target]) => compileRuleSet([{ id: 'R', query: text }]).match(target).length,
    );

    // Assess
    expect(outcomes).toContain(0);
    expect(outcomes.filter((count) => count === 1).length).toBeGreaterThan(30);
  });
});

describe('Presearcher.candidates', () => {
  it('lists only the rules whose keys occur in the article, and the rules it cannot index', () => {
    // Prepare
    const rules = [
      'iran',
      '"counterterrorism dialogue"',
      'NOT embargo',
      'pair:PK-US',
      'terror*',
      'sanctions OR iran',
      'pakistan AND iran',
      'country:*',
    ].map((text) => parseRule(text));
    const presearcher = Presearcher.forRules(rules);
    const index = indexArticle(
      { title: '', text: 'Iran and Syria.', pairs: ['IR-SY'] },
      articleIndexOptions(ruleWords(rules)),
    );

    // Act
    const candidates = presearcher.candidates(index);

    // Assess
    expect(candidates).toEqual([0, 2, 5]);
  });
});
