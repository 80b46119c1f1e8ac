/**
 * The analyst's inbox: the alerts their subscriptions delivered, newest first, filtered by rule, pair,
 * topic or source, a page at a time. A subscription to a rule reads that rule's alert listing; one to
 * a pair or a topic reads that label's article listing and each article's alerts (an alert reaches a
 * pair's subscribers when its article carries the pair, as the SNS filter policy on `countryPairs`
 * does). The listings are merged by time, and an alert two subscriptions share is shown once: before
 * showing one, the other listings that hold it are asked whether they have already passed it.
 */
import type { AlertRecord } from '../alerts/alert-record.ts';
import type { ArticleRecord } from '../articles/article-record.ts';
import type { ArticleListings, ListedArticle, ListingPage, ListingRange } from '../ports/article-listings.ts';
import { articleLabels, normaliseLabelValue } from '../rules/article-labels.ts';
import { decodeCursor, encodeCursor } from './console-cursor.ts';
import { ConsoleRefusal } from './console-refusal.ts';
import type { Period } from './period.ts';
import { ResumableListing, sortKey } from './resumable-listing.ts';
import { type Span, snippetHighlights } from './snippet-highlights.ts';
import type { SubscriptionTarget } from './subscription-targets.ts';

export interface InboxFilters {
  rule?: string;
  pair?: string;
  topic?: string;
  source?: string;
}

export interface InboxRequest {
  subscriptions: readonly SubscriptionTarget[];
  filters: InboxFilters;
  period: Period;
  limit: number;
  cursor?: string;
}

export interface InboxAlert {
  articleId: string;
  ruleId: string;
  ruleName: string;
  matchedAt: string;
  title: string;
  url: string;
  source: string;
  publishedAt: string | null;
  snippet: string;
  /** Offsets of the matched terms in the snippet. */
  highlights: Span[];
  pairs: string[];
  topics: string[];
}

export interface InboxPage {
  alerts: InboxAlert[];
  /** Pass back for the next page; null at the end. A page may be short while the cursor leads on. */
  nextCursor: string | null;
}

/** Listing queries one request may make per subscription, at least MIN_READS in all. */
const READS_PER_SUBSCRIPTION = 3;
const MIN_READS = 12;

type ArticleInfo = Pick<
  ListedArticle,
  'id' | 'title' | 'canonicalUrl' | 'source' | 'publishedAt' | 'sortAt' | 'countryPairs' | 'topics'
>;

interface Entry {
  alert: AlertRecord;
  article: ArticleInfo;
}

/** One item of a subscription's listing: an alert, or an article with its alerts. */
interface Candidate {
  key: string;
  time: string;
  entries: Entry[];
}

/** Where the merged listings stand: each subscription's last consumed key, or true once exhausted. */
type Position = Record<string, string | true>;

function readPosition(value: unknown): Position {
  const valid =
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((entry) => entry === true || typeof entry === 'string');
  if (!valid) throw new ConsoleRefusal('invalid', 'the cursor is not one this API gave');
  return value as Position;
}

class SubscriptionListing {
  constructor(
    readonly id: string,
    readonly target: SubscriptionTarget,
    /** Null when an earlier page exhausted it. */
    readonly listing: ResumableListing<Candidate> | null,
  ) {}

  get exhausted(): boolean {
    return this.listing === null || this.listing.exhausted;
  }

  /** The entry's key in this listing's order, or null when the listing does not hold it. */
  keyOf({ alert, article }: Entry): string | null {
    switch (this.target.kind) {
      case 'rule':
        return alert.ruleId === this.target.value ? sortKey(alert.matchedAt, alert.articleId) : null;
      case 'pair':
        return article.countryPairs.includes(this.target.value) ? sortKey(article.sortAt, article.id) : null;
      case 'topic':
        return article.topics.includes(this.target.value) ? sortKey(article.sortAt, article.id) : null;
    }
  }

  /** Whether this listing has already handed out the entry (in this page or an earlier one). */
  passed(entry: Entry, period: Period): boolean {
    const key = this.keyOf(entry);
    if (key === null || key < period.since || key > `${period.until}$`) return false;
    if (this.exhausted) return true;
    const consumed = this.listing?.consumedKey ?? null;
    return consumed !== null && key >= consumed;
  }
}

const articleInfo = (article: ArticleInfo): ArticleInfo => ({
  id: article.id,
  title: article.title,
  canonicalUrl: article.canonicalUrl,
  source: article.source,
  publishedAt: article.publishedAt,
  sortAt: article.sortAt,
  countryPairs: article.countryPairs,
  topics: article.topics,
});

const recordInfo = (record: ArticleRecord): ArticleInfo => ({
  ...articleInfo({ ...record, countryPairs: [], topics: [] }),
  countryPairs: record.countryPairs.map(({ pair }) => pair),
  topics: record.topics.map(({ id }) => id),
});

function normaliseTarget({ kind, value }: SubscriptionTarget): SubscriptionTarget {
  return { kind, value: kind === 'rule' ? value : normaliseLabelValue(kind, value) };
}

export async function inbox(request: InboxRequest, listings: ArticleListings): Promise<InboxPage> {
  const position: Position = request.cursor === undefined ? {} : decodeCursor(request.cursor, readPosition);
  const { period, limit } = request;
  const filters = {
    rule: request.filters.rule,
    pair: request.filters.pair === undefined ? undefined : normaliseLabelValue('pair', request.filters.pair),
    topic:
      request.filters.topic === undefined ? undefined : normaliseLabelValue('topic', request.filters.topic),
    source:
      request.filters.source === undefined
        ? undefined
        : normaliseLabelValue('source', request.filters.source),
  };
  const articles = new Map<string, Promise<ArticleInfo | null>>();
  const articleById = (id: string) => {
    let found = articles.get(id);
    if (found === undefined) {
      found = listings.getArticle(id).then((record) => (record === null ? null : recordInfo(record)));
      articles.set(id, found);
    }
    return found;
  };
  const ruleCandidates =
    (ruleId: string) =>
    async (range: ListingRange): Promise<ListingPage<Candidate>> => {
      const page = await listings.alertsForRule(ruleId, range);
      const items = await Promise.all(
        page.items.map(async (alert) => {
          const article = await articleById(alert.articleId);
          return {
            key: sortKey(alert.matchedAt, alert.articleId),
            time: alert.matchedAt,
            entries: article === null ? [] : [{ alert, article }],
          };
        }),
      );
      return { items, cursor: page.cursor };
    };
  const labelCandidates =
    (list: (range: ListingRange) => Promise<ListingPage<ListedArticle>>) =>
    async (range: ListingRange): Promise<ListingPage<Candidate>> => {
      const page = await list(range);
      const items = await Promise.all(
        page.items.map(async (listed) => {
          const article = articleInfo(listed);
          const alerts = await listings.alertsForArticle(listed.id);
          return {
            key: sortKey(listed.sortAt, listed.id),
            time: listed.sortAt,
            entries: alerts.map((alert) => ({ alert, article })),
          };
        }),
      );
      return { items, cursor: page.cursor };
    };

  const targets = new Map<string, SubscriptionTarget>();
  for (const subscription of request.subscriptions) {
    const target = normaliseTarget(subscription);
    // A rule filter leaves nothing of another rule's subscription.
    if (target.kind === 'rule' && filters.rule !== undefined && filters.rule !== target.value) continue;
    targets.set(`${target.kind}:${target.value}`, target);
  }
  const streams = [...targets].map(([id, target]) => {
    const after = position[id];
    if (after === true) return new SubscriptionListing(id, target, null);
    const list =
      target.kind === 'rule'
        ? ruleCandidates(target.value)
        : labelCandidates((range) =>
            target.kind === 'pair'
              ? listings.articlesForPair(target.value, range)
              : listings.articlesForTopic(target.value, range),
          );
    return new SubscriptionListing(
      id,
      target,
      new ResumableListing(list, (candidate) => candidate.key, period, after ?? null, limit),
    );
  });

  const accepts = ({ alert, article }: Entry): boolean =>
    (filters.rule === undefined || alert.ruleId === filters.rule) &&
    (filters.pair === undefined || article.countryPairs.includes(filters.pair)) &&
    (filters.topic === undefined || article.topics.includes(filters.topic)) &&
    (filters.source === undefined || articleLabels({ source: article.source }).source.has(filters.source));

  const budget = Math.max(MIN_READS, READS_PER_SUBSCRIPTION * streams.length);
  const reads = () => streams.reduce((sum, stream) => sum + (stream.listing?.reads ?? 0), 0);
  const alerts: InboxAlert[] = [];
  while (alerts.length < limit) {
    const waiting = streams.filter((stream) => !stream.exhausted && !stream.listing?.buffered);
    if (reads() + waiting.length > budget) break;
    const heads = await Promise.all(
      streams.map(async (stream) => ({ stream, head: (await stream.listing?.peek()) ?? null })),
    );
    let next: { stream: SubscriptionListing; head: Candidate } | null = null;
    for (const { stream, head } of heads) {
      if (head !== null && (next === null || head.time > next.head.time)) next = { stream, head };
    }
    if (next === null) break;
    for (const entry of next.head.entries) {
      if (!accepts(entry)) continue;
      if (streams.some((other) => other !== next.stream && other.passed(entry, period))) continue;
      alerts.push(inboxAlert(entry));
    }
    await next.stream.listing?.next();
  }
  const done = streams.every((stream) => stream.exhausted);
  const nextPosition: Position = Object.fromEntries(
    streams.flatMap((stream): [string, string | true][] => {
      if (stream.exhausted) return [[stream.id, true]];
      const key = stream.listing?.consumedKey ?? null;
      return key === null ? [] : [[stream.id, key]];
    }),
  );
  return { alerts, nextCursor: done ? null : encodeCursor(nextPosition) };
}

function inboxAlert({ alert, article }: Entry): InboxAlert {
  return {
    articleId: alert.articleId,
    ruleId: alert.ruleId,
    ruleName: alert.ruleName,
    matchedAt: alert.matchedAt,
    title: article.title,
    url: article.canonicalUrl,
    source: article.source,
    publishedAt: article.publishedAt,
    snippet: alert.snippet,
    highlights: snippetHighlights(alert.snippet, alert.highlights),
    pairs: article.countryPairs,
    topics: article.topics,
  };
}
