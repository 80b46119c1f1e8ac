import { describe, expect, it } from 'vitest';
import {
  MAX_RULE_DEPTH,
  parseRule,
  type RuleNode,
  RuleSyntaxError,
} from '../../shared/rules/rule-language.ts';

/** The tree as a compact string, so that a test reads like the rule it checks. */
function outline(node: RuleNode): string {
  switch (node.type) {
    case 'phrase': {
      const words = node.words.map((word) => `${word.key}${word.prefix ? '*' : ''}`).join(' ');
      return `${node.field === null ? '' : `${node.field}:`}[${words}]`;
    }
    case 'near':
      return `near/${node.distance}(${node.operands.map(outline).join(', ')})`;
    case 'label':
      return `${node.field}=${node.value}${node.prefix ? '*' : ''}`;
    case 'and':
    case 'or':
      return `${node.type}(${node.children.map(outline).join(', ')})`;
    case 'not':
      return `not(${outline(node.child)})`;
  }
}

function syntaxError(query: string): RuleSyntaxError {
  try {
    parseRule(query);
  } catch (error) {
    if (error instanceof RuleSyntaxError) return error;
    throw error;
  }
  throw new Error(`"${query}" parsed without an error`);
}

describe('parseRule', () => {
  it.each([
    ['counterterrorism', '[counterterrorism]'],
    ['"counterterrorism dialogues"', '[counterterrorism dialogue]'],
    ['“counterterrorism dialogue”', '[counterterrorism dialogue]'],
    ['counter-terrorism', '[counter terrorism]'],
    ['"sanctions iran"~5', 'near/5([sanction], [iran])'],
    ['sanctions NEAR/5 iran', 'near/5([sanction], [iran])'],
    ['terror*', '[terror*]'],
    ['a b', 'and([a], [b])'],
    ['a AND b OR c', 'or(and([a], [b]), [c])'],
    ['a (b OR c)', 'and([a], or([b], [c]))'],
    ['NOT a', 'not([a])'],
    ['a -b', 'and([a], not([b]))'],
    ['a NOT b NEAR/2 c', 'and([a], not(near/2([b], [c])))'],
    ['title:talks text:"peace deal"', 'and(title:[talk], text:[peace deal])'],
    ['title:(a OR b)', 'or(title:[a], title:[b])'],
    ['country:pk pair:US-PK topic:Counterterrorism', 'and(country=PK, pair=PK-US, topic=counterterrorism)'],
    ['source:Dawn.com lang:EN topic:counter*', 'and(source=dawn.com, lang=en, topic=counter*)'],
    ['country:(PK OR AF)', 'or(country=PK, country=AF)'],
    [
      'relation:Conflict relation:us-pk/Material-Cooperation',
      'and(relation=conflict, relation=PK-US/material-cooperation)',
    ],
  ])('parses %s', (query, expected) => {
    // Prepare: the query from the table
    // Act
    const node = parseRule(query);

    // Assess
    expect(outline(node)).toBe(expected);
  });

  it.each([
    ['(sanctions OR iran', 18, '")"'],
    ['sanctions OR', 12, 'a word, a "phrase", a field or "("'],
    ['"counterterrorism dialogue', 26, 'a closing quote'],
    ['"a b"~x', 6, 'a number of words after "~"'],
    ['a NEAR/x b', 6, 'a distance, as in NEAR/5'],
    ['a )', 2, 'AND, OR or the end of the rule'],
    ['titel:talks', 0, 'a field name (title, text, source, lang, country, pair, topic, relation) before ":"'],
    [
      'relation:conflit',
      9,
      'a relation (verbal-cooperation, material-cooperation, verbal-conflict, material-conflict, none, cooperation, conflict), alone or after a pair as in PK-US/conflict',
    ],
    [
      'relation:Pakistan/conflict',
      9,
      'a relation (verbal-cooperation, material-cooperation, verbal-conflict, material-conflict, none, cooperation, conflict), alone or after a pair as in PK-US/conflict',
    ],
    ['ter*ror', 3, '"*" only at the end of a word'],
    ['country:PK NEAR/3 talks', 11, 'words or phrases on both sides of NEAR'],
    ['', 0, 'a word, a "phrase", a field or "("'],
  ])('rejects %s at position %i', (query, position, expected) => {
    // Prepare: the query from the table
    // Act
    const error = syntaxError(query);

    // Assess
    expect(error.position).toBe(position);
    expect(error.expected).toBe(expected);
    expect(error.message).toContain(`at position ${position}: expected ${expected}`);
  });

  it('quotes what comes before the error in its message', () => {
    // Prepare
    const query = '(sanctions OR iran';

    // Act
    const error = syntaxError(query);

    // Assess
    expect(error.message).toBe('at position 18: expected ")" after "(sanctions OR iran"');
  });

  describe('nesting', () => {
    const nesting = `at most ${MAX_RULE_DEPTH} levels of nesting (parentheses, NOT, "-" and NEAR each open one)`;

    it.each([
      ['parentheses 1,800 deep', `${'('.repeat(1800)}a${')'.repeat(1800)}`, MAX_RULE_DEPTH],
      ['10,000 chained NOT', `${'NOT '.repeat(10_000)}a`, MAX_RULE_DEPTH * 4],
      ['10,000 chained minus signs', `${'-'.repeat(10_000)}a`, MAX_RULE_DEPTH],
      ['10,000 chained NEARs', `a${' NEAR/2 a'.repeat(10_000)}`, 2 + MAX_RULE_DEPTH * 9],
      ['NEARs chained inside NOTs', `${'NOT '.repeat(60)}a${' NEAR/2 a'.repeat(60)}`, 60 * 4 + 2 + 40 * 9],
    ])('rejects %s at the first level past the limit', (_name, query, position) => {
      // Prepare: the query from the table
      // Act
      const error = syntaxError(query);

      // Assess
      expect(error.expected).toBe(nesting);
      expect(error.position).toBe(position);
    });

    it.each([
      ['parentheses', `${'('.repeat(MAX_RULE_DEPTH)}a${')'.repeat(MAX_RULE_DEPTH)}`, '[a]'],
      [
        'NOTs',
        `${'NOT '.repeat(MAX_RULE_DEPTH)}a`,
        `${'not('.repeat(MAX_RULE_DEPTH)}[a]${')'.repeat(MAX_RULE_DEPTH)}`,
      ],
    ])('accepts %s exactly at the limit', (_name, query, expected) => {
      // Prepare: the query from the table
      // Act
      const node = parseRule(query);

      // Assess
      expect(outline(node)).toBe(expected);
    });
  });
});
