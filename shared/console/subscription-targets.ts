/**
 * The inbox's subscription targets from stored subscription filters (SNS filter-policy semantics:
 * every key given must hold). A filter on one key, rules, pairs or topics, becomes one target per
 * value; a filter that combines keys or names countries is not one of the console's targets and is
 * left out of the inbox.
 */
import type { SubscriptionFilter } from '../alerts/digest-subscription.ts';
import type { SubscriptionTarget } from './inbox.ts';

const TARGET_KINDS = { rules: 'rule', pairs: 'pair', topics: 'topic' } as const;

export function subscriptionTargetsOf(filters: readonly SubscriptionFilter[]): SubscriptionTarget[] {
  return filters.flatMap((filter) => {
    const keys = Object.entries(filter).filter(([, values]) => (values?.length ?? 0) > 0);
    const [only] = keys;
    if (keys.length !== 1 || only === undefined || !(only[0] in TARGET_KINDS)) return [];
    const kind = TARGET_KINDS[only[0] as keyof typeof TARGET_KINDS];
    return (only[1] as string[]).map((value) => ({ kind, value }));
  });
}
