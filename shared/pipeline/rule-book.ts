/**
 * The analysts' rules, compiled once and kept for a short time so each article does not reload them,
 * while a rule added with `wirewatch rules add` takes effect within `ttlMs`. A rule that no longer
 * parses is left out (and reported) rather than silencing every other rule.
 */
import type { Clock } from '../ports/clock.ts';
import type { RuleStore, StoredRule } from '../ports/rule-store.ts';
import { parseRule, RuleSyntaxError } from '../rules/rule-language.ts';
import { compileRuleSet, type RuleSet } from '../rules/rule-set.ts';

export interface CompiledRules {
  ruleSet: RuleSet;
  rules: ReadonlyMap<string, StoredRule>;
  invalid: { id: string; error: string }[];
}

export function compileStoredRules(stored: readonly StoredRule[]): CompiledRules {
  const valid: StoredRule[] = [];
  const invalid: { id: string; error: string }[] = [];
  for (const rule of stored) {
    try {
      parseRule(rule.query);
      valid.push(rule);
    } catch (error) {
      if (!(error instanceof RuleSyntaxError)) throw error;
      invalid.push({ id: rule.id, error: error.message });
    }
  }
  return {
    ruleSet: compileRuleSet(valid.map(({ id, name, query }) => ({ id, name, query }))),
    rules: new Map(valid.map((rule) => [rule.id, rule])),
    invalid,
  };
}

export class RuleBook {
  private cached: { rules: CompiledRules; loadedAt: number } | null = null;

  constructor(
    private readonly store: RuleStore,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  async current(): Promise<CompiledRules> {
    const now = this.clock.now().getTime();
    if (this.cached === null || now - this.cached.loadedAt >= this.ttlMs) {
      this.cached = { rules: compileStoredRules(await this.store.listRules()), loadedAt: now };
    }
    return this.cached.rules;
  }
}
