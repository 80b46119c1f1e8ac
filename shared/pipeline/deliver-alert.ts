/**
 * Delivers one alert exactly once. The alert is recorded with a conditional write and claimed under a
 * lease before it is published, then marked published:
 * - a retry after a publish failure finds the record pending and publishes it, without a second record;
 * - a crash between record and publish leaves it pending, and the next attempt after the lease sends it;
 * - once published, every later attempt (retries, re-fetches, updates, replays) finds it and stops.
 * The one window left is a crash after SNS accepted the message but before the mark: SNS standard
 * topics offer no deduplication, and a rare repeat beats a lost alert.
 */

import { composeAlert } from '../alerts/alert-notification.ts';
import type { AlertRecord } from '../alerts/alert-record.ts';
import type { ArticleRecord } from '../articles/article-record.ts';
import type { AlertLedger } from '../ports/alert-ledger.ts';
import type { AlertPublisher } from '../ports/alert-publisher.ts';
import type { Clock } from '../ports/clock.ts';

export interface DeliverAlertDeps {
  ledger: AlertLedger;
  publisher: AlertPublisher;
  clock: Clock;
  /** How long a delivery attempt holds the alert: longer than a publish can take. */
  leaseSeconds: number;
}

export type DeliveryOutcome = 'sent' | 'already-handled';

export async function deliverAlertOnce(
  alert: AlertRecord,
  article: ArticleRecord,
  deps: DeliverAlertDeps,
): Promise<DeliveryOutcome> {
  const now = deps.clock.now();
  const leaseUntil = new Date(now.getTime() + deps.leaseSeconds * 1000).toISOString();
  const claimed = await deps.ledger.claimAlert(alert, now.toISOString(), leaseUntil);
  if (claimed === null) return 'already-handled';
  let messageId: string;
  try {
    messageId = await deps.publisher.publish(composeAlert(article, claimed));
  } catch (error) {
    await deps.ledger.releaseAlert(alert.articleId, alert.ruleId);
    throw error;
  }
  await deps.ledger.markPublished(alert.articleId, alert.ruleId, messageId, deps.clock.now().toISOString());
  return 'sent';
}
