/** The port for the alert ledger: the table's Alert items, one per (article, rule), written conditionally. */
import type { AlertRecord } from '../alerts/alert-record.ts';

export interface AlertLedger {
  /**
   * Records the alert unless one exists for the same (article, rule), and claims its delivery until
   * `leaseUntil`. Returns the claimed record, or null when the alert was already published or another
   * delivery holds an unexpired lease.
   */
  claimAlert(alert: AlertRecord, now: string, leaseUntil: string): Promise<AlertRecord | null>;
  markPublished(articleId: string, ruleId: string, messageId: string, at: string): Promise<void>;
  /** Gives up a claim after a failed publish, so the next attempt need not wait for the lease. */
  releaseAlert(articleId: string, ruleId: string): Promise<void>;
  listAlertsForArticle(articleId: string): Promise<AlertRecord[]>;
}
