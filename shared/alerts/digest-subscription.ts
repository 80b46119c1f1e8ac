/**
 * A digest subscription: an address that receives one email a day with the day's matches, instead of
 * one email per alert. Its filter works as an alert subscription's SNS filter policy does: each key
 * given must hold (any of its values), an absent key lets everything through.
 */
import { createHash } from 'node:crypto';

export interface SubscriptionFilter {
  rules?: string[];
  pairs?: string[];
  topics?: string[];
  countries?: string[];
}

export interface DigestSubscription {
  /** A hash of the address and the filter, so subscribing twice with the same filter is one item. */
  id: string;
  email: string;
  mode: 'digest';
  filter: SubscriptionFilter;
  createdAt: string;
}

const FILTER_KEYS = ['rules', 'pairs', 'topics', 'countries'] as const;

/** Sorted, deduplicated, empty lists dropped: equal filters serialise equally. */
export function normaliseFilter(filter: SubscriptionFilter): SubscriptionFilter {
  const normalised: SubscriptionFilter = {};
  for (const key of FILTER_KEYS) {
    const values = [...new Set(filter[key] ?? [])].sort();
    if (values.length > 0) normalised[key] = values;
  }
  return normalised;
}

/** Addresses compare case-insensitively, as mail systems treat them in practice. */
export const recipientIdFor = (email: string) =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('base64url').slice(0, 22);

export function subscriptionIdFor(email: string, filter: SubscriptionFilter): string {
  const key = JSON.stringify([email.trim().toLowerCase(), normaliseFilter(filter)]);
  return createHash('sha256').update(key).digest('base64url').slice(0, 22);
}

export function newDigestSubscription(
  email: string,
  filter: SubscriptionFilter,
  createdAt: string,
): DigestSubscription {
  const address = email.trim();
  return {
    id: subscriptionIdFor(address, filter),
    email: address,
    mode: 'digest',
    filter: normaliseFilter(filter),
    createdAt,
  };
}

/**
 * The filter policy of the address's email subscription on the digest topic: the digest function
 * publishes each digest with a `recipient` attribute, so SNS hands it to that one address only.
 */
export const recipientFilterPolicy = (email: string) => ({ recipient: [email.trim()] });

/** Labels the filter reads from an alert and its article. */
export interface MatchLabels {
  ruleId: string;
  pairs: readonly string[];
  topics: readonly string[];
  countries: readonly string[];
}

export function filterAccepts(filter: SubscriptionFilter, labels: MatchLabels): boolean {
  const anyOf = (wanted: readonly string[] | undefined, values: readonly string[]) =>
    wanted === undefined || wanted.length === 0 || values.some((value) => wanted.includes(value));
  return (
    anyOf(filter.rules, [labels.ruleId]) &&
    anyOf(filter.pairs, labels.pairs) &&
    anyOf(filter.topics, labels.topics) &&
    anyOf(filter.countries, labels.countries)
  );
}
