/** PUT /rules/{ruleId}: a new name and query for a rule the caller owns (or any rule, for an admin). */
import { updateAnalystRule } from '../../shared/console/analyst-rules.ts';
import { ok, parseInput } from './console-http.ts';
import type { ConsoleHandler } from './console-route.ts';
import { RuleDraftSchema, RuleIdSchema } from './rule-input.ts';

export const updateRule: ConsoleHandler = async ({ caller, pathParameters, body }, deps) => {
  const { ruleId } = parseInput(RuleIdSchema, pathParameters, 'path');
  return ok(await updateAnalystRule(ruleId, parseInput(RuleDraftSchema, body, 'body'), caller, deps));
};
