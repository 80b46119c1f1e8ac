import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RuleSyntaxError } from '../../shared/rules/rule-language.ts';
import {
  compileRuleSet,
  loadRuleSet,
  type MatchableArticle,
  PRECOMPILED_RULE_SET_FORMAT,
  precompileRuleSet,
} from '../../shared/rules/rule-set.ts';

const SEED = readFileSync(new URL('../../samples/articles/bilateral-ties.txt', import.meta.url), 'utf8');

function article(text: string, extra: Partial<MatchableArticle> = {}): MatchableArticle {
  return { title: '', text, ...extra };
}

function matches(query: string, target: MatchableArticle): boolean {
  return compileRuleSet([{ id: 'R', query }]).match(target).length === 1;
}

describe('the rule language on articles', () => {
  it.each([
    ['a term', 'sanctions', 'New sanctions were announced.', true],
    ['a missing term', 'embargo', 'New sanctions were announced.', false],
    ['a phrase', '"new sanctions"', 'New sanctions were announced.', true],
    ['a phrase out of order', '"sanctions new"', 'New sanctions were announced.', false],
    ['AND', 'sanctions AND announced', 'New sanctions were announced.', true],
    ['AND with one side missing', 'sanctions AND embargo', 'New sanctions were announced.', false],
    ['adjacent terms as AND', 'sanctions announced', 'New sanctions were announced.', true],
    ['OR', 'embargo OR sanctions', 'New sanctions were announced.', true],
    ['NOT', 'sanctions NOT iran', 'New sanctions were announced.', true],
    ['NOT excluding', 'sanctions NOT iran', 'New sanctions on Iran were announced.', false],
    ['minus', 'sanctions -iran', 'New sanctions on Iran were announced.', false],
    ['NOT alone', 'NOT iran', 'New sanctions were announced.', true],
    ['parentheses', '(iran OR syria) sanctions', 'Sanctions on Syria.', true],
    ['parentheses failing', '(iran OR syria) sanctions', 'Sanctions on Cuba.', false],
    ['a wildcard', 'terror*', 'A terrorist attack.', true],
    ['a wildcard not at a word start', 'terror*', 'A counterterrorism unit.', false],
    ['a wildcard in a phrase', '"terror* attack"', 'A terrorist attack.', true],
    ['a wildcard over a hyphenated compound', 'counterterr*', 'A counter-terrorism unit.', true],
    ['a wildcard not over words apart', 'counterterr*', 'A counter terrorism unit.', false],
    ['proximity of three words', '"iran oil sanctions"~5', 'Sanctions on Iran and its oil.', true],
    ['three words too far', '"iran oil sanctions"~5', 'Sanctions on Iran and on all of its oil.', false],
    ['proximity in order', '"sanctions iran"~5', 'Sanctions imposed last week on Iran.', true],
    ['proximity reversed', '"sanctions iran"~5', 'Iran faces new sanctions.', true],
    ['proximity too far', '"sanctions iran"~2', 'Sanctions imposed last week on Iran.', false],
    ['NEAR', 'sanctions NEAR/5 iran', 'Iran faces new sanctions.', true],
    ['NEAR too far', 'sanctions NEAR/1 iran', 'Iran faces new sanctions.', false],
    ['NEAR with a phrase', '"new sanctions" NEAR/3 iran', 'Iran faces new sanctions.', true],
    ['NEAR needs two occurrences', 'iran NEAR/5 iran', 'Iran faces new sanctions.', false],
  ])('%s: %s', (_, query, text, expected) => {
    // Prepare
    const target = article(text);

    // Act
    const matched = matches(query, target);

    // Assess
    expect(matched).toBe(expected);
  });
});

describe('fields', () => {
  const target = article('The central bank raised rates.', {
    title: 'Pakistan talks',
    source: 'https://www.dawn.com/news/1',
    lang: 'en-GB',
    countries: ['PK', 'US'],
    pairs: ['PK-US'],
    topics: ['counterterrorism'],
  });

  it.each([
    ['title:talks', true],
    ['title:bank', false],
    ['text:bank', true],
    ['text:talks', false],
    ['talks bank', true],
    ['source:dawn.com', true],
    ['source:dawn', true],
    ['source:reuters', false],
    ['lang:en', true],
    ['lang:fr', false],
    ['country:pk', true],
    ['country:IN', false],
    ['pair:US-PK', true],
    ['pair:PK-IN', false],
    ['topic:counterterrorism', true],
    ['topic:counter*', true],
    ['topic:economy', false],
    ['country:PK NOT pair:PK-IN', true],
  ])('%s', (query, expected) => {
    // Prepare: the article above
    // Act
    const matched = matches(query, target);

    // Assess
    expect(matched).toBe(expected);
  });
});

describe('the relation field', () => {
  const target = article('Pakistan and the US held talks; Afghan and Pakistani forces clashed.', {
    countries: ['AF', 'PK', 'US'],
    pairs: ['PK-US', 'AF-PK'],
    relations: [
      { pair: 'PK-US', type: 'verbal-cooperation' },
      { pair: 'AF-PK', type: 'material-conflict' },
    ],
  });

  it.each([
    ['relation:verbal-cooperation', true, 'one pair has it'],
    ['relation:material-conflict', true, 'another pair has it'],
    ['relation:verbal-conflict', false, 'no pair has it'],
    ['relation:conflict', true, 'the shorthand covers verbal and material'],
    ['relation:cooperation', true, 'the shorthand covers verbal and material'],
    ['relation:none', false, 'every pair has a relation'],
    ['relation:material*', true, 'a wildcard'],
    ['relation:US-PK/cooperation', true, 'one pair, in either order'],
    ['relation:PK-US/conflict', false, 'the conflict is another pair’s'],
    ['pair:PK-US AND relation:conflict', true, 'each part holds for some pair'],
    ['relation:PK-US/*', true, 'any relation of the pair'],
    ['relation:IN-PK/*', false, 'a pair not reported'],
  ])('%s: %s (%s)', (query, expected) => {
    // Prepare: the article above
    // Act
    const matched = matches(query, target);

    // Assess
    expect(matched).toBe(expected);
  });

  it('matches no relation on an article catalogued without relations', () => {
    // Prepare
    const older = article('Pakistan and the US held talks.', { pairs: ['PK-US'] });

    // Act
    const matched = matches('relation:cooperation', older);

    // Assess
    expect(matched).toBe(false);
  });
});

describe('normalisation', () => {
  it.each([
    ['hyphen vs joined', '"counter-terrorism dialogue"', 'a counterterrorism dialogue'],
    ['space vs joined', '"counter terrorism dialogue"', 'a counterterrorism dialogue'],
    ['joined vs hyphen', '"counterterrorism dialogue"', 'a counter-terrorism dialogue'],
    ['joined vs space', '"counterterrorism dialogue"', 'a counter terrorism dialogue'],
    ['hyphen vs space', 'counter-terrorism', 'counter terrorism forces'],
    ['a single term in a compound', 'counterterrorism', 'counter-terrorism forces'],
    ['plural in the text', '"counterterrorism dialogue"', 'counterterrorism dialogues began'],
    ['plural in the rule', 'policies', 'a new policy'],
    ['plural in a phrase', '"peace talk"', 'peace talks resumed'],
    ['diacritics', 'sao paulo', 'in São Paulo'],
    ['diacritics in the rule', '"São Paulo"', 'in SAO PAULO'],
    ['case', 'IRAN', 'iran'],
    ['curly quotes', '“counterterrorism dialogue”', 'counterterrorism dialogue'],
    ['curly apostrophes', '"Pakistan\'s desire"', 'Pakistan’s desire'],
    ['soft hyphen', '"counterterrorism dialogue"', 'counter\u00ADterrorism dialogue'],
  ])('%s', (_, query, text) => {
    // Prepare
    const target = article(text);

    // Act
    const matched = matches(query, target);

    // Assess
    expect(matched).toBe(true);
  });

  it.each([
    ['-uses in the text', 'surplus', 'trade surpluses grew'],
    ['-uses in the rule', 'surpluses', 'a trade surplus'],
    ['-oes in the text', 'embargo', 'oil embargoes'],
    ['-oes in the rule', 'embargoes', 'an oil embargo'],
    ['-ies of a word in -ie, in the text', 'movie', 'two movies'],
    ['-ies of a word in -ie, in the rule', 'movies', 'a movie'],
    ['-ies of a word in -y', 'policy', 'new policies'],
    ['-uses of a word in -use', 'cause', 'the causes'],
    ['-oes of a word in -oe', 'shoe', 'the shoes'],
    ['a compound ending in an invariant noun', 'miniseries', 'a mini-series'],
    ['an invariant noun in a phrase', '"good news"', 'some good news today'],
  ])('folds regular plurals: %s', (_, query, text) => {
    // Prepare
    const target = article(text);

    // Act
    const matched = matches(query, target);

    // Assess
    expect(matched).toBe(true);
  });

  it.each([
    ['"good news"', 'a good new product'],
    ['"the new"', 'the news conference'],
    ['goodnews', 'a good new product'],
  ])('keeps the s of a compound ending in a word that is not a plural: %s', (query, text) => {
    // Prepare
    const target = article(text);

    // Act
    const matched = matches(query, target);

    // Assess
    expect(matched).toBe(false);
  });

  it('does not join short words across a space', () => {
    // Prepare
    const target = article('a part of the plan');

    // Act
    const matched = matches('apart', target);

    // Assess
    expect(matched).toBe(false);
  });
});

describe('sentence boundaries', () => {
  it.each([
    ['a phrase', '"counterterrorism dialogue"', 'More counterterrorism. Dialogue follows.'],
    ['a proximity', '"sanctions iran"~5', 'They backed sanctions. Iran said no.'],
    ['NEAR', 'sanctions NEAR/5 iran', 'They backed sanctions. Iran said no.'],
    ['a paragraph break', '"counterterrorism dialogue"', 'counterterrorism\n\ndialogue'],
    ['title into text', '"bilateral ties"', 'ties matter', 'Bilateral'],
    ['a number before a full stop', '"5 the company"', 'Profit rose to 5. The company expects more.'],
    ['a wire paragraph mark', '"profit rose"', 'Net profit\n    Rose 5 pct on sales'],
  ])('%s does not cross one', (_, query, text, title = '') => {
    // Prepare
    const target = article(text, { title });

    // Act
    const matched = matches(query, target);

    // Assess
    expect(matched).toBe(false);
  });

  it.each([
    ['a full stop and a comma', '"bros widget"', 'Smith Bros., Widget and Gizmo'],
    ['a dateline', '"calif march"', 'LOS ANGELES, Calif., March 2 - The company said'],
    ['a full stop and a number', '"rs 500"', 'It costs Rs. 500 million.'],
    ['a title', '"gen munir"', 'Gen. Munir met U.S. officials.'],
    ['initials', '"u s officials"', 'Gen. Munir met U.S. officials.'],
    ['a lower-case word', '"well e g"', 'Talks went well! e.g. more.'],
  ])('%s ends no sentence', (_, query, text) => {
    // Prepare
    const target = article(text);

    // Act
    const matched = matches(query, target);

    // Assess
    expect(matched).toBe(true);
  });
});

describe('highlights and snippet', () => {
  it('gives the offsets of the matched words in the original strings', () => {
    // Prepare
    const title = 'Counter-terrorism dialogue set';
    const text = 'Talks ended. Pakistan and the US will hold a “counter‑terrorism dialogue” in June.';
    const rules = compileRuleSet([{ id: 'R', query: '"counterterrorism dialogue" pakistan' }]);

    // Act
    const [match] = rules.match({ title, text });

    // Assess
    expect(match?.highlights).toEqual([
      { field: 'title', term: 'Counter-terrorism dialogue', start: 0, end: 26 },
      { field: 'text', term: 'Pakistan', start: 13, end: 21 },
      { field: 'text', term: 'counter‑terrorism dialogue', start: 46, end: 72 },
    ]);
    for (const { field, term, start, end } of match?.highlights ?? []) {
      expect((field === 'title' ? title : text).slice(start, end)).toBe(term);
    }
    expect(match?.snippet).toBe('Pakistan and the US will hold a “counter‑terrorism dialogue” in June.');
  });

  it('uses the title as the snippet when nothing in the text is highlighted', () => {
    // Prepare
    const rules = compileRuleSet([{ id: 'R', query: 'country:PK -india' }]);

    // Act
    const [match] = rules.match({ title: 'Bilateral ties', text: 'Talks ended.', countries: ['PK'] });

    // Assess
    expect(match).toEqual({ ruleId: 'R', highlights: [], snippet: 'Bilateral ties' });
  });
});

describe('lazy highlights and snippet', () => {
  it('are built when first read, from the article matched, and serialise as plain properties', () => {
    // Prepare
    const rules = compileRuleSet([{ id: 'R', query: 'dialogue' }]);
    const [match] = rules.match(article('Talks ended. The dialogue resumed.'));
    rules.match(article('Another dialogue, on another day.'));

    // Act
    const descriptor = Object.getOwnPropertyDescriptor(match, 'highlights');
    const serialised = JSON.parse(JSON.stringify(match));

    // Assess
    expect(descriptor?.get).toBeTypeOf('function');
    expect(serialised).toEqual({
      ruleId: 'R',
      highlights: [{ field: 'text', term: 'dialogue', start: 17, end: 25 }],
      snippet: 'The dialogue resumed.',
    });
    expect(match?.highlights).toBe(match?.highlights);
  });
});

describe('the seed article', () => {
  it('matches "counterterrorism dialogue" once, in its sentence', () => {
    // Prepare
    const rules = compileRuleSet([{ id: 'ct-dialogue', query: '"counterterrorism dialogue"' }]);

    // Act
    const found = rules.match({ title: 'Bilateral ties', text: SEED });

    // Assess
    expect(found).toHaveLength(1);
    expect(found[0]?.highlights).toEqual([
      {
        field: 'text',
        term: 'counterterrorism dialogue',
        start: SEED.indexOf('counterterrorism dialogue'),
        end: SEED.indexOf('counterterrorism dialogue') + 'counterterrorism dialogue'.length,
      },
    ]);
    expect(found[0]?.snippet).toBe(
      'Pakistan and the US are scheduled to hold a dedicated counterterrorism dialogue this June.',
    );
  });

  it('does not match near misses: the two words far apart, or only one of them', () => {
    // Prepare
    const farApart = SEED.replace('counterterrorism dialogue', 'counterterrorism round and a wider dialogue');
    const onlyDialogue = SEED.replaceAll('counterterrorism', 'security');
    const rules = compileRuleSet([{ id: 'ct-dialogue', query: '"counterterrorism dialogue"' }]);

    // Act
    const found = [farApart, onlyDialogue].map((text) => rules.match({ title: 'Bilateral ties', text }));

    // Assess
    expect(farApart).toContain('wider dialogue');
    expect(found).toEqual([[], []]);
  });
});

describe('compileRuleSet', () => {
  it('names the rule in a syntax error', () => {
    // Prepare
    const rules = [
      { id: 'good', query: 'iran' },
      { id: 'R7', query: '(sanctions OR iran' },
    ];

    // Act
    const compile = () => compileRuleSet(rules);

    // Assess
    expect(compile).toThrow(RuleSyntaxError);
    expect(compile).toThrow('rule "R7": at position 18: expected ")"');
  });

  it('returns matches in the order of the rules', () => {
    // Prepare
    const rules = compileRuleSet([
      { id: 'third', query: 'NOT embargo' },
      { id: 'first', query: 'iran' },
      { id: 'second', query: 'country:IR' },
    ]);

    // Act
    const found = rules.match({ title: '', text: 'Iran', countries: ['IR'] });

    // Assess
    expect(found.map((match) => match.ruleId)).toEqual(['third', 'first', 'second']);
    expect(rules.size).toBe(3);
  });
});

describe('precompiled rule sets', () => {
  it('keep the rules that parse, with what the caller keeps beside them, and report the others', () => {
    // Prepare
    const rules = [
      { id: 'R1', query: '"counterterrorism dialogue"', name: 'CT', owner: 'ana' },
      { id: 'R2', query: '(iran', name: 'broken', owner: 'ben' },
    ];
    const invalid: string[] = [];

    // Act
    const precompiled = precompileRuleSet(rules, { onInvalidRule: (id) => invalid.push(id) });

    // Assess
    expect(precompiled.format).toBe(PRECOMPILED_RULE_SET_FORMAT);
    expect(precompiled.rules).toEqual([rules[0]]);
    expect(invalid).toEqual(['R2']);
    expect(
      loadRuleSet(precompiled)
        .match(article(SEED))
        .map((match) => match.ruleId),
    ).toEqual(['R1']);
  });

  it('parse a rule only when an article first makes it a candidate', () => {
    // Prepare: a stored query the current language no longer parses, as after a language change
    const precompiled = precompileRuleSet([
      { id: 'iran-rule', query: 'iran' },
      { id: 'changed', query: 'pakistan' },
    ]);
    const changed = precompiled.rules[1];
    if (changed !== undefined) changed.query = '(pakistan';
    const ruleSet = loadRuleSet(precompiled);

    // Act
    const onIran = ruleSet.match(article('Talks in Iran.')).map((match) => match.ruleId);
    const onPakistan = () => ruleSet.match(article('Talks in Pakistan.'));

    // Assess
    expect(onIran).toEqual(['iran-rule']);
    expect(onPakistan).toThrow('rule "changed"');
  });

  it('refuse another format, and tables that do not fit the rules', () => {
    // Prepare
    const precompiled = precompileRuleSet([{ id: 'R1', query: 'iran' }]);
    const otherFormat = {
      ...precompiled,
      format: 'wirewatch-precompiled-rules/0',
    } as unknown as typeof precompiled;
    const cutShort = { ...precompiled, rules: [...precompiled.rules, { id: 'R2', query: 'syria' }] };

    // Act
    const loadOtherFormat = () => loadRuleSet(otherFormat);
    const loadCutShort = () => loadRuleSet(cutShort);

    // Assess
    expect(loadOtherFormat).toThrow(`expected ${PRECOMPILED_RULE_SET_FORMAT}`);
    expect(loadCutShort).toThrow('damaged: 2 rules, 1 in its tables');
  });
});

describe('rule sets sharing words', () => {
  it('each find their own matches when used in turn on the same words', () => {
    // Prepare
    const wildcards = compileRuleSet([
      { id: 'short', query: 'counter*' },
      { id: 'long', query: 'counterterr*' },
      { id: 'longer', query: 'counterterrori*' },
    ]);
    const words = compileRuleSet([
      { id: 'word', query: 'counterterrorism' },
      { id: 'part', query: 'terrorism' },
    ]);
    const hyphenated = article('A counter-terrorism unit.');
    const apart = article('A counter terrorism unit.');

    // Act
    const found = [hyphenated, apart, hyphenated, apart].flatMap((target) => [
      wildcards.match(target).map((match) => match.ruleId),
      words.match(target).map((match) => match.ruleId),
    ]);

    // Assess
    const wildcardsOnHyphenated = ['short', 'long', 'longer'];
    expect(found).toEqual([
      wildcardsOnHyphenated,
      ['word', 'part'],
      ['short'],
      ['word', 'part'],
      wildcardsOnHyphenated,
      ['word', 'part'],
      ['short'],
      ['word', 'part'],
    ]);
  });
});
