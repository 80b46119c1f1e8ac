/**
 * The console's article page: the archived text with the evidence for each label the table records.
 * The table keeps labels and scores but not where their evidence lies, so the classifier is run again
 * on the archived title and text (deterministic: the same code gives the same sentences) and its
 * evidence sentences are found back as offsets. Matched rules are run again too, for the offsets of
 * their terms in this text; a rule since removed keeps the highlights its alert recorded, where the
 * text still reads the same there.
 */
import type { AlertHighlight, AlertRecord } from '../alerts/alert-record.ts';
import type { ArticleRecord } from '../articles/article-record.ts';
import type { Classification, Classifier } from '../classification/classifier.ts';
import type { RelationType } from '../classification/pair-relations.ts';
import type { ArticleArchive } from '../ports/article-archive.ts';
import type { ArticleListings } from '../ports/article-listings.ts';
import type { RuleStore } from '../ports/rule-store.ts';
import { pairRelationLabels } from '../rules/article-labels.ts';
import { compileRuleSet, type RuleMatch } from '../rules/rule-set.ts';
import { type EvidenceSpan, evidenceLocator, locateAll } from './evidence-spans.ts';

export interface TermSpan extends EvidenceSpan {
  term: string;
}

export interface ArticlePage {
  articleId: string;
  title: string;
  url: string;
  source: string;
  byline: string | null;
  publishedAt: string | null;
  lang: string | null;
  text: string;
  countries: { code: string; name: string; score: number; evidence: EvidenceSpan[] }[];
  pairs: {
    pair: string;
    score: number;
    /** Null when the classification that stored the pair reported no relation (before schema 1.1). */
    relation: { type: RelationType; evidence: EvidenceSpan | null } | null;
    evidence: EvidenceSpan[];
  }[];
  topics: { id: string; score: number; evidence: EvidenceSpan[] }[];
  rules: { ruleId: string; ruleName: string; matchedAt: string; highlights: TermSpan[] }[];
}

export interface ArticlePageDeps {
  listings: Pick<ArticleListings, 'getArticle' | 'alertsForArticle'>;
  archive: Pick<ArticleArchive, 'getArticle'>;
  rules: Pick<RuleStore, 'listRules'>;
  classifier: Classifier;
}

/** The alert's recorded highlights that the text still reads the same at. */
function stillStanding(
  highlights: readonly AlertHighlight[],
  article: { title: string; text: string },
): TermSpan[] {
  return highlights.flatMap(({ field, term, start, end }) =>
    (field === 'title' ? article.title : article.text).slice(start, end) === term
      ? [{ field, start, end, term }]
      : [],
  );
}

async function ruleHighlights(
  alerts: readonly AlertRecord[],
  record: ArticleRecord,
  article: { title: string; text: string; source: string; lang: string | null },
  rules: Pick<RuleStore, 'listRules'>,
): Promise<ArticlePage['rules']> {
  if (alerts.length === 0) return [];
  const alerted = new Set(alerts.map(({ ruleId }) => ruleId));
  const current = (await rules.listRules()).filter(({ id }) => alerted.has(id));
  const matches = new Map<string, RuleMatch>();
  if (current.length > 0) {
    const ruleSet = compileRuleSet(current, { onInvalidRule: () => {} });
    for (const match of ruleSet.match({
      ...article,
      countries: record.countries.map(({ code }) => code),
      pairs: record.countryPairs.map(({ pair }) => pair),
      topics: record.topics.map(({ id }) => id),
      relations: pairRelationLabels(record.countryPairs),
    })) {
      matches.set(match.ruleId, match);
    }
  }
  return alerts.map((alert) => ({
    ruleId: alert.ruleId,
    ruleName: alert.ruleName,
    matchedAt: alert.matchedAt,
    highlights:
      matches
        .get(alert.ruleId)
        ?.highlights.map(({ field, term, start, end }) => ({ field, start, end, term })) ??
      stillStanding(alert.highlights, article),
  }));
}

/** The page of the article, or null when the table has no such article. */
export async function articlePage(articleId: string, deps: ArticlePageDeps): Promise<ArticlePage | null> {
  const record = await deps.listings.getArticle(articleId);
  if (record === null) return null;
  const [document, alerts] = await Promise.all([
    deps.archive.getArticle(record.documentKey),
    deps.listings.alertsForArticle(articleId),
  ]);
  const classification: Classification = deps.classifier.classify({
    title: document.title,
    text: document.text,
    lang: document.lang,
  });
  const locator = evidenceLocator(document);
  const countryEvidence = new Map(classification.countries.map((country) => [country.code, country]));
  const pairEvidence = new Map(classification.pairs.map((pair) => [pair.pair, pair]));
  const topicEvidence = new Map(classification.topics.map((topic) => [topic.id as string, topic]));
  return {
    articleId: record.id,
    title: document.title,
    url: record.canonicalUrl,
    source: record.source,
    byline: document.byline,
    publishedAt: record.publishedAt,
    lang: document.lang,
    text: document.text,
    countries: record.countries.map(({ code, score }) => {
      const found = countryEvidence.get(code);
      return { code, name: found?.name ?? code, score, evidence: locateAll(locator, found?.evidence ?? []) };
    }),
    pairs: record.countryPairs.map(({ pair, score, relation }) => ({
      pair,
      score,
      relation:
        relation === undefined
          ? null
          : {
              type: relation.type,
              evidence: relation.evidence === null ? null : locator.locate(relation.evidence),
            },
      evidence: locateAll(locator, pairEvidence.get(pair)?.evidence ?? []),
    })),
    topics: record.topics.map(({ id, score }) => ({
      id,
      score,
      evidence: locateAll(locator, topicEvidence.get(id)?.evidence ?? []),
    })),
    rules: await ruleHighlights(alerts, record, document, deps.rules),
  };
}
