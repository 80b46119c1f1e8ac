/** In-memory implementations of the digest ports, for use-case tests that need no emulator. */
import type { AlertRecord } from '../../shared/alerts/alert-record.ts';
import type { DigestEmail } from '../../shared/alerts/digest-email.ts';
import type { DigestRecord } from '../../shared/alerts/digest-record.ts';
import type { DigestSubscription } from '../../shared/alerts/digest-subscription.ts';
import type { AlertHistory } from '../../shared/ports/alert-history.ts';
import type { DigestLedger } from '../../shared/ports/digest-ledger.ts';
import type { DigestPublisher } from '../../shared/ports/digest-publisher.ts';
import type { SubscriptionStore } from '../../shared/ports/subscription-store.ts';

export class MemorySubscriptions implements SubscriptionStore {
  readonly subscriptions = new Map<string, DigestSubscription>();
  async putSubscription(subscription: DigestSubscription) {
    this.subscriptions.set(subscription.id, subscription);
  }
  async listDigestSubscriptions() {
    return [...this.subscriptions.values()];
  }
  async listSubscriptionsFor(email: string) {
    return [...this.subscriptions.values()].filter(
      (subscription) => subscription.email.toLowerCase() === email.toLowerCase(),
    );
  }
  async removeSubscription(id: string) {
    return this.subscriptions.delete(id);
  }
  async removeSubscriptionsFor(email: string) {
    const mine = await this.listSubscriptionsFor(email);
    for (const { id } of mine) this.subscriptions.delete(id);
    return mine.length;
  }
}

export class MemoryAlertHistory implements AlertHistory {
  constructor(readonly alerts: AlertRecord[] = []) {}
  async listAlertsForRule(ruleId: string, since: string, until: string) {
    return this.alerts
      .filter((alert) => alert.ruleId === ruleId && alert.matchedAt >= since && alert.matchedAt <= until)
      .sort((a, b) => a.matchedAt.localeCompare(b.matchedAt));
  }
}

export class MemoryDigestLedger implements DigestLedger {
  readonly digests = new Map<string, DigestRecord>();
  private key = (recipientId: string, day: string) => `${recipientId}|${day}`;
  async claimDigest(digest: DigestRecord, now: string, leaseUntil: string) {
    const key = this.key(digest.recipientId, digest.day);
    const existing = this.digests.get(key);
    if (existing === undefined) {
      const claimed = { ...digest, leaseUntil, attempts: 1 };
      this.digests.set(key, claimed);
      return claimed;
    }
    if (existing.status === 'published' || (existing.leaseUntil !== null && existing.leaseUntil >= now))
      return null;
    const claimed = { ...existing, leaseUntil, attempts: existing.attempts + 1 };
    this.digests.set(key, claimed);
    return claimed;
  }
  async markDigestPublished(recipientId: string, day: string, messageId: string, at: string) {
    const key = this.key(recipientId, day);
    const existing = this.digests.get(key) as DigestRecord;
    this.digests.set(key, { ...existing, status: 'published', publishedAt: at, messageId, leaseUntil: null });
  }
  async releaseDigest(recipientId: string, day: string) {
    const key = this.key(recipientId, day);
    const existing = this.digests.get(key);
    if (existing?.status === 'pending') this.digests.set(key, { ...existing, leaseUntil: null });
  }
}

/** A publisher that records each digest and fails for the recipients it is told to, once each. */
export class RecordingDigestPublisher implements DigestPublisher {
  readonly sent: DigestEmail[] = [];
  readonly failOnceFor = new Set<string>();
  async publish(digest: DigestEmail) {
    if (this.failOnceFor.delete(digest.recipient)) throw new Error('SNS is unavailable');
    this.sent.push(digest);
    return `digest-${this.sent.length}`;
  }
}
