/** The port for digest subscriptions, kept as items in the table. */
import type { DigestSubscription } from '../alerts/digest-subscription.ts';

export interface SubscriptionStore {
  /** Adds the subscription, or replaces the one with the same id (same address and filter). */
  putSubscription(subscription: DigestSubscription): Promise<void>;
  listDigestSubscriptions(): Promise<DigestSubscription[]>;
  /** Removes every digest subscription of the address (compared case-insensitively); returns how many. */
  removeSubscriptionsFor(email: string): Promise<number>;
}
