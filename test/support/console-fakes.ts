/** ConsoleDeps made of in-memory ports, for handler tests that need no emulator. */
import type { ConsoleDeps } from '../../functions/console-api/console-deps.ts';
import { type ArticleDocument, contentHashOf } from '../../shared/articles/article-document.ts';
import { articleDocumentKey } from '../../shared/articles/storage-keys.ts';
import { type Classifier, createClassifier } from '../../shared/classification/classifier.ts';
import {
  type EmailSubscriptions,
  type FilterPolicy,
  SubscriptionPendingError,
  type TopicEmailSubscription,
} from '../../shared/ports/email-subscriptions.ts';
import { MemorySubscriptions } from './digest-fakes.ts';
import {
  FixedClock,
  MemoryArchive,
  MemoryCatalog,
  MemoryFeedStates,
  MemoryRules,
} from './in-memory-ports.ts';
import { MemoryArchiveShards } from './memory-archive-shards.ts';
import { MemoryListings } from './memory-listings.ts';
import { MemoryTrendRollups } from './memory-trend-rollups.ts';

/**
 * One topic's email subscriptions as SNS keeps them, by lower-cased address. `confirmAtOnce` false
 * leaves new ones pending, and `unreadable` addresses are listed as SNS lists pending ones: without
 * their ARN, so their filter cannot be read or changed.
 */
export class MemoryEmailSubscriptions implements EmailSubscriptions {
  readonly byAddress = new Map<string, TopicEmailSubscription>();
  readonly unreadable = new Set<string>();
  constructor(private readonly confirmAtOnce = true) {}
  async find(email: string) {
    const key = email.toLowerCase();
    if (this.unreadable.has(key)) return { filterPolicy: null, pending: true };
    return this.byAddress.get(key) ?? null;
  }
  async put(email: string, filterPolicy: FilterPolicy) {
    const key = email.toLowerCase();
    if (this.unreadable.has(key)) throw new SubscriptionPendingError(`${email} is pending`);
    const subscription = { filterPolicy, pending: this.byAddress.get(key)?.pending ?? !this.confirmAtOnce };
    this.byAddress.set(key, subscription);
    return subscription;
  }
  async remove(email: string) {
    return this.byAddress.delete(email.toLowerCase());
  }
}

export const CONSOLE_NOW = new Date('2026-11-24T06:30:00.000Z');

export function fakeConsoleDeps() {
  let classifier: Classifier | undefined;
  return {
    clock: new FixedClock(CONSOLE_NOW),
    rules: new MemoryRules(),
    archive: new MemoryArchive(),
    shards: new MemoryArchiveShards(),
    catalog: new MemoryCatalog(),
    listings: new MemoryListings(),
    trendRollups: new MemoryTrendRollups(),
    classifier: () => {
      classifier ??= createClassifier();
      return classifier;
    },
    alertSubscriptions: new MemoryEmailSubscriptions(),
    digestRecipients: new MemoryEmailSubscriptions(false),
    subscriptions: new MemorySubscriptions(),
    feeds: new MemoryFeedStates(),
    deadLetters: { depths: async () => [{ queue: 'feedJobs', depth: 2 }] },
  } satisfies ConsoleDeps;
}

/** Archives a document fetched at `fetchedAt`, as ingest-article would. */
export async function archiveDocument(
  archive: MemoryArchive,
  document: { id: string; title: string; text: string; fetchedAt: string; publishedAt?: string },
): Promise<void> {
  const stored: ArticleDocument = {
    schemaVersion: 1,
    id: document.id,
    url: `https://news.example/${document.id}`,
    canonicalUrl: `https://news.example/${document.id}`,
    feedId: 'feed-1',
    feedUrl: 'https://news.example/feed.xml',
    source: 'news.example',
    title: document.title,
    byline: null,
    publishedAt: document.publishedAt ?? null,
    fetchedAt: document.fetchedAt,
    lang: 'en',
    siteName: null,
    excerpt: null,
    text: document.text,
    rawKey: `raw/${document.id}.html.gz`,
    contentHash: contentHashOf(document.title, document.text),
    simhash: null,
  };
  await archive.putArticle(articleDocumentKey(document.id, document.fetchedAt), stored);
}
