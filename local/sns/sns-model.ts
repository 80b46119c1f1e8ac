/**
 * The SNS model: topics, subscriptions and their attributes, and the fan-out of a published
 * message to the subscriptions whose filter policy accepts it. Synchronous and free of HTTP;
 * refusals are SnsErrors carrying AWS's codes and messages.
 */
import { randomUUID } from 'node:crypto';
import {
  FILTER_POLICY_SCOPES,
  type FilterPolicy,
  FilterPolicyError,
  type FilterPolicyScope,
  matchesFilterPolicy,
  parseFilterPolicy,
} from './filter-policy.ts';
import type { PlannedDelivery } from './notification.ts';
import { messageForProtocol, type PublishedMessage } from './publish-validation.ts';
import { invalidParameter, missingMember, notFound } from './sns-error.ts';
import { type PersistedState, SUBSCRIPTION_PROTOCOLS, type SubscriptionProtocol } from './state-file.ts';

export interface Topic {
  readonly arn: string;
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
}

interface FilterSettings {
  readonly filterPolicyJson: string | undefined;
  readonly filterPolicyScope: FilterPolicyScope;
  readonly filterPolicy: FilterPolicy | undefined;
}

interface Subscription extends FilterSettings {
  readonly arn: string;
  readonly topicArn: string;
  readonly protocol: SubscriptionProtocol;
  readonly endpoint: string;
  readonly owner: string;
}

export interface SubscriptionSummary {
  readonly subscriptionArn: string;
  readonly topicArn: string;
  readonly protocol: string;
  readonly endpoint: string;
  readonly owner: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken: string | undefined;
}

export interface PublishOutcome {
  readonly messageId: string;
  readonly deliveries: readonly PlannedDelivery[];
}

const PAGE_SIZE = 100;
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const EMAIL_ADDRESS =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const LAMBDA_FUNCTION_ARN =
  /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]+)?$/;
/** Protocols AWS accepts but this emulator cannot deliver to. */
const UNDELIVERABLE_PROTOCOLS = ['http', 'https', 'sqs', 'sms', 'application', 'firehose'];
/** Subscription attributes AWS accepts but this emulator does not implement. */
const UNSUPPORTED_SUBSCRIPTION_ATTRIBUTES = [
  'DeliveryPolicy',
  'RedrivePolicy',
  'SubscriptionRoleArn',
  'ReplayPolicy',
];
const DEFAULT_FILTER_SETTINGS: FilterSettings = {
  filterPolicyJson: undefined,
  filterPolicyScope: 'MessageAttributes',
  filterPolicy: undefined,
};
/** Subscribe reports attribute problems under this prefix, SetSubscriptionAttributes under the plain one. */
const SUBSCRIBE_REASON = 'Invalid parameter: Attributes Reason: ';
const SET_ATTRIBUTE_REASON = 'Invalid parameter: ';

export class SnsModel {
  readonly #topics = new Map<string, Topic>();
  readonly #subscriptions = new Map<string, Subscription>();
  #revision = 0;

  constructor(
    readonly region: string,
    readonly accountId: string,
  ) {}

  static fromState(region: string, accountId: string, state: PersistedState): SnsModel {
    const model = new SnsModel(region, accountId);
    for (const topic of state.topics) model.#topics.set(topic.arn, topic);
    for (const saved of state.subscriptions) {
      if (!model.#topics.has(saved.topicArn)) {
        throw new Error(`Saved subscription ${saved.arn} refers to unknown topic ${saved.topicArn}`);
      }
      const filterPolicy =
        saved.filterPolicy === undefined
          ? undefined
          : parseFilterPolicy(saved.filterPolicy, saved.filterPolicyScope);
      model.#subscriptions.set(saved.arn, {
        arn: saved.arn,
        topicArn: saved.topicArn,
        protocol: saved.protocol,
        endpoint: saved.endpoint,
        owner: saved.owner,
        filterPolicyJson: saved.filterPolicy,
        filterPolicyScope: saved.filterPolicyScope,
        filterPolicy,
      });
    }
    return model;
  }

  /** Increases on every change, so the emulator knows when to rewrite its state file. */
  get revision(): number {
    return this.#revision;
  }

  toState(): PersistedState {
    return {
      version: 1,
      topics: [...this.#topics.values()].map(({ arn, name, attributes }) => ({
        arn,
        name,
        attributes: { ...attributes },
      })),
      subscriptions: [...this.#subscriptions.values()].map((subscription) => ({
        arn: subscription.arn,
        topicArn: subscription.topicArn,
        protocol: subscription.protocol,
        endpoint: subscription.endpoint,
        owner: subscription.owner,
        ...(subscription.filterPolicyJson === undefined
          ? {}
          : { filterPolicy: subscription.filterPolicyJson }),
        filterPolicyScope: subscription.filterPolicyScope,
      })),
    };
  }

  /** Idempotent by name, like SNS: creating an existing topic returns its ARN and keeps its attributes. */
  createTopic(name: string, attributes: ReadonlyMap<string, string>): string {
    if (!TOPIC_NAME.test(name)) throw invalidParameter('Invalid parameter: Topic Name');
    const arn = `arn:aws:sns:${this.region}:${this.accountId}:${name}`;
    if (!this.#topics.has(arn)) {
      this.#topics.set(arn, { arn, name, attributes: Object.fromEntries(attributes) });
      this.#changed();
    }
    return arn;
  }

  /** Deletes the topic and its subscriptions; deleting a topic that does not exist succeeds, as in SNS. */
  deleteTopic(topicArn: string): void {
    requireArnShape('TopicArn', topicArn);
    if (!this.#topics.delete(topicArn)) return;
    for (const subscription of this.#subscriptionsOf(topicArn)) this.#subscriptions.delete(subscription.arn);
    this.#changed();
  }

  listTopics(nextToken: string | undefined): Page<string> {
    return paginate([...this.#topics.keys()], nextToken);
  }

  getTopicAttributes(topicArn: string): Record<string, string> {
    const topic = this.requireTopic(topicArn);
    return {
      DisplayName: '',
      ...topic.attributes,
      TopicArn: topic.arn,
      Owner: this.accountId,
      SubscriptionsConfirmed: String(this.#subscriptionsOf(topic.arn).length),
      SubscriptionsPending: '0',
      SubscriptionsDeleted: '0',
    };
  }

  /**
   * Subscribes an endpoint, confirmed at once (real SNS first sends email endpoints a confirmation
   * link). Subscribing the same protocol and endpoint again returns the existing subscription.
   */
  subscribe(
    topicArn: string,
    protocol: string,
    endpoint: string | undefined,
    attributes: ReadonlyMap<string, string>,
  ): string {
    this.requireTopic(topicArn);
    const deliverableProtocol = requireDeliverableProtocol(protocol);
    const validEndpoint = requireValidEndpoint(deliverableProtocol, endpoint);
    // The scope decides how the policy is read, so it is applied first whatever the request's order.
    const settings = [...attributes]
      .sort(([left], [right]) => Number(right === 'FilterPolicyScope') - Number(left === 'FilterPolicyScope'))
      .reduce(
        (current, [name, value]) =>
          applySubscriptionAttribute(current, deliverableProtocol, name, value, SUBSCRIBE_REASON),
        DEFAULT_FILTER_SETTINGS,
      );

    const existing = this.#subscriptionsOf(topicArn).find(
      (subscription) =>
        subscription.protocol === deliverableProtocol && subscription.endpoint === validEndpoint,
    );
    if (existing) {
      const differs =
        (attributes.has('FilterPolicy') && existing.filterPolicyJson !== settings.filterPolicyJson) ||
        (attributes.has('FilterPolicyScope') && existing.filterPolicyScope !== settings.filterPolicyScope);
      if (differs) {
        throw invalidParameter(`${SUBSCRIBE_REASON}Subscription already exists with different attributes`);
      }
      return existing.arn;
    }

    const arn = `${topicArn}:${randomUUID()}`;
    this.#subscriptions.set(arn, {
      arn,
      topicArn,
      protocol: deliverableProtocol,
      endpoint: validEndpoint,
      owner: this.accountId,
      ...settings,
    });
    this.#changed();
    return arn;
  }

  /**
   * Removes a subscription and tells whether one was removed. Like SNS, unsubscribing twice
   * succeeds; an ARN that is not a subscription ARN at all is refused.
   */
  unsubscribe(subscriptionArn: string): boolean {
    const elementCount = requireArnShape('SubscriptionArn', subscriptionArn);
    if (elementCount === 6) throw invalidParameter('Invalid parameter: SubscriptionId');
    const removed = this.#subscriptions.delete(subscriptionArn);
    if (removed) this.#changed();
    return removed;
  }

  getSubscriptionAttributes(subscriptionArn: string): Record<string, string> {
    const subscription = this.#requireSubscription(subscriptionArn);
    return {
      SubscriptionArn: subscription.arn,
      TopicArn: subscription.topicArn,
      Owner: subscription.owner,
      Protocol: subscription.protocol,
      Endpoint: subscription.endpoint,
      PendingConfirmation: 'false',
      ConfirmationWasAuthenticated: subscription.protocol === 'lambda' ? 'true' : 'false',
      RawMessageDelivery: 'false',
      ...(subscription.filterPolicyJson === undefined
        ? {}
        : { FilterPolicy: subscription.filterPolicyJson, FilterPolicyScope: subscription.filterPolicyScope }),
    };
  }

  setSubscriptionAttribute(subscriptionArn: string, name: string, value: string): void {
    const subscription = this.#requireSubscription(subscriptionArn);
    const settings = applySubscriptionAttribute(
      subscription,
      subscription.protocol,
      name,
      value,
      SET_ATTRIBUTE_REASON,
    );
    this.#subscriptions.set(subscriptionArn, { ...subscription, ...settings });
    this.#changed();
  }

  listSubscriptions(nextToken: string | undefined): Page<SubscriptionSummary> {
    return paginate([...this.#subscriptions.values()].map(summarize), nextToken);
  }

  listSubscriptionsByTopic(topicArn: string, nextToken: string | undefined): Page<SubscriptionSummary> {
    this.requireTopic(topicArn);
    return paginate(this.#subscriptionsOf(topicArn).map(summarize), nextToken);
  }

  /** Assigns a message id and plans one delivery per subscription whose filter policy accepts the message. */
  publish(topicArn: string, published: PublishedMessage): PublishOutcome {
    const topic = this.requireTopic(topicArn);
    const messageId = randomUUID();
    const timestamp = new Date().toISOString();
    const deliveries = this.#subscriptionsOf(topic.arn).flatMap((subscription): PlannedDelivery[] => {
      const message = messageForProtocol(published, subscription.protocol);
      const accepted =
        !subscription.filterPolicy ||
        matchesFilterPolicy(subscription.filterPolicy, { attributes: published.attributes, body: message });
      if (!accepted) return [];
      const notification = {
        messageId,
        topicArn: topic.arn,
        subject: published.subject,
        message,
        timestamp,
        attributes: published.attributes,
      };
      return [
        {
          subscriptionArn: subscription.arn,
          protocol: subscription.protocol,
          endpoint: subscription.endpoint,
          notification,
        },
      ];
    });
    return { messageId, deliveries };
  }

  requireTopic(topicArn: string): Topic {
    requireArnShape('TopicArn', topicArn);
    const topic = this.#topics.get(topicArn);
    if (!topic) throw notFound('Topic does not exist');
    return topic;
  }

  #requireSubscription(subscriptionArn: string): Subscription {
    const subscription = this.#subscriptions.get(subscriptionArn);
    if (!subscription) throw notFound('Subscription does not exist');
    return subscription;
  }

  #subscriptionsOf(topicArn: string): Subscription[] {
    return [...this.#subscriptions.values()].filter((subscription) => subscription.topicArn === topicArn);
  }

  #changed(): void {
    this.#revision += 1;
  }
}

/** Returns how many `:`-separated elements the ARN has, refusing fewer than an ARN's six. */
function requireArnShape(parameter: string, arn: string): number {
  const elementCount = arn.split(':').length;
  if (elementCount < 6) {
    throw invalidParameter(
      `Invalid parameter: ${parameter} Reason: An ARN must have at least 6 elements, not ${elementCount}`,
    );
  }
  return elementCount;
}

function requireDeliverableProtocol(protocol: string): SubscriptionProtocol {
  const deliverable = SUBSCRIPTION_PROTOCOLS.find((known) => known === protocol);
  if (deliverable) return deliverable;
  if (UNDELIVERABLE_PROTOCOLS.includes(protocol)) {
    throw invalidParameter(
      `Invalid parameter: Protocol Reason: the local SNS emulator cannot deliver to ${protocol}`,
    );
  }
  throw invalidParameter(`Invalid parameter: Amazon SNS does not support this protocol string: ${protocol}`);
}

function requireValidEndpoint(protocol: SubscriptionProtocol, endpoint: string | undefined): string {
  if (endpoint === undefined) throw missingMember('endpoint');
  if (protocol === 'lambda') {
    if (!LAMBDA_FUNCTION_ARN.test(endpoint)) throw invalidParameter('Invalid parameter: Lambda endpoint ARN');
  } else if (!EMAIL_ADDRESS.test(endpoint)) {
    // Also what keeps header-breaking characters out of the To: line of outbox emails.
    throw invalidParameter('Invalid parameter: Email address');
  }
  return endpoint;
}

function applySubscriptionAttribute(
  settings: FilterSettings,
  protocol: SubscriptionProtocol,
  name: string,
  value: string,
  reason: string,
): FilterSettings {
  switch (name) {
    case 'FilterPolicy':
      return value === ''
        ? { ...settings, filterPolicyJson: undefined, filterPolicy: undefined }
        : {
            ...settings,
            filterPolicyJson: value,
            filterPolicy: parsePolicy(value, settings.filterPolicyScope, reason),
          };
    case 'FilterPolicyScope': {
      const scope = FILTER_POLICY_SCOPES.find((known) => known === value);
      if (!scope) {
        throw invalidParameter(
          `${reason}FilterPolicyScope: Invalid value [${value}]. Please use either MessageBody or MessageAttributes`,
        );
      }
      // An existing policy must still be valid under the new scope (nested keys need MessageBody).
      const filterPolicy =
        settings.filterPolicyJson === undefined
          ? undefined
          : parsePolicy(settings.filterPolicyJson, scope, reason);
      return { ...settings, filterPolicyScope: scope, filterPolicy };
    }
    case 'RawMessageDelivery': {
      const enabled = value.toLowerCase();
      if (enabled !== 'true' && enabled !== 'false') {
        throw invalidParameter(
          `${reason}RawMessageDelivery: Invalid value [${value}]. Must be true or false.`,
        );
      }
      if (enabled === 'true') {
        throw invalidParameter(
          `${reason}Delivery protocol [${protocol}] does not support raw message delivery.`,
        );
      }
      return settings;
    }
    default:
      if (UNSUPPORTED_SUBSCRIPTION_ATTRIBUTES.includes(name)) {
        throw invalidParameter(`${reason}${name} is not supported by the local SNS emulator`);
      }
      throw invalidParameter(`${reason}AttributeName`);
  }
}

function parsePolicy(json: string, scope: FilterPolicyScope, reason: string): FilterPolicy {
  try {
    return parseFilterPolicy(json, scope);
  } catch (error) {
    if (error instanceof FilterPolicyError) throw invalidParameter(`${reason}${error.message}`);
    throw error;
  }
}

function summarize(subscription: Subscription): SubscriptionSummary {
  return {
    subscriptionArn: subscription.arn,
    topicArn: subscription.topicArn,
    protocol: subscription.protocol,
    endpoint: subscription.endpoint,
    owner: subscription.owner,
  };
}

/** Pages of 100 like SNS; the token is the opaque position of the next page. */
function paginate<T>(items: readonly T[], nextToken: string | undefined): Page<T> {
  const start = nextToken === undefined ? 0 : Number(Buffer.from(nextToken, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(start) || start < 0 || start > items.length) {
    throw invalidParameter('Invalid parameter: NextToken');
  }
  const end = start + PAGE_SIZE;
  return {
    items: items.slice(start, end),
    nextToken: end < items.length ? Buffer.from(String(end), 'utf8').toString('base64url') : undefined,
  };
}
