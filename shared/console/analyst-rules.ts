/**
 * Rules as the console manages them: everybody reads every rule; a rule made in the console belongs
 * to the analyst who made it, and only they or an admin change or remove it. Rules without an owner
 * (added with the CLI or by the samples) are changed by admins only.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../ports/clock.ts';
import type { RuleStore, StoredRule } from '../ports/rule-store.ts';
import { RULE_ID, ruleNameProblem } from '../rules/rule-identity.ts';
import { parseRule, RuleSyntaxError } from '../rules/rule-language.ts';
import { MAX_QUERY_CHARACTERS, MAX_RULES } from '../rules/rule-set-limits.ts';
import { type Analyst, sameAddress } from './analyst.ts';
import { ConsoleRefusal } from './console-refusal.ts';

export interface RuleView {
  id: string;
  name: string;
  query: string;
  owner: string | null;
  createdAt: string;
  /** The analyst may change it. */
  mine: boolean;
}

export interface RuleDraft {
  name: string;
  query: string;
}

export interface AnalystRuleDeps {
  rules: RuleStore;
  clock: Clock;
}

export const mayChangeRule = (rule: StoredRule, analyst: Analyst) =>
  analyst.admin || (rule.owner !== undefined && sameAddress(rule.owner, analyst.email));

export const ruleView = (rule: StoredRule, analyst: Analyst): RuleView => ({
  id: rule.id,
  name: rule.name,
  query: rule.query,
  owner: rule.owner ?? null,
  createdAt: rule.createdAt,
  mine: mayChangeRule(rule, analyst),
});

/** Throws a ConsoleRefusal naming the first problem of the draft. */
function checkDraft(draft: RuleDraft): void {
  const nameProblem = ruleNameProblem(draft.name);
  if (nameProblem !== null) throw new ConsoleRefusal('invalid', nameProblem);
  if (draft.query.length > MAX_QUERY_CHARACTERS) {
    throw new ConsoleRefusal('invalid', `a query has at most ${MAX_QUERY_CHARACTERS} characters`);
  }
  try {
    parseRule(draft.query);
  } catch (error) {
    if (!(error instanceof RuleSyntaxError)) throw error;
    throw new ConsoleRefusal('invalid', `the query does not parse at ${error.position}: ${error.message}`);
  }
}

const ID_SLUG_LENGTH = 40;

/** A readable id (it names the rule in subscriptions and alert emails) made unique by a random tail. */
export function newRuleId(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, ID_SLUG_LENGTH)
    .replace(/-+$/, '');
  const id = `${slug || 'rule'}-${randomBytes(4).toString('hex')}`;
  if (!RULE_ID.test(id)) throw new Error(`made an invalid rule id "${id}"`);
  return id;
}

export async function listAnalystRules(analyst: Analyst, deps: AnalystRuleDeps): Promise<RuleView[]> {
  const rules = await deps.rules.listRules();
  return rules
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((rule) => ruleView(rule, analyst));
}

export async function createAnalystRule(
  draft: RuleDraft,
  analyst: Analyst,
  deps: AnalystRuleDeps,
): Promise<RuleView> {
  checkDraft(draft);
  const existing = await deps.rules.listRules();
  if (existing.length >= MAX_RULES) {
    throw new ConsoleRefusal(
      'conflict',
      `there are already ${existing.length} rules, the most wirewatch takes`,
    );
  }
  const rule: StoredRule = {
    id: newRuleId(draft.name),
    name: draft.name.trim(),
    query: draft.query,
    createdAt: deps.clock.now().toISOString(),
    owner: analyst.email,
  };
  await deps.rules.putRule(rule);
  return ruleView(rule, analyst);
}

async function changeableRule(id: string, analyst: Analyst, deps: AnalystRuleDeps): Promise<StoredRule> {
  const rule = (await deps.rules.listRules()).find((each) => each.id === id);
  if (rule === undefined) throw new ConsoleRefusal('not_found', `there is no rule ${id}`);
  if (!mayChangeRule(rule, analyst)) {
    throw new ConsoleRefusal(
      'forbidden',
      rule.owner === undefined
        ? `rule ${id} has no owner: only admins change it`
        : `rule ${id} belongs to another analyst: only they or an admin change it`,
    );
  }
  return rule;
}

export async function updateAnalystRule(
  id: string,
  draft: RuleDraft,
  analyst: Analyst,
  deps: AnalystRuleDeps,
): Promise<RuleView> {
  checkDraft(draft);
  const previous = await changeableRule(id, analyst, deps);
  const rule: StoredRule = { ...previous, name: draft.name.trim(), query: draft.query };
  await deps.rules.putRule(rule);
  return ruleView(rule, analyst);
}

export async function deleteAnalystRule(id: string, analyst: Analyst, deps: AnalystRuleDeps): Promise<void> {
  await changeableRule(id, analyst, deps);
  if (!(await deps.rules.removeRule(id))) throw new ConsoleRefusal('not_found', `there is no rule ${id}`);
}
