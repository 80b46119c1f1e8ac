/**
 * The console API client: one method per route of docs/api/console.openapi.yaml, each sending the
 * session's bearer token. An error answer ({ "error": { "code", "message" } }) becomes an ApiError
 * the page shows as it is; a 401 means the session is over.
 */
import type { Session } from '../auth/session.ts';
import type {
  AlertPage,
  ArticlePage,
  ArticleView,
  Delivery,
  FeedStatus,
  HeatMap,
  Me,
  QueueDepth,
  Rule,
  RuleCheck,
  RulePreview,
  Subscription,
  SubscriptionKind,
  Timeline,
} from './types.ts';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Query parameters; empty and undefined values are left out. */
export type Query = Record<string, string | number | undefined>;

function queryString(query: Query): string {
  const entries = Object.entries(query).filter(
    (entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '',
  );
  return entries.length === 0
    ? ''
    : `?${new URLSearchParams(entries.map(([key, value]) => [key, String(value)]))}`;
}

export class ConsoleApi {
  constructor(
    private readonly apiUrl: string,
    private readonly session: Session,
  ) {}

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const token = await this.session.token();
    if (token === null) throw new ApiError(401, 'signed-out', 'Please sign in.');
    const response = await fetch(`${this.apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    if (response.status === 204) return undefined as T;
    const payload = (await response.json().catch(() => null)) as {
      error?: { code?: string; message?: string };
    } | null;
    if (!response.ok) {
      throw new ApiError(
        response.status,
        payload?.error?.code ?? `http-${response.status}`,
        payload?.error?.message ?? `The API answered HTTP ${response.status}.`,
      );
    }
    return payload as T;
  }

  me = () => this.request<Me>('GET', '/me');

  listRules = () => this.request<{ rules: Rule[] }>('GET', '/rules');
  checkRule = (query: string) => this.request<RuleCheck>('POST', '/rules/check', { query });
  previewRule = (query: string, days: number) =>
    this.request<RulePreview>('POST', '/rules/preview', { query, days });
  createRule = (rule: { name: string; query: string }) => this.request<Rule>('POST', '/rules', rule);
  updateRule = (ruleId: string, rule: { name: string; query: string }) =>
    this.request<Rule>('PUT', `/rules/${encodeURIComponent(ruleId)}`, rule);
  deleteRule = (ruleId: string) => this.request<void>('DELETE', `/rules/${encodeURIComponent(ruleId)}`);

  listSubscriptions = () => this.request<{ subscriptions: Subscription[] }>('GET', '/subscriptions');
  subscribe = (target: { kind: SubscriptionKind; value: string }, delivery: Delivery) =>
    this.request<Subscription>('POST', '/subscriptions', { target, delivery });
  unsubscribe = (subscriptionId: string) =>
    this.request<void>('DELETE', `/subscriptions/${encodeURIComponent(subscriptionId)}`);

  listAlerts = (query: Query) => this.request<AlertPage>('GET', `/alerts${queryString(query)}`);
  article = (articleId: string) =>
    this.request<ArticleView>('GET', `/articles/${encodeURIComponent(articleId)}`);
  listArticles = (query: Query) => this.request<ArticlePage>('GET', `/articles${queryString(query)}`);

  heatMap = (query: Query) => this.request<HeatMap>('GET', `/trends/heatmap${queryString(query)}`);
  timeline = (query: Query) => this.request<Timeline>('GET', `/trends/timeline${queryString(query)}`);

  feeds = () => this.request<{ feeds: FeedStatus[] }>('GET', '/ops/feeds');
  deadLetters = () => this.request<{ queues: QueueDepth[] }>('GET', '/ops/dead-letters');
}
