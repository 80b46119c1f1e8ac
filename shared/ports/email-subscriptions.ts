/**
 * The port for one SNS topic's email subscriptions, one per address (SNS keeps one email
 * subscription per address and topic), each selecting messages with a filter policy.
 */
export type FilterPolicy = Record<string, unknown>;

export interface TopicEmailSubscription {
  /** Null when SNS does not tell it: a subscription pending confirmation is listed without its ARN. */
  filterPolicy: FilterPolicy | null;
  /** The address has not followed the confirmation link yet. */
  pending: boolean;
}

/** The address has a subscription pending confirmation whose filter cannot be read or changed yet. */
export class SubscriptionPendingError extends Error {
  override name = 'SubscriptionPendingError';
}

export interface EmailSubscriptions {
  find(email: string): Promise<TopicEmailSubscription | null>;
  /** Subscribes the address with the policy, or gives its subscription the policy; throws SubscriptionPendingError. */
  put(email: string, filterPolicy: FilterPolicy): Promise<TopicEmailSubscription>;
  /** Unsubscribes the address; false when it had no subscription. */
  remove(email: string): Promise<boolean>;
}
