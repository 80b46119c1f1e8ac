/** The request bodies of the rule routes. */
import * as z from 'zod/mini';
import { MAX_QUERY_CHARACTERS } from '../../shared/rules/rule-set-limits.ts';

const MAX_RULE_NAME = 200;

export const QuerySchema = z.string().check(z.maxLength(MAX_QUERY_CHARACTERS));

export const RuleDraftSchema = z.strictObject({
  name: z.string().check(z.minLength(1), z.maxLength(MAX_RULE_NAME)),
  query: QuerySchema.check(z.minLength(1)),
});

export const RuleIdSchema = z.strictObject({ ruleId: z.string().check(z.minLength(1), z.maxLength(64)) });
