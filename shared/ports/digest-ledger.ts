/** The port for the digest ledger: one record per (recipient, day), written conditionally. */
import type { DigestRecord } from '../alerts/digest-record.ts';

export interface DigestLedger {
  /**
   * Records the digest unless one exists for the same (recipient, day), and claims its delivery until
   * `leaseUntil`. Returns the claimed record, or null when it was already published or another
   * delivery holds an unexpired lease.
   */
  claimDigest(digest: DigestRecord, now: string, leaseUntil: string): Promise<DigestRecord | null>;
  markDigestPublished(recipientId: string, day: string, messageId: string, at: string): Promise<void>;
  /** Gives up a claim after a failed publish, so the next attempt need not wait for the lease. */
  releaseDigest(recipientId: string, day: string): Promise<void>;
}
