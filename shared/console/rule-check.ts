/** Checks a query as the analyst types it: valid, or the parser's message and where it went wrong. */
import { parseRule, RuleSyntaxError } from '../rules/rule-language.ts';
import { MAX_QUERY_CHARACTERS } from '../rules/rule-set-limits.ts';

export type RuleCheck = { valid: true } | { valid: false; error: { message: string; position: number } };

export function checkRuleQuery(query: string): RuleCheck {
  if (query.length > MAX_QUERY_CHARACTERS) {
    return {
      valid: false,
      error: {
        message: `a query has at most ${MAX_QUERY_CHARACTERS} characters`,
        position: MAX_QUERY_CHARACTERS,
      },
    };
  }
  try {
    parseRule(query);
    return { valid: true };
  } catch (error) {
    if (!(error instanceof RuleSyntaxError)) throw error;
    return { valid: false, error: { message: error.message, position: error.position } };
  }
}
