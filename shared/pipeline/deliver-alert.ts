/**
 * Delivers one alert exactly once (see deliver-once.ts): the Alert item for (article, rule) is the
 * ledger entry, so retries, re-fetches, updates and replays of the article never alert twice.
 */

import { composeAlert } from '../alerts/alert-notification.ts';
import type { AlertRecord } from '../alerts/alert-record.ts';
import type { ArticleRecord } from '../articles/article-record.ts';
import type { AlertLedger } from '../ports/alert-ledger.ts';
import type { AlertPublisher } from '../ports/alert-publisher.ts';
import type { Clock } from '../ports/clock.ts';
import { type DeliveryOutcome, deliverOnce } from './deliver-once.ts';

export interface DeliverAlertDeps {
  ledger: AlertLedger;
  publisher: AlertPublisher;
  clock: Clock;
  /** How long a delivery attempt holds the alert: longer than a publish can take. */
  leaseSeconds: number;
}

export async function deliverAlertOnce(
  alert: AlertRecord,
  article: ArticleRecord,
  deps: DeliverAlertDeps,
): Promise<DeliveryOutcome> {
  const { ledger, publisher } = deps;
  return deliverOnce(
    {
      claim: (now, leaseUntil) => ledger.claimAlert(alert, now, leaseUntil),
      publish: (claimed) => publisher.publish(composeAlert(article, claimed)),
      markPublished: (messageId, at) => ledger.markPublished(alert.articleId, alert.ruleId, messageId, at),
      release: () => ledger.releaseAlert(alert.articleId, alert.ruleId),
    },
    deps,
  );
}
