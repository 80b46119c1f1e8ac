/** The console API's responses, as docs/api/console.openapi.yaml describes them. */

/** A range of characters [start, end) in the text it comes with. */
export interface Span {
  start: number;
  end: number;
}

export interface Me {
  userId: string;
  email: string;
  admin: boolean;
}

export interface Rule {
  id: string;
  name: string;
  query: string;
  /** The owner's email; null for rules added with the CLI or the samples. */
  owner: string | null;
  createdAt: string;
  /** The caller may change it: they own it or are an admin. */
  mine: boolean;
}

export type RuleCheck = { valid: true } | { valid: false; error: { message: string; position: number } };

export interface DayCount {
  date: string;
  count: number;
}

export interface PreviewArticle {
  articleId: string;
  title: string;
  url: string;
  source: string;
  publishedAt: string;
  snippet: string;
  highlights: Span[];
}

export interface RulePreview {
  days: DayCount[];
  articles: PreviewArticle[];
  scanned: number;
  truncated: boolean;
}

export type SubscriptionKind = 'rule' | 'pair' | 'topic';
export type Delivery = 'immediate' | 'digest';

export interface Subscription {
  id: string;
  target: { kind: SubscriptionKind; value: string };
  delivery: Delivery;
  status: 'confirmed' | 'pending';
}

export interface Alert {
  articleId: string;
  ruleId: string;
  ruleName: string;
  matchedAt: string;
  title: string;
  source: string | null;
  snippet: string;
  highlights: Span[];
  pairs: string[];
  topics: string[];
}

export interface AlertPage {
  alerts: Alert[];
  nextCursor: string | null;
}

/** Where a label's evidence lies: a range of the title's or the text's characters. */
export interface FieldSpan extends Span {
  field: 'title' | 'text';
}

export interface ArticleView {
  articleId: string;
  title: string;
  url: string;
  source: string | null;
  byline: string | null;
  publishedAt: string | null;
  lang: string | null;
  text: string;
  countries: { code: string; name: string; score: number; evidence: FieldSpan[] }[];
  pairs: {
    pair: string;
    score: number;
    /** Null when the classification that stored the pair reported no relation. */
    relation: { type: string; evidence: FieldSpan | null } | null;
    evidence: FieldSpan[];
  }[];
  topics: { id: string; score: number; evidence: FieldSpan[] }[];
  rules: {
    ruleId: string;
    ruleName: string;
    matchedAt: string;
    highlights: (FieldSpan & { term: string })[];
  }[];
}

export interface ArticleSummary {
  articleId: string;
  title: string;
  url: string;
  source: string | null;
  publishedAt: string | null;
  pairs?: string[];
  topics?: string[];
}

export interface ArticlePage {
  articles: ArticleSummary[];
  nextCursor: string | null;
}

export interface HeatMap {
  since: string;
  until: string;
  pairs: string[];
  topics: string[];
  cells: { pair: string; topic: string; count: number }[];
}

export interface Timeline {
  pair: string;
  since: string;
  until: string;
  days: DayCount[];
}

export interface FeedStatus {
  feedId: string;
  url: string;
  title: string | null;
  state: 'active' | 'broken';
  consecutiveErrors: number;
  lastError: { code: string; message: string; at: string } | null;
  lastSuccessAt: string | null;
  nextPollAt: string;
}

export interface QueueDepth {
  queue: string;
  depth: number;
}
