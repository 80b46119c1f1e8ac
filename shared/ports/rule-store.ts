/** The port for analysts' rules, kept as items in the table. */
export interface StoredRule {
  id: string;
  name: string;
  query: string;
  createdAt: string;
}

export interface RuleStore {
  listRules(): Promise<StoredRule[]>;
  putRule(rule: StoredRule): Promise<void>;
  removeRule(id: string): Promise<boolean>;
}
