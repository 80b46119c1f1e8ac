/**
 * An analyst's subscriptions, as the console shows and changes them: only their own, by the email
 * their identity carries. Immediate delivery is the address's one email subscription on the alerts
 * topic, its filter policy made from all their immediate targets; digest delivery is a Subscription
 * item per target plus the address's one subscription on the digest topic (as `subscribe --digest`).
 * The state shown is SNS's: pending until the address follows the confirmation link.
 */
import { newDigestSubscription, recipientFilterPolicy } from '../alerts/digest-subscription.ts';
import { TOPIC_IDS } from '../classification/topic-ids.ts';
import type { Clock } from '../ports/clock.ts';
import { type EmailSubscriptions, SubscriptionPendingError } from '../ports/email-subscriptions.ts';
import type { RuleStore } from '../ports/rule-store.ts';
import type { SubscriptionStore } from '../ports/subscription-store.ts';
import type { Analyst } from './analyst.ts';
import { ConsoleRefusal } from './console-refusal.ts';
import {
  digestFilterForTarget,
  filterPolicyForTargets,
  type SubscriptionTarget,
  sameTarget,
  targetOfDigestFilter,
  targetsOfFilterPolicy,
} from './subscription-targets.ts';

export type Delivery = 'immediate' | 'digest';

export interface SubscriptionView {
  id: string;
  target: SubscriptionTarget;
  delivery: Delivery;
  status: 'confirmed' | 'pending';
}

export interface AnalystSubscriptionDeps {
  /** Email subscriptions on the alerts topic. */
  alertSubscriptions: EmailSubscriptions;
  /** Email subscriptions on the digest topic. */
  digestRecipients: EmailSubscriptions;
  subscriptions: SubscriptionStore;
  rules: RuleStore;
  clock: Clock;
}

// An immediate subscription's id names its target; the id travels in a URL path, hence the encoding.
const IMMEDIATE_PREFIX = 'immediate.';
const immediateId = (target: SubscriptionTarget) =>
  `${IMMEDIATE_PREFIX}${Buffer.from(JSON.stringify([target.kind, target.value])).toString('base64url')}`;

function targetOfImmediateId(id: string): SubscriptionTarget | null {
  if (!id.startsWith(IMMEDIATE_PREFIX)) return null;
  try {
    const [kind, value] = JSON.parse(
      Buffer.from(id.slice(IMMEDIATE_PREFIX.length), 'base64url').toString(),
    ) as [unknown, unknown];
    if ((kind === 'rule' || kind === 'pair' || kind === 'topic') && typeof value === 'string')
      return { kind, value };
  } catch {
    // Not an id this module made.
  }
  return null;
}

const statusOf = (pending: boolean) => (pending ? 'pending' : 'confirmed');

/** The target as stored, or a refusal saying why it names nothing that can match. */
async function checkedTarget(
  target: SubscriptionTarget,
  deps: AnalystSubscriptionDeps,
): Promise<SubscriptionTarget> {
  const value = target.value.trim();
  switch (target.kind) {
    case 'rule': {
      const rules = await deps.rules.listRules();
      if (!rules.some(({ id }) => id === value)) {
        throw new ConsoleRefusal(
          'not_found',
          `there is no rule ${value}: a subscription on it would never receive an alert`,
        );
      }
      return { kind: 'rule', value };
    }
    case 'pair': {
      const codes = value.toUpperCase().split('-');
      if (codes.length !== 2 || !codes.every((code) => /^[A-Z]{2}$/.test(code)) || codes[0] === codes[1]) {
        throw new ConsoleRefusal(
          'invalid',
          `"${value}" is not a country pair: two ISO codes joined by "-", e.g. PK-US`,
        );
      }
      return { kind: 'pair', value: codes.sort().join('-') };
    }
    case 'topic': {
      const topic = value.toLowerCase();
      if (!(TOPIC_IDS as readonly string[]).includes(topic)) {
        throw new ConsoleRefusal(
          'invalid',
          `"${value}" is not a topic; the topics are: ${TOPIC_IDS.join(', ')}`,
        );
      }
      return { kind: 'topic', value: topic };
    }
  }
}

/** The analyst's immediate targets and whether their subscription awaits confirmation; null targets: not the console's. */
async function immediateTargets(analyst: Analyst, deps: AnalystSubscriptionDeps) {
  const subscription = await deps.alertSubscriptions.find(analyst.email);
  if (subscription === null) return { targets: [], pending: false, readable: true };
  if (subscription.filterPolicy === null) return { targets: [], pending: true, readable: false };
  const targets = targetsOfFilterPolicy(subscription.filterPolicy);
  return { targets: targets ?? [], pending: subscription.pending, readable: targets !== null };
}

export async function listAnalystSubscriptions(
  analyst: Analyst,
  deps: AnalystSubscriptionDeps,
): Promise<SubscriptionView[]> {
  const immediate = await immediateTargets(analyst, deps);
  const digests = await deps.subscriptions.listSubscriptionsFor(analyst.email);
  const digestRecipient = digests.length === 0 ? null : await deps.digestRecipients.find(analyst.email);
  const views: SubscriptionView[] = immediate.targets.map((target) => ({
    id: immediateId(target),
    target,
    delivery: 'immediate',
    status: statusOf(immediate.pending),
  }));
  for (const digest of digests) {
    const target = targetOfDigestFilter(digest.filter);
    if (target === null) continue;
    views.push({
      id: digest.id,
      target,
      delivery: 'digest',
      status: statusOf(digestRecipient?.pending ?? true),
    });
  }
  return views;
}

function pendingRefusal(error: unknown): never {
  if (error instanceof SubscriptionPendingError) throw new ConsoleRefusal('conflict', error.message);
  throw error;
}

export async function createAnalystSubscription(
  request: { target: SubscriptionTarget; delivery: Delivery },
  analyst: Analyst,
  deps: AnalystSubscriptionDeps,
): Promise<SubscriptionView> {
  const target = await checkedTarget(request.target, deps);
  if (request.delivery === 'digest') {
    const subscription = newDigestSubscription(
      analyst.email,
      digestFilterForTarget(target),
      deps.clock.now().toISOString(),
    );
    await deps.subscriptions.putSubscription(subscription);
    // One subscription on the digest topic delivers every digest addressed to the analyst.
    const recipient =
      (await deps.digestRecipients.find(analyst.email)) ??
      (await deps.digestRecipients
        .put(analyst.email, recipientFilterPolicy(analyst.email))
        .catch(pendingRefusal));
    return { id: subscription.id, target, delivery: 'digest', status: statusOf(recipient.pending) };
  }
  const immediate = await immediateTargets(analyst, deps);
  if (!immediate.readable) {
    throw new ConsoleRefusal(
      'conflict',
      immediate.pending
        ? 'your alert subscription is waiting for confirmation: follow the link in its email first, then add more'
        : 'your alert subscription was made with the CLI and filters in a way the console cannot show: remove it with `wirewatch unsubscribe` first',
    );
  }
  const targets = immediate.targets.some((each) => sameTarget(each, target))
    ? immediate.targets
    : [...immediate.targets, target];
  const subscription = await deps.alertSubscriptions
    .put(analyst.email, filterPolicyForTargets(targets))
    .catch(pendingRefusal);
  return { id: immediateId(target), target, delivery: 'immediate', status: statusOf(subscription.pending) };
}

export async function deleteAnalystSubscription(
  id: string,
  analyst: Analyst,
  deps: AnalystSubscriptionDeps,
): Promise<void> {
  const target = targetOfImmediateId(id);
  if (target !== null) {
    const immediate = await immediateTargets(analyst, deps);
    const remaining = immediate.targets.filter((each) => !sameTarget(each, target));
    if (remaining.length === immediate.targets.length)
      throw new ConsoleRefusal('not_found', `you have no subscription ${id}`);
    if (remaining.length === 0) await deps.alertSubscriptions.remove(analyst.email).catch(pendingRefusal);
    else
      await deps.alertSubscriptions
        .put(analyst.email, filterPolicyForTargets(remaining))
        .catch(pendingRefusal);
    return;
  }
  // Only the analyst's own digest subscriptions are looked at: another's id is as unknown as a made-up one.
  const digests = await deps.subscriptions.listSubscriptionsFor(analyst.email);
  if (!digests.some((digest) => digest.id === id))
    throw new ConsoleRefusal('not_found', `you have no subscription ${id}`);
  await deps.subscriptions.removeSubscription(id);
  if (digests.length === 1) await deps.digestRecipients.remove(analyst.email).catch(pendingRefusal);
}
