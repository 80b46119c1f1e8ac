/** The port for analysts' rules, kept as items in the table. */
export interface StoredRule {
  id: string;
  name: string;
  query: string;
  createdAt: string;
  /** The email of the analyst who made it in the console; absent for rules from the CLI or samples. */
  owner?: string;
}

export interface RuleStore {
  listRules(): Promise<StoredRule[]>;
  /**
   * How many times the rules have changed (each put and each removal counts): rules read after
   * seeing version N include every change up to N, so a set compiled from them is current while
   * the version stays N.
   */
  version(): Promise<number>;
  putRule(rule: StoredRule): Promise<void>;
  removeRule(id: string): Promise<boolean>;
}
