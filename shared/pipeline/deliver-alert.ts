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
  /**
   * The analyst console's origin, which the email links to, read when the alert is composed (the
   * local console starts after the handlers load); absent or null, the email links only to the article.
   */
  consoleUrl?: () => string | null;
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
      publish: (claimed) =>
        publisher.publish(composeAlert(article, claimed, { consoleUrl: deps.consoleUrl?.() ?? null })),
      markPublished: (messageId, at) => ledger.markPublished(alert.articleId, alert.ruleId, messageId, at),
      release: () => ledger.releaseAlert(alert.articleId, alert.ruleId),
    },
    deps,
  );
}
