/**
 * What a rule would have matched over the last days, for the console's rule editor: matches per day
 * (every day of the period, zero included) and the newest matching articles with their highlights.
 * A backtest asked for from a web page is bounded: it reads at most PREVIEW_LIMITS.maxArticles
 * articles, newest day first, for at most PREVIEW_LIMITS.maxMilliseconds, and says when it stopped.
 */
import { type BacktestDeps, backtestRule } from '../pipeline/backtest-rule.ts';
import type { Clock } from '../ports/clock.ts';
import { RuleSyntaxError } from '../rules/rule-language.ts';
import { MAX_QUERY_CHARACTERS } from '../rules/rule-set-limits.ts';
import { ConsoleRefusal } from './console-refusal.ts';
import { type Span, snippetHighlights } from './snippet-highlights.ts';

export const PREVIEW_LIMITS = {
  maxDays: 90,
  maxArticles: 20_000,
  maxMilliseconds: 5_000,
  articlesShown: 20,
} as const;

export interface RulePreviewRequest {
  query: string;
  /** Whole UTC days back from today, today included. */
  days: number;
}

export interface PreviewArticle {
  articleId: string;
  title: string;
  url: string;
  source: string | null;
  publishedAt: string | null;
  snippet: string;
  highlights: Span[];
}

export interface RulePreview {
  days: { date: string; count: number }[];
  articles: PreviewArticle[];
  scanned: number;
  truncated: boolean;
}

export interface RulePreviewDeps extends BacktestDeps {
  clock: Clock;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function previewRule(request: RulePreviewRequest, deps: RulePreviewDeps): Promise<RulePreview> {
  if (!Number.isInteger(request.days) || request.days < 1 || request.days > PREVIEW_LIMITS.maxDays) {
    throw new ConsoleRefusal('invalid', `days is a whole number from 1 to ${PREVIEW_LIMITS.maxDays}`);
  }
  if (request.query.length > MAX_QUERY_CHARACTERS) {
    throw new ConsoleRefusal('invalid', `a query has at most ${MAX_QUERY_CHARACTERS} characters`);
  }
  const started = deps.clock.now();
  const today = Date.parse(`${started.toISOString().slice(0, 10)}T00:00:00.000Z`);
  const since = new Date(today - (request.days - 1) * DAY_MS).toISOString();
  const deadline = started.getTime() + PREVIEW_LIMITS.maxMilliseconds;
  let result: Awaited<ReturnType<typeof backtestRule>>;
  try {
    result = await backtestRule(
      {
        query: request.query,
        since,
        until: started.toISOString(),
        sampleSize: PREVIEW_LIMITS.articlesShown,
        newestFirst: true,
        bounds: {
          maxArticles: PREVIEW_LIMITS.maxArticles,
          timeUp: (reserveMs = 0) => deps.clock.now().getTime() + reserveMs >= deadline,
        },
      },
      deps,
    );
  } catch (error) {
    if (!(error instanceof RuleSyntaxError)) throw error;
    throw new ConsoleRefusal('invalid', `the query does not parse at ${error.position}: ${error.message}`);
  }
  const matchedOn = new Map(result.days.map(({ day, matched }) => [day, matched]));
  const days = Array.from({ length: request.days }, (_, index) => {
    const date = new Date(Date.parse(since) + index * DAY_MS).toISOString().slice(0, 10);
    return { date, count: matchedOn.get(date) ?? 0 };
  });
  const newest = (article: { day: string; publishedAt: string | null }) => article.publishedAt ?? article.day;
  const articles = [...result.samples]
    .sort((a, b) => newest(b).localeCompare(newest(a)))
    .map((sample) => ({
      articleId: sample.articleId,
      title: sample.title,
      url: sample.url,
      source: sample.source,
      publishedAt: sample.publishedAt,
      snippet: sample.snippet,
      highlights: snippetHighlights(sample.snippet, sample.highlights),
    }));
  return { days, articles, scanned: result.articles, truncated: result.truncated };
}
