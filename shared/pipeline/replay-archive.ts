/**
 * Replays the S3 archive into the table: every article document archived on the days asked for is
 * classified and catalogued again with the pipeline's own use case (classifyStoredArticle), so a new
 * classifier or a lost table is rebuilt from the archive. Replaying twice changes nothing the second
 * time, and alerts already sent are not sent again: the alert ledger holds one record per (article,
 * rule). A dry run classifies without writing and reports the labels that would change.
 *
 * Archive keys are partitioned by day (`articles/yyyy=…/mm=…/dd=…/<id>.json`), so key order is time
 * order and "the last key done" is enough to resume.
 */
import type { ArticleRecord } from '../articles/article-record.ts';
import { ARTICLE_SUFFIX, articleDayPrefix } from '../articles/storage-keys.ts';
import type { Classifier } from '../classification/classifier.ts';
import type { AlertLedger } from '../ports/alert-ledger.ts';
import type { ArticleArchive } from '../ports/article-archive.ts';
import type { ArticleCatalog, SaveOutcome } from '../ports/article-catalog.ts';
import { pairRelationLabels } from '../rules/article-labels.ts';
import { type ClassifyStoredArticleDeps, classifyStoredArticle } from './classify-stored-article.ts';
import type { RuleBook } from './rule-book.ts';

export interface ArchiveDay {
  /** YYYY-MM-DD (UTC). */
  day: string;
  prefix: string;
}

const DAY_MS = 86_400_000;

/** The archive's day partitions from the day of `since` to the day of `until`, both included (UTC). */
export function archiveDays(since: string, until: string): ArchiveDay[] {
  const first = Date.parse(`${since.slice(0, 10)}T00:00:00.000Z`);
  const last = Date.parse(`${until.slice(0, 10)}T00:00:00.000Z`);
  const days: ArchiveDay[] = [];
  for (let at = first; at <= last; at += DAY_MS) {
    const day = new Date(at).toISOString();
    days.push({ day: day.slice(0, 10), prefix: articleDayPrefix(day) });
  }
  return days;
}

/**
 * The listing prefixes for `days`, narrowed by a key prefix (a month, one day, or part of a day):
 * a day inside the prefix is listed whole, a prefix inside a day narrows that day, other days drop out.
 */
export function narrowPrefixes(days: readonly ArchiveDay[], prefix: string | null): string[] {
  if (prefix === null) return days.map((day) => day.prefix);
  return days.flatMap((day) => {
    if (day.prefix.startsWith(prefix)) return [day.prefix];
    if (prefix.startsWith(day.prefix)) return [prefix];
    return [];
  });
}

/** The article document keys under `prefixes`, in key order, after `startAfter` when given. */
export async function listArchivedDocuments(
  archive: ArticleArchive,
  prefixes: readonly string[],
  startAfter: string | null,
): Promise<string[]> {
  const keys: string[] = [];
  for (const prefix of prefixes) {
    // A prefix wholly before the checkpoint has nothing left to do.
    if (startAfter !== null && !startAfter.startsWith(prefix) && startAfter > prefix) continue;
    for await (const key of archive.listArticleKeys(prefix, startAfter ?? undefined)) {
      if (key.endsWith(ARTICLE_SUFFIX)) keys.push(key);
    }
  }
  return keys;
}

export type ReplayStatus = SaveOutcome | 'failed';

export interface ReplayedDocument {
  key: string;
  status: ReplayStatus;
  alertsSent: number;
  error: string | null;
}

export interface ReplaySummary {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  alertsSent: number;
}

export const emptyReplaySummary = (): ReplaySummary => ({
  read: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  failed: 0,
  alertsSent: 0,
});

/**
 * Classifies and catalogues each document in turn. A document that fails is reported and counted,
 * and the replay goes on: one unreadable object must not stop a rebuild of months.
 */
export async function replayDocuments(
  keys: readonly string[],
  deps: ClassifyStoredArticleDeps,
  onDocument: (document: ReplayedDocument, summary: ReplaySummary) => void | Promise<void>,
): Promise<ReplaySummary> {
  const summary = emptyReplaySummary();
  for (const key of keys) {
    let document: ReplayedDocument;
    try {
      const classified = await classifyStoredArticle(key, deps);
      document = { key, status: classified.outcome, alertsSent: classified.alertsSent, error: null };
    } catch (error) {
      document = { key, status: 'failed', alertsSent: 0, error: (error as Error).message };
    }
    summary.read += 1;
    summary[document.status] += 1;
    summary.alertsSent += document.alertsSent;
    await onDocument(document, summary);
  }
  return summary;
}

export interface LabelChange {
  label: 'countries' | 'countryPairs' | 'primaryPair' | 'topics';
  before: string[];
  after: string[];
}

export interface ReplayPreview {
  key: string;
  articleId: string;
  title: string;
  /** new: not in the table; changed: labels differ from the stored item. */
  status: 'new' | 'changed' | 'unchanged';
  changes: LabelChange[];
  /** Rules that match and have not alerted on this article yet: a real replay would alert. */
  wouldAlert: string[];
}

export interface PreviewDeps {
  archive: ArticleArchive;
  catalog: Pick<ArticleCatalog, 'getArticle'>;
  classifier: Classifier;
  ruleBook: Pick<RuleBook, 'current'>;
  ledger: Pick<AlertLedger, 'listAlertsForArticle'>;
}

function labelIds(record: Pick<ArticleRecord, 'countries' | 'countryPairs' | 'primaryPair' | 'topics'>) {
  return {
    countries: record.countries.map(({ code }) => code),
    countryPairs: record.countryPairs.map(({ pair }) => pair),
    primaryPair: record.primaryPair === null ? [] : [record.primaryPair],
    topics: record.topics.map(({ id }) => id),
  };
}

/**
 * What a replay would do to one document, without writing or alerting. Labels are compared by id
 * (scores are left out: a change in the third decimal is not what a person previewing wants to see).
 */
export async function previewReplay(key: string, deps: PreviewDeps): Promise<ReplayPreview> {
  const document = await deps.archive.getArticle(key);
  const stored = await deps.catalog.getArticle(document.id);
  const classification = deps.classifier.classify({
    title: document.title,
    text: document.text,
    lang: document.lang,
  });
  const after = labelIds({
    countries: classification.countries,
    countryPairs: classification.pairs,
    primaryPair: classification.primaryPair,
    topics: classification.topics,
  });
  const changes: LabelChange[] = [];
  if (stored !== null) {
    const before = labelIds(stored);
    for (const label of ['countries', 'countryPairs', 'primaryPair', 'topics'] as const) {
      if (JSON.stringify(before[label]) !== JSON.stringify(after[label])) {
        changes.push({ label, before: before[label], after: after[label] });
      }
    }
  }
  const { ruleSet } = await deps.ruleBook.current();
  const matched = ruleSet.match({
    title: document.title,
    text: document.text,
    source: document.source,
    lang: document.lang,
    countries: after.countries,
    pairs: after.countryPairs,
    topics: after.topics,
    relations: pairRelationLabels(classification.pairs),
  });
  const alerted = new Set(
    stored === null ? [] : (await deps.ledger.listAlertsForArticle(document.id)).map(({ ruleId }) => ruleId),
  );
  return {
    key,
    articleId: document.id,
    title: document.title,
    status: stored === null ? 'new' : changes.length > 0 ? 'changed' : 'unchanged',
    changes,
    wouldAlert: matched.map(({ ruleId }) => ruleId).filter((ruleId) => !alerted.has(ruleId)),
  };
}
