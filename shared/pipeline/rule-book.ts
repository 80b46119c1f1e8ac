/**
 * The analysts' rules, ready to match, kept for a short time so each article does not reload them,
 * while a rule added with `wirewatch rules add` takes effect within `ttlMs`. A rule that no longer
 * parses is left out (and reported) rather than silencing every other rule.
 *
 * With an index store, the rules are kept precompiled for every process: when its time is up, the
 * book reads the rules' version (one small read); if it moved, it loads the precompiled rules, or,
 * when those are older than the version, lists and compiles the rules itself and saves them for the
 * others. So a cold start with 100,000 rules loads them instead of compiling them, and only the first
 * process to see a change pays for compiling it.
 */
import type { Clock } from '../ports/clock.ts';
import type { RuleIndex, RuleIndexStore } from '../ports/rule-index-store.ts';
import type { RuleStore, StoredRule } from '../ports/rule-store.ts';
import {
  loadRuleSet,
  PRECOMPILED_RULE_SET_FORMAT,
  precompileRuleSet,
  type RuleSet,
} from '../rules/rule-set.ts';

export interface CompiledRules {
  ruleSet: RuleSet;
  /** The rules that compiled, by id. */
  rules: ReadonlyMap<string, StoredRule>;
  invalid: { id: string; error: string }[];
}

export interface RuleBookOptions {
  store: RuleStore;
  clock: Clock;
  ttlMs: number;
  /** Where the rules are kept precompiled for every process; without one, each load compiles them. */
  index?: RuleIndexStore;
  /** Told about each stored rule left out because it no longer parses, at every reload. */
  onInvalidRule?: (rule: { id: string; error: string }) => void;
  /** Told when the precompiled rules cannot be loaded or saved; the book compiles the rules instead. */
  onIndexError?: (action: 'load' | 'save', error: unknown) => void;
  /** Told about a rule that ran out of its work budget on an article, and so did not match it. */
  onWorkLimit?: WorkLimitReport;
}

/** Told about a rule that ran out of its work budget on an article, and so did not match it. */
export type WorkLimitReport = (rule: { id: string; articleTitle: string; error: string }) => void;

/** Lists and precompiles the rules as they are at `version` or later. */
async function compileRules(store: RuleStore, version: number): Promise<RuleIndex> {
  const invalid: { id: string; error: string }[] = [];
  const ruleSet = precompileRuleSet(await store.listRules(), {
    onInvalidRule: (id, error) => invalid.push({ id, error: error.message }),
  });
  return { version, ruleSet, invalid };
}

function readyToMatch(index: RuleIndex, onWorkLimit: WorkLimitReport | undefined): CompiledRules {
  return {
    ruleSet: loadRuleSet(index.ruleSet, {
      onWorkLimit: (id, article, error) =>
        onWorkLimit?.({ id, articleTitle: article.title, error: error.message }),
    }),
    rules: new Map(index.ruleSet.rules.map((rule) => [rule.id, rule])),
    invalid: index.invalid,
  };
}

export class RuleBook {
  private cached: { rules: CompiledRules; version: number; loadedAt: number } | null = null;
  /**
   * The refresh under way, which every caller shares: a batch's records ask at once, and ten loads
   * of 100,000 rules side by side held ten copies (945 MB at a cold start of classify-article).
   */
  private refreshing: Promise<CompiledRules> | null = null;

  constructor(private readonly options: RuleBookOptions) {}

  current(): Promise<CompiledRules> {
    const now = this.options.clock.now().getTime();
    if (this.cached !== null && now - this.cached.loadedAt < this.options.ttlMs) {
      return Promise.resolve(this.cached.rules);
    }
    this.refreshing ??= this.refresh(now).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refresh(now: number): Promise<CompiledRules> {
    const { store, onInvalidRule, onWorkLimit } = this.options;
    const version = await store.version();
    if (this.cached?.version === version) {
      this.cached.loadedAt = now;
      return this.cached.rules;
    }
    const index = (await this.loadIndex(version)) ?? (await this.compileAndSave(version));
    const rules = readyToMatch(index, onWorkLimit);
    for (const rule of rules.invalid) onInvalidRule?.(rule);
    this.cached = { rules, version, loadedAt: now };
    return rules;
  }

  /** The saved precompiled rules, when they hold every change up to `version`. */
  private async loadIndex(version: number): Promise<RuleIndex | null> {
    const { index, onIndexError } = this.options;
    if (index === undefined) return null;
    try {
      const saved = await index.load();
      const current =
        saved !== null && saved.version >= version && saved.ruleSet.format === PRECOMPILED_RULE_SET_FORMAT;
      return current ? saved : null;
    } catch (error) {
      onIndexError?.('load', error);
      return null;
    }
  }

  private async compileAndSave(version: number): Promise<RuleIndex> {
    const { store, index, onIndexError } = this.options;
    const compiled = await compileRules(store, version);
    // Saving only spares other processes the compiling: a failure costs them time, not rules.
    await index?.save(compiled).catch((error: unknown) => onIndexError?.('save', error));
    return compiled;
  }
}
