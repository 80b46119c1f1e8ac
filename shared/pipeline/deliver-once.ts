/**
 * Publishes one message exactly once, for anything recorded in a ledger: an alert per (article, rule),
 * a digest per (recipient, day). The message is recorded with a conditional write and claimed under a
 * lease before it is published, then marked published:
 * - a retry after a publish failure finds the record pending and publishes it, without a second record;
 * - a crash between record and publish leaves it pending, and the next attempt after the lease sends it;
 * - once published, every later attempt (retries, re-fetches, updates, replays) finds it and stops.
 * The one window left is a crash after SNS accepted the message but before the mark: SNS standard
 * topics offer no deduplication, and a rare repeat beats a lost message.
 */
import type { Clock } from '../ports/clock.ts';

/** One ledger entry's delivery, with the ledger and the publisher bound to it. */
export interface LedgeredDelivery<Claimed> {
  /** Records the entry unless it exists and claims it until `leaseUntil`; null when published or leased. */
  claim(now: string, leaseUntil: string): Promise<Claimed | null>;
  /** Publishes what was claimed (the first recorded version) and returns the message id. */
  publish(claimed: Claimed): Promise<string>;
  markPublished(messageId: string, at: string): Promise<void>;
  /** Gives up the claim after a failed publish, so the next attempt need not wait for the lease. */
  release(): Promise<void>;
}

export interface DeliverOnceOptions {
  clock: Clock;
  /** How long a delivery attempt holds the entry: longer than a publish can take. */
  leaseSeconds: number;
}

export type DeliveryOutcome = 'sent' | 'already-handled';

export async function deliverOnce<Claimed>(
  delivery: LedgeredDelivery<Claimed>,
  { clock, leaseSeconds }: DeliverOnceOptions,
): Promise<DeliveryOutcome> {
  const now = clock.now();
  const leaseUntil = new Date(now.getTime() + leaseSeconds * 1000).toISOString();
  const claimed = await delivery.claim(now.toISOString(), leaseUntil);
  if (claimed === null) return 'already-handled';
  let messageId: string;
  try {
    messageId = await delivery.publish(claimed);
  } catch (error) {
    await delivery.release();
    throw error;
  }
  await delivery.markPublished(messageId, clock.now().toISOString());
  return 'sent';
}
