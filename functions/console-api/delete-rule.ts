/** DELETE /rules/{ruleId}: removes a rule the caller owns (or any rule, for an admin). */
import { deleteAnalystRule } from '../../shared/console/analyst-rules.ts';
import { noContent, parseInput } from './console-http.ts';
import type { ConsoleHandler } from './console-route.ts';
import { RuleIdSchema } from './rule-input.ts';

export const deleteRule: ConsoleHandler = async ({ caller, pathParameters }, deps) => {
  const { ruleId } = parseInput(RuleIdSchema, pathParameters, 'path');
  await deleteAnalystRule(ruleId, caller, deps);
  return noContent();
};
