/** The port for digest subscriptions, kept as items in the table. */
import type { DigestSubscription } from '../alerts/digest-subscription.ts';

export interface SubscriptionStore {
  /** Adds the subscription, or replaces the one with the same id (same address and filter). */
  putSubscription(subscription: DigestSubscription): Promise<void>;
  listDigestSubscriptions(): Promise<DigestSubscription[]>;
  /** The address's digest subscriptions (compared case-insensitively). */
  listSubscriptionsFor(email: string): Promise<DigestSubscription[]>;
  /** Removes one digest subscription; false when there was none with the id. */
  removeSubscription(id: string): Promise<boolean>;
  /** Removes every digest subscription of the address (compared case-insensitively); returns how many. */
  removeSubscriptionsFor(email: string): Promise<number>;
}
