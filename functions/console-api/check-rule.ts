/** POST /rules/check: whether a query parses, and where it goes wrong when it does not. */
import * as z from 'zod/mini';
import { checkRuleQuery } from '../../shared/console/rule-check.ts';
import { ok, parseInput } from './console-http.ts';
import type { ConsoleHandler } from './console-route.ts';

// A query too long is answered as a check result (with its position), not as a bad request.
const CheckSchema = z.strictObject({ query: z.string() });

export const checkRule: ConsoleHandler = async ({ body }) =>
  ok(checkRuleQuery(parseInput(CheckSchema, body, 'body').query));
