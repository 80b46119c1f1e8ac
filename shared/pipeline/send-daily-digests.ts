/**
 * Sends each digest recipient one email for a UTC day with that day's matches that pass their
 * subscriptions' filters, grouped by rule, exactly once per (recipient, day) (see deliver-once.ts).
 * An address with several digest subscriptions gets one email with the union of their matches; an
 * address with no match that day gets none. One recipient's failed publish does not stop the others:
 * the run fails at the end, and its retry sends only what is still unsent.
 */
import type { AlertRecord } from '../alerts/alert-record.ts';
import { composeDigest, type DigestEntry } from '../alerts/digest-email.ts';
import type { DigestRecord } from '../alerts/digest-record.ts';
import { type DigestSubscription, filterAccepts, recipientIdFor } from '../alerts/digest-subscription.ts';
import type { ArticleRecord } from '../articles/article-record.ts';
import type { AlertHistory } from '../ports/alert-history.ts';
import type { ArticleCatalog } from '../ports/article-catalog.ts';
import type { Clock } from '../ports/clock.ts';
import type { DigestLedger } from '../ports/digest-ledger.ts';
import type { DigestPublisher } from '../ports/digest-publisher.ts';
import type { RuleStore } from '../ports/rule-store.ts';
import type { SubscriptionStore } from '../ports/subscription-store.ts';
import { deliverOnce } from './deliver-once.ts';

export interface SendDailyDigestsDeps {
  subscriptions: SubscriptionStore;
  rules: Pick<RuleStore, 'listRules'>;
  alerts: AlertHistory;
  catalog: Pick<ArticleCatalog, 'getArticle'>;
  ledger: DigestLedger;
  publisher: DigestPublisher;
  clock: Clock;
  /** How long a delivery attempt holds a digest: longer than a publish can take. */
  leaseSeconds: number;
  /** The analyst console's origin, which each entry links to; absent or null, entries link only to the articles. */
  consoleUrl?: () => string | null;
}

export interface DigestRunSummary {
  day: string;
  recipients: number;
  sent: number;
  alreadySent: number;
  /** Recipients without a match that day: no email. */
  quiet: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function assertUtcDay(day: string): void {
  if (!DAY.test(day) || new Date(`${day}T00:00:00.000Z`).toISOString().slice(0, 10) !== day) {
    throw new RangeError(`Not a day in the form YYYY-MM-DD: "${day}"`);
  }
}

/** The UTC day before `instant`: a digest sent in the morning covers the whole of yesterday. */
export function previousUtcDay(instant: Date): string {
  return new Date(instant.getTime() - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** Reads each rule's alerts and each article once, however many subscriptions want them. */
function dayReader(day: string, deps: SendDailyDigestsDeps) {
  const alertsByRule = new Map<string, Promise<AlertRecord[]>>();
  const articles = new Map<string, Promise<ArticleRecord | null>>();
  let allRuleIds: Promise<string[]> | undefined;
  return {
    ruleIds(subscription: DigestSubscription): Promise<string[]> {
      if (subscription.filter.rules !== undefined) return Promise.resolve(subscription.filter.rules);
      allRuleIds ??= deps.rules.listRules().then((rules) => rules.map(({ id }) => id));
      return allRuleIds;
    },
    alertsFor(ruleId: string): Promise<AlertRecord[]> {
      let alerts = alertsByRule.get(ruleId);
      if (alerts === undefined) {
        alerts = deps.alerts.listAlertsForRule(ruleId, `${day}T00:00:00.000Z`, `${day}T23:59:59.999Z`);
        alertsByRule.set(ruleId, alerts);
      }
      return alerts;
    },
    article(id: string): Promise<ArticleRecord | null> {
      let article = articles.get(id);
      if (article === undefined) {
        article = deps.catalog.getArticle(id);
        articles.set(id, article);
      }
      return article;
    },
  };
}

async function entriesFor(
  subscriptions: readonly DigestSubscription[],
  reader: ReturnType<typeof dayReader>,
): Promise<DigestEntry[]> {
  const entries = new Map<string, DigestEntry>();
  for (const subscription of subscriptions) {
    for (const ruleId of await reader.ruleIds(subscription)) {
      for (const alert of await reader.alertsFor(ruleId)) {
        const key = `${alert.articleId}|${alert.ruleId}`;
        if (entries.has(key)) continue;
        const article = await reader.article(alert.articleId);
        if (article === null) continue;
        const labels = {
          ruleId: alert.ruleId,
          pairs: article.countryPairs.map(({ pair }) => pair),
          topics: article.topics.map(({ id }) => id),
          countries: article.countries.map(({ code }) => code),
        };
        if (filterAccepts(subscription.filter, labels)) entries.set(key, { alert, article });
      }
    }
  }
  return [...entries.values()];
}

function byRecipient(subscriptions: readonly DigestSubscription[]): Map<string, DigestSubscription[]> {
  const recipients = new Map<string, DigestSubscription[]>();
  for (const subscription of subscriptions) {
    const recipientId = recipientIdFor(subscription.email);
    recipients.set(recipientId, [...(recipients.get(recipientId) ?? []), subscription]);
  }
  return recipients;
}

export async function sendDailyDigests(day: string, deps: SendDailyDigestsDeps): Promise<DigestRunSummary> {
  assertUtcDay(day);
  const recipients = byRecipient(await deps.subscriptions.listDigestSubscriptions());
  const reader = dayReader(day, deps);
  const summary: DigestRunSummary = { day, recipients: recipients.size, sent: 0, alreadySent: 0, quiet: 0 };
  const failures: Error[] = [];
  for (const [recipientId, subscriptions] of recipients) {
    const entries = await entriesFor(subscriptions, reader);
    if (entries.length === 0) {
      summary.quiet += 1;
      continue;
    }
    // Addresses compare case-insensitively; the digest goes to the address as first subscribed.
    const email = [...subscriptions].sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0]?.email ?? '';
    const record: DigestRecord = {
      recipientId,
      email,
      day,
      matchCount: entries.length,
      status: 'pending',
      leaseUntil: null,
      publishedAt: null,
      messageId: null,
      attempts: 0,
    };
    try {
      const outcome = await deliverOnce(
        {
          claim: (now, leaseUntil) => deps.ledger.claimDigest(record, now, leaseUntil),
          publish: () =>
            deps.publisher.publish(composeDigest(email, day, entries, deps.consoleUrl?.() ?? null)),
          markPublished: (messageId, at) => deps.ledger.markDigestPublished(recipientId, day, messageId, at),
          release: () => deps.ledger.releaseDigest(recipientId, day),
        },
        deps,
      );
      if (outcome === 'sent') summary.sent += 1;
      else summary.alreadySent += 1;
    } catch (error) {
      failures.push(error as Error);
    }
  }
  if (failures.length > 0) {
    throw new AggregateError(
      failures,
      `${failures.length} of ${recipients.size} digests for ${day} failed; a rerun sends only those`,
    );
  }
  return summary;
}
