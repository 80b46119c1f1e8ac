import { describe, expect, it } from 'vitest';
import { duplicateRuleIds, ruleNameProblem } from '../../shared/rules/rule-identity.ts';

describe('rule names', () => {
  it.each([
    ['CR LF', 'PK desk\r\nBcc: someone@example.com'],
    ['LF', 'PK desk\nsecond line'],
    ['tab', 'PK\tdesk'],
    ['escape', 'PK desk\u001b[2J'],
    ['NEL', 'PK desk\u0085next'],
    ['line separator', 'PK desk\u2028next'],
    ['blank', '   '],
  ])('refuses a name with %s', (_, name) => {
    // Act
    const problem = ruleNameProblem(name);

    // Assess
    expect(problem).not.toBeNull();
  });

  it('accepts one line of text in any script', () => {
    // Act
    const problems = ['Counterterrorism dialogue', 'Диалог по безопасности', 'PK–US · talks'].map(
      ruleNameProblem,
    );

    // Assess
    expect(problems).toEqual([null, null, null]);
  });
});

describe('duplicate rule ids', () => {
  it('names each repeated id once, in the order it repeats', () => {
    // Prepare
    const rules = ['a', 'b', 'a', 'c', 'b', 'a'].map((id) => ({ id }));

    // Act
    const repeated = duplicateRuleIds(rules);

    // Assess
    expect(repeated).toEqual(['a', 'b']);
  });
});
