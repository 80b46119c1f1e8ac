/**
 * The port for the analysts' rules kept precompiled, shared by every process that matches them:
 * loading it is much cheaper than listing and compiling 100,000 rules at each cold start.
 */
import type { PrecompiledRuleSet } from '../rules/rule-set.ts';
import type { StoredRule } from './rule-store.ts';

export interface RuleIndex {
  /** The RuleStore version the rules were read at: the index holds every change up to it. */
  version: number;
  ruleSet: PrecompiledRuleSet<StoredRule>;
  /** Stored rules left out because they do not parse. */
  invalid: { id: string; error: string }[];
}

export interface RuleIndexStore {
  /** The index last saved, or null when there is none. */
  load(): Promise<RuleIndex | null>;
  save(index: RuleIndex): Promise<void>;
}
