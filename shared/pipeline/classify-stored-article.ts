/**
 * Classifies one archived article, catalogues it and alerts on it. Input: the S3 key of an article
 * document and the ports. Output: the article id, whether the catalogue changed, and the alerts sent.
 *
 * Steps: read the document; classify it (countries, pairs, topics); link it to a story cluster; write
 * the Article item if it is new or changed (conditional on the revision read); match every rule; deliver
 * each match exactly once. Alerts are attempted even when the item is unchanged, so a retry after a
 * crash between cataloguing and alerting still alerts.
 */
import { alertHighlights } from '../alerts/alert-record.ts';
import { type ArticleDocument, sortTimeOf } from '../articles/article-document.ts';
import type { ArticleRecord } from '../articles/article-record.ts';
import { sameCatalogEntry } from '../articles/same-catalog-entry.ts';
import type { Classification, Classifier } from '../classification/classifier.ts';
import type { ArticleArchive } from '../ports/article-archive.ts';
import type { ArticleCatalog, ClusterLookup, SaveOutcome } from '../ports/article-catalog.ts';
import type { Clock } from '../ports/clock.ts';
import { pairRelationLabels } from '../rules/article-labels.ts';
import { type DeliverAlertDeps, deliverAlertOnce } from './deliver-alert.ts';
import type { RuleBook } from './rule-book.ts';

export interface ClassifyStoredArticleDeps extends DeliverAlertDeps {
  archive: ArticleArchive;
  catalog: ArticleCatalog;
  classifier: Classifier;
  ruleBook: Pick<RuleBook, 'current'>;
  clock: Clock;
  /** How far back a near-duplicate may be to join its story cluster. */
  clusterWindowDays: number;
}

export interface ClassifiedArticle {
  articleId: string;
  outcome: SaveOutcome;
  primaryPair: string | null;
  matchedRules: string[];
  alertsSent: number;
}

const score = (value: number) => Math.round(value * 1000) / 1000;

function labelsFrom(classification: Classification) {
  return {
    countries: classification.countries.map(({ code, score: s }) => ({ code, score: score(s) })),
    countryPairs: classification.pairs.map(({ pair, score: s, relation }) => ({
      pair,
      score: score(s),
      relation,
    })),
    primaryPair: classification.primaryPair,
    topics: classification.topics.map(({ id, score: s }) => ({ id, score: score(s) })),
  };
}

/** The article's story cluster, and clustering's lookup when one was made (saveArticle may reuse it). */
async function clusterOf(
  document: ArticleDocument,
  previous: ArticleRecord | null,
  deps: ClassifyStoredArticleDeps,
): Promise<{ clusterId: string; lookup?: ClusterLookup }> {
  if (previous !== null) return { clusterId: previous.clusterId };
  if (document.simhash === null) return { clusterId: document.id };
  const since = new Date(deps.clock.now().getTime() - deps.clusterWindowDays * 86_400_000).toISOString();
  const lookup = await deps.catalog.findCluster(document.simhash, since);
  return { clusterId: lookup.clusterId ?? document.id, lookup };
}

export async function classifyStoredArticle(
  documentKey: string,
  deps: ClassifyStoredArticleDeps,
): Promise<ClassifiedArticle> {
  const document = await deps.archive.getArticle(documentKey);
  const previous = await deps.catalog.getArticle(document.id);
  const classification = deps.classifier.classify({
    title: document.title,
    text: document.text,
    lang: document.lang,
  });
  const cluster = await clusterOf(document, previous, deps);
  const candidate: ArticleRecord = {
    id: document.id,
    url: document.url,
    canonicalUrl: document.canonicalUrl,
    source: document.source,
    feedId: document.feedId,
    title: document.title,
    byline: document.byline,
    lang: document.lang,
    // The first publication time wins: a re-fetch must not move an article in time-ordered lists.
    publishedAt: previous?.publishedAt ?? document.publishedAt,
    fetchedAt: previous?.fetchedAt ?? document.fetchedAt,
    sortAt: previous?.sortAt ?? sortTimeOf(document),
    ...labelsFrom(classification),
    documentKey: previous?.contentHash === document.contentHash ? previous.documentKey : documentKey,
    rawKey: previous?.contentHash === document.contentHash ? previous.rawKey : document.rawKey,
    contentHash: document.contentHash,
    simhash: document.simhash,
    clusterId: cluster.clusterId,
    classifiedAt: deps.clock.now().toISOString(),
    revision: (previous?.revision ?? 0) + 1,
  };
  let outcome: SaveOutcome = 'unchanged';
  let article = previous ?? candidate;
  if (previous === null || !sameCatalogEntry(previous, candidate)) {
    await deps.catalog.saveArticle(candidate, previous, cluster.lookup);
    outcome = previous === null ? 'created' : 'updated';
    article = candidate;
  } else {
    await deps.catalog.indexArticle(previous);
  }

  const { ruleSet, rules } = await deps.ruleBook.current();
  const matches = ruleSet.match({
    title: document.title,
    text: document.text,
    source: document.source,
    lang: document.lang,
    countries: article.countries.map(({ code }) => code),
    pairs: article.countryPairs.map(({ pair }) => pair),
    topics: article.topics.map(({ id }) => id),
    relations: pairRelationLabels(article.countryPairs),
  });
  let alertsSent = 0;
  const matchedAt = deps.clock.now().toISOString();
  for (const match of matches) {
    const outcomeOfDelivery = await deliverAlertOnce(
      {
        articleId: article.id,
        ruleId: match.ruleId,
        ruleName: rules.get(match.ruleId)?.name ?? match.ruleId,
        matchedAt,
        status: 'pending',
        leaseUntil: null,
        publishedAt: null,
        messageId: null,
        attempts: 0,
        snippet: match.snippet,
        highlights: alertHighlights(match.highlights),
      },
      article,
      deps,
    );
    if (outcomeOfDelivery === 'sent') alertsSent += 1;
  }
  return {
    articleId: article.id,
    outcome,
    primaryPair: article.primaryPair,
    matchedRules: matches.map(({ ruleId }) => ruleId),
    alertsSent,
  };
}
