/**
 * Turns one recipient's matches for a UTC day into the daily digest email: a subject that is safe
 * for SNS and mail headers, and a plain-text body grouped by rule, each article with its title,
 * source, pair and its relation, topics, highlighted snippet and link.
 */
import type { ArticleRecord } from '../articles/article-record.ts';
import { emphasise, provenanceLine, relationLabel, truncate } from './alert-notification.ts';
import type { AlertRecord } from './alert-record.ts';
import { articlePageUrl } from './console-links.ts';
import { bidiIsolate, bidiLine, toHeaderSafe } from './email-text.ts';

export interface DigestEntry {
  alert: AlertRecord;
  article: ArticleRecord;
}

export interface DigestEmail {
  /** The address the digest is for: the `recipient` attribute subscription filter policies select on. */
  recipient: string;
  day: string;
  matchCount: number;
  subject: string;
  body: string;
}

/** SNS refuses subjects of 100 characters or more. */
const SUBJECT_LIMIT = 99;
/**
 * SNS messages stop at 256 KB; an article takes well under 1.5 KB here, so these caps keep a busy
 * day's digest far below it. The rest is counted and pointed to.
 */
const MAX_SHOWN_PER_RULE = 25;
const MAX_SHOWN = 120;
const TITLE_LIMIT = 200;
const SNIPPET_LIMIT = 400;

export function digestSubject(day: string, matchCount: number): string {
  const matches = `${matchCount} match${matchCount === 1 ? '' : 'es'}`;
  return truncate(toHeaderSafe(`[wirewatch] Daily digest · ${day} · ${matches}`), SUBJECT_LIMIT);
}

function byRule(entries: readonly DigestEntry[]): DigestEntry[][] {
  const groups = new Map<string, DigestEntry[]>();
  for (const entry of entries) {
    const group = groups.get(entry.alert.ruleId) ?? [];
    group.push(entry);
    groups.set(entry.alert.ruleId, group);
  }
  const ruleName = (group: DigestEntry[]) => group[0]?.alert.ruleName ?? '';
  return [...groups.values()]
    .map((group) =>
      group.sort(
        (a, b) =>
          a.alert.matchedAt.localeCompare(b.alert.matchedAt) ||
          a.alert.articleId.localeCompare(b.alert.articleId),
      ),
    )
    .sort((a, b) => ruleName(a).localeCompare(ruleName(b)));
}

function describeEntry({ alert, article }: DigestEntry, index: number, consoleUrl: string | null): string[] {
  const pairs = article.countryPairs.map(({ pair }) => toHeaderSafe(pair));
  const primaryPair = article.primaryPair === null ? null : toHeaderSafe(article.primaryPair);
  const otherPairs = pairs.filter((pair) => pair !== primaryPair);
  const topics = article.topics.map(({ id }) => toHeaderSafe(id));
  const relation = article.countryPairs.find(({ pair }) => pair === article.primaryPair)?.relation;
  const snippet = emphasise(
    truncate(toHeaderSafe(alert.snippet), SNIPPET_LIMIT),
    alert.highlights.map(({ term }) => term),
  );
  return [
    `${index}. ${bidiIsolate(truncate(toHeaderSafe(article.title), TITLE_LIMIT))}`,
    `   ${provenanceLine(article)}`,
    `   Country pair: ${primaryPair ?? 'none'}${otherPairs.length > 0 ? ` (also ${otherPairs.join(', ')})` : ''}`,
    ...(relation === undefined ? [] : [`   Relation: ${relationLabel(relation.type)}`]),
    `   Topics: ${topics.length === 0 ? 'none' : topics.join(', ')}`,
    bidiLine(snippet, '   '),
    ...(consoleUrl === null ? [] : [`   In the console: ${articlePageUrl(consoleUrl, article.id)}`]),
    `   Original article: ${toHeaderSafe(article.canonicalUrl)}`,
    '',
  ];
}

/**
 * One recipient's digest. Like alerts, it carries no unsubscribe footer of its own: SNS (and the
 * local emulator) adds one to every email. `consoleUrl` null: entries link to the articles' own pages.
 */
export function composeDigest(
  recipient: string,
  day: string,
  entries: readonly DigestEntry[],
  consoleUrl: string | null = null,
): DigestEmail {
  const groups = byRule(entries);
  const lines = [
    `Your wirewatch digest for ${day} (UTC): ${entries.length} match${entries.length === 1 ? '' : 'es'} for ${groups.length} rule${groups.length === 1 ? '' : 's'}.`,
    '',
  ];
  let room = MAX_SHOWN;
  for (const group of groups) {
    const [first] = group;
    if (first === undefined) continue;
    const ruleName = bidiIsolate(toHeaderSafe(first.alert.ruleName));
    lines.push(`== ${ruleName} (${group.length}) ==`, '');
    const shown = group.slice(0, Math.min(MAX_SHOWN_PER_RULE, room));
    room -= shown.length;
    shown.forEach((entry, index) => {
      lines.push(...describeEntry(entry, index + 1, consoleUrl));
    });
    const hidden = group.length - shown.length;
    if (hidden > 0) {
      lines.push(
        `   … and ${hidden} more: npx wirewatch query --rule ${toHeaderSafe(first.alert.ruleId)} --since ${day} --until ${day}`,
        '',
      );
    }
  }
  lines.push('--', 'You receive this daily digest because you subscribed to wirewatch digests.');
  return {
    recipient,
    day,
    matchCount: entries.length,
    subject: digestSubject(day, entries.length),
    // Every value went through the header rule before it was placed: the direction marks added
    // here are the only ones in the body.
    body: lines.join('\n'),
  };
}
