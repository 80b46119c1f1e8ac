/**
 * The analysts' rules, compiled once and kept for a short time so each article does not reload them,
 * while a rule added with `wirewatch rules add` takes effect within `ttlMs`. A rule that no longer
 * parses is left out (and reported) rather than silencing every other rule.
 */
import type { Clock } from '../ports/clock.ts';
import type { RuleStore, StoredRule } from '../ports/rule-store.ts';
import { compileRuleSet, type RuleSet } from '../rules/rule-set.ts';

export interface CompiledRules {
  ruleSet: RuleSet;
  /** The rules that compiled, by id. */
  rules: ReadonlyMap<string, StoredRule>;
  invalid: { id: string; error: string }[];
}

/** Told about a rule that ran out of its work budget on an article, and so did not match it. */
export type WorkLimitReport = (rule: { id: string; articleTitle: string; error: string }) => void;

export function compileStoredRules(
  stored: readonly StoredRule[],
  onWorkLimit?: WorkLimitReport,
): CompiledRules {
  const invalid: { id: string; error: string }[] = [];
  const ruleSet = compileRuleSet(stored, {
    onInvalidRule: (id, error) => invalid.push({ id, error: error.message }),
    onWorkLimit: (id, article, error) =>
      onWorkLimit?.({ id, articleTitle: article.title, error: error.message }),
  });
  const left = new Set(invalid.map(({ id }) => id));
  return {
    ruleSet,
    rules: new Map(stored.filter(({ id }) => !left.has(id)).map((rule) => [rule.id, rule])),
    invalid,
  };
}

export class RuleBook {
  private cached: { rules: CompiledRules; loadedAt: number } | null = null;

  constructor(
    private readonly store: RuleStore,
    private readonly clock: Clock,
    private readonly ttlMs: number,
    /** Told about each stored rule left out because it no longer parses, at every reload. */
    private readonly onInvalidRule: (rule: { id: string; error: string }) => void = () => {},
    private readonly onWorkLimit?: WorkLimitReport,
  ) {}

  async current(): Promise<CompiledRules> {
    const now = this.clock.now().getTime();
    if (this.cached === null || now - this.cached.loadedAt >= this.ttlMs) {
      const rules = compileStoredRules(await this.store.listRules(), this.onWorkLimit);
      for (const rule of rules.invalid) this.onInvalidRule(rule);
      this.cached = { rules, loadedAt: now };
    }
    return this.cached.rules;
  }
}
