/**
 * The ports the console's route handlers use. console-api.ts builds them from the environment on
 * AWS, the local console server from the emulators, and unit tests from in-memory fakes.
 */
import type { Classifier } from '../../shared/classification/classifier.ts';
import type { ArchiveShards } from '../../shared/ports/archive-shards.ts';
import type { ArticleArchive } from '../../shared/ports/article-archive.ts';
import type { ArticleCatalog } from '../../shared/ports/article-catalog.ts';
import type { ArticleListings } from '../../shared/ports/article-listings.ts';
import type { Clock } from '../../shared/ports/clock.ts';
import type { DeadLetterDepths } from '../../shared/ports/dead-letter-depths.ts';
import type { EmailSubscriptions } from '../../shared/ports/email-subscriptions.ts';
import type { FeedStateStore } from '../../shared/ports/feed-state-store.ts';
import type { RuleStore } from '../../shared/ports/rule-store.ts';
import type { SubscriptionStore } from '../../shared/ports/subscription-store.ts';
import type { TrendRollups } from '../../shared/ports/trend-rollups.ts';

export interface ConsoleDeps {
  clock: Clock;
  rules: RuleStore;
  archive: ArticleArchive;
  /** Closed days of the archive in one object each, for rule previews (roll-up-trends builds them). */
  shards: Pick<ArchiveShards, 'getDayShard'>;
  catalog: ArticleCatalog;
  /** The table's article and alert listings (the typed reader on DynamoDB). */
  listings: ArticleListings;
  /** The heat map's hourly rollups (read only: the roll-up-trends job writes them). */
  trendRollups: Pick<TrendRollups, 'rollupsBetween' | 'hourStates'>;
  /** Built on first use: only the article page needs it, and building it takes a moment. */
  classifier: () => Classifier;
  /** Email subscriptions on the alerts topic. */
  alertSubscriptions: EmailSubscriptions;
  /** Email subscriptions on the digest topic. */
  digestRecipients: EmailSubscriptions;
  subscriptions: SubscriptionStore;
  feeds: FeedStateStore;
  deadLetters: DeadLetterDepths;
}
