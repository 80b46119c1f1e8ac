/** In-memory implementations of the ports, for use-case tests that need no emulator. */

import type { AlertNotification } from '../../shared/alerts/alert-notification.ts';
import type { AlertRecord } from '../../shared/alerts/alert-record.ts';
import type { ArticleDocument } from '../../shared/articles/article-document.ts';
import type { ArticleRecord } from '../../shared/articles/article-record.ts';
import type { FeedState } from '../../shared/polling/feed-state.ts';
import type { AlertLedger } from '../../shared/ports/alert-ledger.ts';
import type { AlertPublisher } from '../../shared/ports/alert-publisher.ts';
import type { ArticleArchive, RawPage } from '../../shared/ports/article-archive.ts';
import { type ArticleCatalog, ConcurrentUpdateError } from '../../shared/ports/article-catalog.ts';
import type { Clock } from '../../shared/ports/clock.ts';
import type { FeedStateStore } from '../../shared/ports/feed-state-store.ts';
import type { HttpClient, HttpRequest, HttpResponse } from '../../shared/ports/http-client.ts';
import type { JobQueue } from '../../shared/ports/job-queue.ts';
import type { RuleIndex, RuleIndexStore } from '../../shared/ports/rule-index-store.ts';
import type { RuleStore, StoredRule } from '../../shared/ports/rule-store.ts';
import type { SeenEntry, SeenEntryStore } from '../../shared/ports/seen-entry-store.ts';

export class FixedClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}

export class MemoryFeedStates implements FeedStateStore {
  readonly feeds = new Map<string, FeedState>();
  readonly leases = new Map<string, { dueAt: string; until: string }>();
  async registerFeed(feed: FeedState) {
    if (this.feeds.has(feed.feedId)) return false;
    this.feeds.set(feed.feedId, feed);
    return true;
  }
  async getFeed(feedId: string) {
    return this.feeds.get(feedId) ?? null;
  }
  async listDueFeeds(now: string, limit: number) {
    return [...this.feeds.values()].filter((feed) => feed.nextDueAt <= now).slice(0, limit);
  }
  async leaseFeed(feedId: string, dueAt: string, lease: { now: string; until: string }) {
    const held = this.leases.get(feedId);
    if (held !== undefined && held.dueAt >= dueAt && held.until > lease.now) return false;
    this.leases.set(feedId, { dueAt, until: lease.until });
    return true;
  }
  async saveFeedState(state: FeedState) {
    this.feeds.set(state.feedId, state);
  }
}

export class MemorySeenEntries implements SeenEntryStore {
  readonly seen = new Map<string, string>();
  async findSeenEntries(ids: readonly string[]) {
    return new Map(ids.filter((id) => this.seen.has(id)).map((id) => [id, this.seen.get(id) as string]));
  }
  async markEntriesSeen(entries: readonly SeenEntry[]) {
    for (const { articleId, entryHash } of entries) this.seen.set(articleId, entryHash);
  }
}

export class MemoryQueue<Job> implements JobQueue<Job> {
  readonly sent: Job[] = [];
  async send(jobs: readonly Job[]) {
    this.sent.push(...jobs);
  }
}

export class MemoryArchive implements ArticleArchive {
  readonly raw = new Map<string, RawPage>();
  readonly documents = new Map<string, ArticleDocument>();
  async putRawPage(page: RawPage) {
    this.raw.set(page.key, page);
  }
  async putArticle(key: string, document: ArticleDocument) {
    this.documents.set(key, structuredClone(document));
  }
  async getArticle(key: string) {
    const document = this.documents.get(key);
    if (document === undefined) throw new Error(`NoSuchKey: ${key}`);
    return structuredClone(document);
  }
  async *listArticleKeys(prefix: string) {
    for (const key of [...this.documents.keys()].sort()) if (key.startsWith(prefix)) yield key;
  }
}

export class MemoryCatalog implements ArticleCatalog {
  readonly articles = new Map<string, ArticleRecord>();
  indexed = 0;
  async getArticle(id: string) {
    return this.articles.get(id) ?? null;
  }
  async getArticles(ids: readonly string[]) {
    return new Map(ids.flatMap((id) => this.articles.get(id) ?? []).map((record) => [record.id, record]));
  }
  async saveArticle(record: ArticleRecord, previous: ArticleRecord | null) {
    if ((this.articles.get(record.id)?.revision ?? null) !== (previous?.revision ?? null)) {
      throw new ConcurrentUpdateError(record.id);
    }
    this.articles.set(record.id, record);
    await this.indexArticle();
  }
  async indexArticle() {
    this.indexed += 1;
  }
  async findCluster() {
    return { clusterId: null };
  }
}

export class MemoryLedger implements AlertLedger {
  readonly alerts = new Map<string, AlertRecord>();
  private key = (articleId: string, ruleId: string) => `${articleId}|${ruleId}`;
  async claimAlert(alert: AlertRecord, now: string, leaseUntil: string) {
    const existing = this.alerts.get(this.key(alert.articleId, alert.ruleId));
    if (existing === undefined) {
      const claimed = { ...alert, leaseUntil, attempts: 1 };
      this.alerts.set(this.key(alert.articleId, alert.ruleId), claimed);
      return claimed;
    }
    if (existing.status === 'published' || (existing.leaseUntil !== null && existing.leaseUntil >= now))
      return null;
    const claimed = { ...existing, leaseUntil, attempts: existing.attempts + 1 };
    this.alerts.set(this.key(alert.articleId, alert.ruleId), claimed);
    return claimed;
  }
  async markPublished(articleId: string, ruleId: string, messageId: string, at: string) {
    const existing = this.alerts.get(this.key(articleId, ruleId)) as AlertRecord;
    this.alerts.set(this.key(articleId, ruleId), {
      ...existing,
      status: 'published',
      publishedAt: at,
      messageId,
      leaseUntil: null,
    });
  }
  async releaseAlert(articleId: string, ruleId: string) {
    const existing = this.alerts.get(this.key(articleId, ruleId));
    if (existing?.status === 'pending')
      this.alerts.set(this.key(articleId, ruleId), { ...existing, leaseUntil: null });
  }
  async listAlertsForArticle(articleId: string) {
    return [...this.alerts.values()].filter((alert) => alert.articleId === articleId);
  }
}

export class MemoryRules implements RuleStore {
  readonly rules = new Map<string, StoredRule>();
  private changes = 0;
  constructor(rules: StoredRule[] = []) {
    for (const rule of rules) this.rules.set(rule.id, rule);
  }
  async listRules() {
    return [...this.rules.values()];
  }
  async version() {
    return this.changes;
  }
  async putRule(rule: StoredRule) {
    this.rules.set(rule.id, rule);
    this.changes += 1;
  }
  async removeRule(id: string) {
    const removed = this.rules.delete(id);
    if (removed) this.changes += 1;
    return removed;
  }
}

/** Precompiled rules kept as JSON, as a store would keep them, counting loads and saves. */
export class MemoryRuleIndex implements RuleIndexStore {
  saved: string | null = null;
  loads = 0;
  saves = 0;
  async load(): Promise<RuleIndex | null> {
    this.loads += 1;
    return this.saved === null ? null : (JSON.parse(this.saved) as RuleIndex);
  }
  async save(index: RuleIndex) {
    this.saves += 1;
    this.saved = JSON.stringify(index);
  }
}

/** A publisher that records what it sends and fails the attempts it is told to. */
export class RecordingPublisher implements AlertPublisher {
  readonly sent: AlertNotification[] = [];
  failuresLeft = 0;
  async publish(notification: AlertNotification) {
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new Error('SNS is unavailable');
    }
    this.sent.push(notification);
    return `message-${this.sent.length}`;
  }
}

/** An HTTP client answering from a table of URL → response builders, recording each request. */
export class ScriptedHttp implements HttpClient {
  readonly requests: HttpRequest[] = [];
  constructor(
    private readonly routes: Record<string, (request: HttpRequest) => Partial<HttpResponse> | Error>,
  ) {}
  async get(request: HttpRequest): Promise<HttpResponse> {
    this.requests.push(request);
    const route = this.routes[request.url];
    if (route === undefined)
      return { status: 404, url: request.url, headers: {}, body: new Uint8Array(), permanentUrl: null };
    const answer = route(request);
    if (answer instanceof Error) throw answer;
    return {
      status: 200,
      url: request.url,
      headers: {},
      body: new Uint8Array(),
      permanentUrl: null,
      ...answer,
    };
  }
}
