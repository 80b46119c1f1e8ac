/**
 * What an analyst subscribes to in the console: one rule, one country pair or one topic. An address's
 * immediate alerts are one SNS subscription, so its targets become one filter policy on the alert's
 * message attributes (`rule`, `countryPairs`, `topics`) where any target lets an alert through:
 * one key when all targets are of one kind, else a `$or` of one key per kind.
 */
import type { SubscriptionFilter } from '../alerts/digest-subscription.ts';
import type { FilterPolicy } from '../ports/email-subscriptions.ts';

export type TargetKind = 'rule' | 'pair' | 'topic';

export interface SubscriptionTarget {
  kind: TargetKind;
  value: string;
}

const POLICY_KEYS: Record<TargetKind, string> = { rule: 'rule', pair: 'countryPairs', topic: 'topics' };
const FILTER_KEYS = { rule: 'rules', pair: 'pairs', topic: 'topics' } as const satisfies Record<
  TargetKind,
  keyof SubscriptionFilter
>;
const KINDS = Object.keys(POLICY_KEYS) as TargetKind[];

export const sameTarget = (a: SubscriptionTarget, b: SubscriptionTarget) =>
  a.kind === b.kind && a.value === b.value;

/** The policy of the targets; throws on none, whose empty policy would let every alert through. */
export function filterPolicyForTargets(targets: readonly SubscriptionTarget[]): FilterPolicy {
  if (targets.length === 0) throw new Error('a filter policy needs at least one target');
  const branches = KINDS.flatMap((kind) => {
    const values = [
      ...new Set(targets.filter((target) => target.kind === kind).map(({ value }) => value)),
    ].sort();
    return values.length === 0 ? [] : [{ [POLICY_KEYS[kind]]: values }];
  });
  return branches.length === 1 ? (branches[0] as FilterPolicy) : { $or: branches };
}

function branchTargets(branch: unknown): SubscriptionTarget[] | null {
  if (typeof branch !== 'object' || branch === null || Array.isArray(branch)) return null;
  const entries = Object.entries(branch);
  if (entries.length !== 1) return null;
  const [key, values] = entries[0] as [string, unknown];
  const kind = KINDS.find((each) => POLICY_KEYS[each] === key);
  if (kind === undefined || !Array.isArray(values) || !values.every((value) => typeof value === 'string'))
    return null;
  return values.map((value) => ({ kind, value }));
}

/**
 * The targets a policy selects on, or null when it is not one the console makes (a CLI subscription
 * that requires several labels at once, or one on countries): those are shown and changed with the CLI.
 */
export function targetsOfFilterPolicy(policy: FilterPolicy): SubscriptionTarget[] | null {
  const keys = Object.keys(policy);
  if (keys.length === 1 && keys[0] === '$or' && Array.isArray(policy.$or)) {
    const branches = policy.$or.map(branchTargets);
    return branches.every((branch) => branch !== null) ? branches.flat() : null;
  }
  return branchTargets(policy);
}

/** A digest subscription's filter for one target. */
export const digestFilterForTarget = (target: SubscriptionTarget): SubscriptionFilter => ({
  [FILTER_KEYS[target.kind]]: [target.value],
});

/** The target of a digest filter that selects on exactly one, or null for a filter made with the CLI. */
export function targetOfDigestFilter(filter: SubscriptionFilter): SubscriptionTarget | null {
  const entries = Object.entries(filter).filter(([, values]) => values !== undefined && values.length > 0);
  if (entries.length !== 1) return null;
  const [key, values] = entries[0] as [keyof SubscriptionFilter, string[]];
  const kind = KINDS.find((each) => FILTER_KEYS[each] === key);
  if (kind === undefined || values.length !== 1) return null;
  return { kind, value: values[0] as string };
}
