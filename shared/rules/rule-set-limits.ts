/**
 * How large a rule set wirewatch takes in. The matcher is measured up to 100,000 rules (docs/rules.md,
 * bench/match.ts); beyond that a rule set is refused by name rather than slowing every classification.
 * A query is far below DynamoDB's 400 KB item limit and far above any analyst's rule at 4,096 characters.
 */

export const MAX_RULES = 100_000;
export const MAX_QUERY_CHARACTERS = 4096;

export class RuleSetLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleSetLimitError';
  }
}

/** Throws a RuleSetLimitError naming the rule whose query is longer than MAX_QUERY_CHARACTERS. */
export function checkQueryLength(query: string, ruleId?: string): void {
  if (query.length <= MAX_QUERY_CHARACTERS) return;
  const which = ruleId === undefined ? 'the query' : `rule ${ruleId}'s query`;
  throw new RuleSetLimitError(
    `${which} has ${query.length} characters; at most ${MAX_QUERY_CHARACTERS} are allowed`,
  );
}

/** Throws a RuleSetLimitError for more than MAX_RULES rules or any query over the length limit. */
export function checkRuleSetSize(rules: readonly { readonly id: string; readonly query: string }[]): void {
  if (rules.length > MAX_RULES) {
    throw new RuleSetLimitError(`${rules.length} rules given; at most ${MAX_RULES} are allowed`);
  }
  for (const rule of rules) checkQueryLength(rule.query, rule.id);
}
