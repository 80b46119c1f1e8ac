import { describe, expect, it } from 'vitest';
import { checkQuery } from '../../cli/commands/rules.ts';
import { MAX_RULE_DEPTH } from '../../shared/rules/rule-language.ts';
import { CliError } from '../../tools/cli-error.ts';

function refusal(query: string): string {
  try {
    checkQuery(query);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${query.slice(0, 40)}`);
}

describe('wirewatch rules add: checking the query', () => {
  it('points a caret at the error in a short query', () => {
    // Prepare
    const query = '(sanctions OR iran';

    // Act
    const message = refusal(query);

    // Assess
    expect(message).toBe(
      [
        'the query does not parse: at position 18: expected ")" after "(sanctions OR iran"',
        '  (sanctions OR iran',
        '                    ^',
      ].join('\n'),
    );
  });

  it.each([
    ['parentheses 1,800 deep', `${'('.repeat(1800)}a${')'.repeat(1800)}`, MAX_RULE_DEPTH],
    // 10,000 chained NOT are longer than a query may be, and refused for that before parsing.
    ['1,000 chained NOT', `${'NOT '.repeat(1_000)}a`, MAX_RULE_DEPTH * 4],
  ])(
    'refuses %s with the nesting limit, showing the query around the place it stopped',
    (_name, query, at) => {
      // Prepare: the query from the table
      // Act
      const [reason, shown, caret] = refusal(query).split('\n');

      // Assess
      expect(reason).toContain(`at position ${at}: expected at most ${MAX_RULE_DEPTH} levels of nesting`);
      expect(shown?.length).toBeLessThan(100);
      expect(shown?.[caret?.indexOf('^') ?? -1]).toBe(query[at]);
    },
  );
});
