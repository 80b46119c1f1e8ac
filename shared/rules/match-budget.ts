/**
 * How much work matching one rule against one article may take. Phrase and proximity searches
 * count their steps here; a rule that runs out does not match, and the rule set reports it, so that
 * one analyst's pathological rule, or one publisher's pathological article, costs a bounded time.
 */

/**
 * Steps one rule may take on one article: some 15–25 ms of searching. Ordinary rules take hundreds;
 * `"the minister of the interior of the republic"~10` on three sentences crowded with "the" about
 * 63,000; chained NEARs of one frequent word (`the NEAR/50 the NEAR/50 the NEAR/50 the`) would take
 * a hundred million there, and stop here.
 */
export const MAX_RULE_STEPS = 250_000;

export class WorkLimitExceeded extends Error {
  constructor(readonly limit: number) {
    super(`matching took more than ${limit} steps`);
    this.name = 'WorkLimitExceeded';
  }
}

export class WorkBudget {
  private used = 0;

  constructor(readonly limit: number = MAX_RULE_STEPS) {}

  get spent(): number {
    return this.used;
  }

  /** Counts `steps` of work; throws WorkLimitExceeded once the total passes the limit. */
  spend(steps: number): void {
    this.used += steps;
    if (this.used > this.limit) throw new WorkLimitExceeded(this.limit);
  }
}
