/**
 * Turns a recorded alert into what subscribers receive: a plain-text email a person wants to read,
 * a versioned JSON document for machines (docs/schemas/alert-message.schema.json), and the message
 * attributes that subscription filter policies select on.
 */
import type { ArticleRecord } from '../articles/article-record.ts';
import type { RelationType } from '../classification/pair-relations.ts';
import type { AlertHighlight, AlertRecord } from './alert-record.ts';
import { articlePageUrl } from './console-links.ts';
import { bidiIsolate, bidiLine, toHeaderSafe } from './email-text.ts';
import { formatReaderDate } from './reader-date.ts';

export const ALERT_MESSAGE_SCHEMA_VERSION = 1;
/** Schema 1.1 added `article.relations`. */
export const ALERT_MESSAGE_SCHEMA_MINOR_VERSION = 1;

export interface AlertMessage {
  schemaVersion: typeof ALERT_MESSAGE_SCHEMA_VERSION;
  schemaMinorVersion: typeof ALERT_MESSAGE_SCHEMA_MINOR_VERSION;
  type: 'wirewatch.alert';
  alertId: string;
  matchedAt: string;
  rule: { id: string; name: string };
  article: {
    id: string;
    title: string;
    url: string;
    source: string;
    publishedAt: string | null;
    primaryPair: string | null;
    countryPairs: string[];
    countries: string[];
    topics: string[];
    documentKey: string;
    /** Each pair that has a relation, in the order of countryPairs. */
    relations: { pair: string; type: RelationType; evidence: string | null }[];
  };
  match: { snippet: string; highlights: AlertHighlight[] };
}

export interface AlertAttributes {
  rule: string;
  countryPairs: string[];
  countries: string[];
  topics: string[];
  source: string;
  /** The primary pair's relation type, when there is one. */
  relation: RelationType | null;
}

export interface AlertNotification {
  subject: string;
  email: string;
  message: AlertMessage;
  attributes: AlertAttributes;
}

export interface AlertEmailOptions {
  /** The analyst console's origin, whose article page the email links to; null links only to the article's own page. */
  consoleUrl?: string | null;
}

/** SNS refuses subjects of 100 characters or more, or with line breaks or control characters. */
const SUBJECT_LIMIT = 99;
/** An evidence sentence is shown whole unless it runs on (a sentence splitter's miss). */
const EVIDENCE_LIMIT = 300;

/** A byline is a name or a few; anything longer is a feed's mistake, not a byline. */
const BYLINE_LIMIT = 120;

/** Cuts to `limit` characters (code points), ending with an ellipsis when cut. */
export function truncate(value: string, limit: number): string {
  const characters = [...value];
  return characters.length <= limit
    ? value
    : `${characters
        .slice(0, limit - 1)
        .join('')
        .trimEnd()}…`;
}

/**
 * `[wirewatch] <rule name> · <pair> · <title>`, under SNS's 100 characters. SNS takes UTF-8 subjects
 * and encodes them for the mail header itself (RFC 2047, as the local emulator does); a right-to-left
 * rule name or title is isolated so that the parts keep their order.
 */
export function alertSubject(ruleName: string, primaryPair: string | null, title: string): string {
  const parts = ['[wirewatch]', isolated(ruleName), primaryPair, isolated(title)].filter(Boolean);
  return truncateIsolated(parts.join(' · ').replace('[wirewatch] · ', '[wirewatch] '), SUBJECT_LIMIT);
}

function isolated(untrusted: string): string {
  const safe = toHeaderSafe(untrusted);
  return safe === '' ? '' : bidiIsolate(safe);
}

/** truncate, closing an isolate that the cut left open. */
function truncateIsolated(value: string, limit: number): string {
  const cut = truncate(value, limit);
  if (cut === value || cut.lastIndexOf('\u2068') <= cut.lastIndexOf('\u2069')) return cut;
  return `${truncate(value, limit - 1)}\u2069`;
}

/** Where the article comes from, in a reader's terms: 'news.example · by Jane Doe · published Thu 26 Nov 2026, 09:00 UTC'. */
export function provenanceLine(article: Pick<ArticleRecord, 'source' | 'byline' | 'publishedAt'>): string {
  const byline =
    article.byline === null ? '' : bidiIsolate(truncate(toHeaderSafe(article.byline), BYLINE_LIMIT));
  const published =
    article.publishedAt === null
      ? ''
      : (formatReaderDate(article.publishedAt) ?? toHeaderSafe(article.publishedAt));
  return [
    bidiIsolate(toHeaderSafe(article.source)),
    byline === '' ? '' : `by ${byline}`,
    published === '' ? '' : `published ${published}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** How a relation type reads in an email: 'verbal cooperation'. */
export function relationLabel(type: RelationType): string {
  return type === 'none' ? 'no relation stated' : type.replace('-', ' ');
}

/** The email lines showing each pair's relation and the sentence behind it; none for older records. */
function relationLines(article: ArticleRecord): string[] {
  const lines = article.countryPairs.flatMap(({ pair, relation }) =>
    relation === undefined
      ? []
      : [
          `  ${toHeaderSafe(pair)}: ${relationLabel(relation.type)}`,
          ...(relation.evidence === null
            ? []
            : [`    “${bidiIsolate(truncate(toHeaderSafe(relation.evidence), EVIDENCE_LIMIT))}”`]),
        ],
  );
  return lines.length === 0 ? [] : ['Relations:', ...lines];
}

/** The snippet with each highlighted term wrapped in *asterisks*, as plain-text mail readers show emphasis. */
export function emphasise(snippet: string, terms: readonly string[]): string {
  const wanted = [...new Set(terms.map((term) => term.toLowerCase()))].sort((a, b) => b.length - a.length);
  if (wanted.length === 0) return snippet;
  const escaped = wanted.map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return snippet.replace(new RegExp(`(${escaped.join('|')})`, 'gi'), '*$1*');
}

/**
 * The alert for one article and rule. The email carries no unsubscribe footer of its own: SNS (and
 * the local emulator) adds one, with a link that works, to every email it delivers.
 */
export function composeAlert(
  article: ArticleRecord,
  alert: AlertRecord,
  options: AlertEmailOptions = {},
): AlertNotification {
  const consoleUrl = options.consoleUrl ?? null;
  const pairs = article.countryPairs.map(({ pair }) => pair);
  const countries = article.countries.map(({ code }) => code);
  const topics = article.topics.map(({ id }) => id);
  const relations = article.countryPairs.flatMap(({ pair, relation }) =>
    relation === undefined ? [] : [{ pair, type: relation.type, evidence: relation.evidence }],
  );
  const message: AlertMessage = {
    schemaVersion: ALERT_MESSAGE_SCHEMA_VERSION,
    schemaMinorVersion: ALERT_MESSAGE_SCHEMA_MINOR_VERSION,
    type: 'wirewatch.alert',
    alertId: `${alert.articleId}:${alert.ruleId}`,
    matchedAt: alert.matchedAt,
    rule: { id: alert.ruleId, name: alert.ruleName },
    article: {
      id: article.id,
      title: article.title,
      url: article.canonicalUrl,
      source: article.source,
      publishedAt: article.publishedAt,
      primaryPair: article.primaryPair,
      countryPairs: pairs,
      countries,
      topics,
      documentKey: article.documentKey,
      relations,
    },
    match: { snippet: alert.snippet, highlights: alert.highlights },
  };
  const highlighted = emphasise(
    toHeaderSafe(alert.snippet),
    alert.highlights.map(({ term }) => term),
  );
  // Feed text is untrusted: every value goes through the header rule (one line, no control or bidi
  // character) before it is placed, so the direction marks added here are the only ones in the body.
  const otherPairs = pairs.filter((pair) => pair !== article.primaryPair).map(toHeaderSafe);
  const email = [
    `Rule "${bidiIsolate(toHeaderSafe(alert.ruleName))}" matched:`,
    '',
    bidiLine(highlighted, '  '),
    '',
    bidiLine(toHeaderSafe(article.title)),
    provenanceLine(article),
    `Country pair: ${toHeaderSafe(article.primaryPair ?? 'none')}${pairs.length > 1 ? ` (also ${otherPairs.join(', ')})` : ''}`,
    ...relationLines(article),
    `Topics: ${topics.length === 0 ? 'none' : topics.map(toHeaderSafe).join(', ')}`,
    '',
    ...(consoleUrl === null ? [] : [`Open it in the console: ${articlePageUrl(consoleUrl, article.id)}`]),
    `Original article: ${toHeaderSafe(article.canonicalUrl)}`,
    '',
    '--',
    `You receive this because you subscribed to wirewatch alerts for rule "${toHeaderSafe(alert.ruleId)}".`,
  ].join('\n');
  return {
    subject: alertSubject(alert.ruleName, article.primaryPair, article.title),
    email,
    message,
    attributes: {
      rule: alert.ruleId,
      countryPairs: pairs,
      countries,
      topics,
      source: article.source,
      relation: relations.find(({ pair }) => pair === article.primaryPair)?.type ?? null,
    },
  };
}
