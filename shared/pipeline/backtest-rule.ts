/**
 * Backtests a rule on what is already archived, before anyone subscribes to it: how many articles of
 * each day it would have matched, with a few samples and the snippet an alert would show. The text
 * comes from the archived documents and the labels (countries, pairs, topics) from the catalogued
 * Article items, as the pipeline matches them. Nothing is written and nothing is sent.
 *
 * Each article counts once, on the first day of the range it was archived (a changed article is
 * archived again on the day it was re-fetched).
 */
import type { ArticleArchive } from '../ports/article-archive.ts';
import type { ArticleCatalog } from '../ports/article-catalog.ts';
import { pairRelationLabels } from '../rules/article-labels.ts';
import { compileRuleSet } from '../rules/rule-set.ts';
import { archiveDays } from './replay-archive.ts';

export interface BacktestRequest {
  query: string;
  /** ISO instants; whole days (UTC) of the archive are read. */
  since: string;
  until: string;
  sampleSize: number;
}

export interface BacktestDay {
  day: string;
  articles: number;
  matched: number;
}

export interface BacktestSample {
  day: string;
  articleId: string;
  title: string;
  url: string;
  snippet: string;
}

export interface BacktestResult {
  articles: number;
  matched: number;
  /** Archived articles with no Article item (not classified yet): matched on their text alone. */
  uncatalogued: number;
  /** Days with at least one archived article, oldest first. */
  days: BacktestDay[];
  samples: BacktestSample[];
}

export interface BacktestDeps {
  archive: ArticleArchive;
  catalog: Pick<ArticleCatalog, 'getArticle'>;
}

const BACKTEST_RULE_ID = 'backtest';

/** Throws RuleSyntaxError when the query does not parse. */
export async function backtestRule(request: BacktestRequest, deps: BacktestDeps): Promise<BacktestResult> {
  const ruleSet = compileRuleSet([{ id: BACKTEST_RULE_ID, query: request.query }]);
  const result: BacktestResult = { articles: 0, matched: 0, uncatalogued: 0, days: [], samples: [] };
  const counted = new Set<string>();
  for (const { day, prefix } of archiveDays(request.since, request.until)) {
    const tally: BacktestDay = { day, articles: 0, matched: 0 };
    for await (const key of deps.archive.listArticleKeys(prefix)) {
      const document = await deps.archive.getArticle(key);
      if (counted.has(document.id)) continue;
      counted.add(document.id);
      const stored = await deps.catalog.getArticle(document.id);
      if (stored === null) result.uncatalogued += 1;
      const [match] = ruleSet.match({
        title: document.title,
        text: document.text,
        source: document.source,
        lang: document.lang,
        countries: stored?.countries.map(({ code }) => code) ?? [],
        pairs: stored?.countryPairs.map(({ pair }) => pair) ?? [],
        topics: stored?.topics.map(({ id }) => id) ?? [],
        relations: pairRelationLabels(stored?.countryPairs ?? []),
      });
      tally.articles += 1;
      if (match === undefined) continue;
      tally.matched += 1;
      if (result.samples.length < request.sampleSize) {
        result.samples.push({
          day,
          articleId: document.id,
          title: document.title,
          url: document.canonicalUrl,
          snippet: match.snippet,
        });
      }
    }
    if (tally.articles === 0) continue;
    result.days.push(tally);
    result.articles += tally.articles;
    result.matched += tally.matched;
  }
  return result;
}
