/** POST /rules: a new rule owned by the caller. */
import { createAnalystRule } from '../../shared/console/analyst-rules.ts';
import { created, parseInput } from './console-http.ts';
import type { ConsoleHandler } from './console-route.ts';
import { RuleDraftSchema } from './rule-input.ts';

export const createRule: ConsoleHandler = async ({ caller, body }, deps) =>
  created(await createAnalystRule(parseInput(RuleDraftSchema, body, 'body'), caller, deps));
