/**
 * RSS 0.9x/2.0 and RSS 1.0 (RDF) trees to a ParsedFeed (bozo fields left to the caller). Takes the
 * root element's name and tree, the DOCTYPE public id and the feed URL. Reads the core elements and
 * the modules feeds use in the wild: content:encoded, dc:*, media:*, itunes:*, sy:*, atom:link.
 */

import { distinct } from './distinct.ts';
import type { FeedEntry, ParsedFeed } from './feed.ts';
import { parseFeedDate } from './feed-date.ts';
import { readEnclosures } from './feed-enclosures.ts';

import { resolveUrl, withBase } from './resolve-url.ts';
import { constructHtml, constructText } from './text-construct.ts';
import {
  attribute,
  attributesStartingWith,
  child,
  childNodes,
  childText,
  textOf,
  type XmlNode,
} from './xml-node.ts';

const MINUTES_PER_PERIOD: Record<string, number> = {
  hourly: 60,
  daily: 1440,
  weekly: 10_080,
  monthly: 43_200,
  yearly: 525_600,
};

export function readRss(
  rootName: string,
  root: XmlNode,
  doctypePublicId: string | null,
  url: string,
  maxEntries: number,
): ParsedFeed {
  const isRdf = rootName !== 'rss' && rootName !== 'channel';
  const channel = rootName === 'channel' ? root : (childNodes(root, 'channel')[0] ?? {});
  const feedBase = withBase(attribute(root, 'xml:base'), withBase(attribute(channel, 'xml:base'), url));
  // Items belong in <channel> (RSS 2.0) or beside it (RSS 0.90/1.0, and broken RSS 2.0 feeds).
  const entries: FeedEntry[] = [];
  for (const holder of rootName === 'channel' ? [channel] : [channel, root]) {
    for (const item of childNodes(holder, 'item')) {
      if (entries.length === maxEntries) break;
      entries.push(readItem(item, feedBase));
    }
  }
  const ttl = Number(childText(channel, 'ttl'));
  return {
    format: isRdf ? 'rdf' : 'rss',
    version: isRdf ? rdfVersion(rootName, root) : rssVersion(root, doctypePublicId),
    title: constructText(child(channel, 'title'), { markupInText: true }) ?? childText(channel, 'dc:title'),
    link: resolveUrl(childText(channel, 'link') ?? atomLink(channel), feedBase),
    description:
      constructHtml(child(channel, 'description')) ??
      childText(channel, 'dc:description') ??
      childText(channel, 'itunes:summary'),
    language:
      childText(channel, 'language') ?? childText(channel, 'dc:language') ?? attribute(channel, 'xml:lang'),
    updatedAt: parseFeedDate(
      childText(channel, 'lastBuildDate') ??
        childText(channel, 'dc:date') ??
        childText(channel, 'dcterms:modified') ??
        childText(channel, 'pubDate') ??
        childText(channel, 'atom:updated'),
    ),
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : null,
    updatePeriodMinutes: updatePeriodMinutes(channel),
    entries,
    bozo: false,
    bozoReason: null,
  };
}

function readItem(item: XmlNode, feedBase: string | null): FeedEntry {
  const base = withBase(attribute(item, 'xml:base'), feedBase);
  const guidNode = child(item, 'guid');
  const guid = textOf(guidNode)?.trim() || null;
  const guidIsPermaLink =
    guid !== null && attribute(guidNode, 'isPermaLink')?.trim().toLowerCase() !== 'false';
  const link = childText(item, 'link') ?? atomLink(item) ?? (guidIsPermaLink && isWebUrl(guid) ? guid : null);
  const published =
    childText(item, 'pubDate') ??
    childText(item, 'dc:date') ??
    childText(item, 'dcterms:issued') ??
    childText(item, 'dcterms:created') ??
    childText(item, 'atom:published');
  return {
    id: guid ?? childText(item, 'dc:identifier') ?? attribute(item, 'rdf:about'),
    guidIsPermaLink,
    link: resolveUrl(link, base),
    title: constructText(child(item, 'title'), { markupInText: true }) ?? childText(item, 'dc:title'),
    summary:
      constructHtml(child(item, 'description')) ??
      childText(item, 'dc:description') ??
      childText(item, 'itunes:summary') ??
      childText(item, 'atom:summary'),
    contentHtml:
      constructHtml(child(item, 'content:encoded')) ??
      constructHtml(child(item, 'xhtml:body')) ??
      constructHtml(child(item, 'body')) ??
      childText(item, 'atom:content'),
    publishedAt: parseFeedDate(published),
    updatedAt: parseFeedDate(childText(item, 'atom:updated') ?? childText(item, 'dcterms:modified')),
    authors: itemAuthors(item),
    categories: itemCategories(item),
    enclosures: readEnclosures(item, base),
  };
}

/** Adds a value that is there (duplicates are dropped by `distinct` once the list is complete). */
function addValue(values: string[], value: string | null): void {
  if (value !== null && value !== '') values.push(value);
}

function addTexts(values: string[], node: XmlNode, name: string): void {
  for (const element of childNodes(node, name)) addValue(values, (textOf(element) as string).trim());
}

function itemAuthors(item: XmlNode): string[] {
  const authors: string[] = [];
  addTexts(authors, item, 'author');
  addTexts(authors, item, 'dc:creator');
  addTexts(authors, item, 'dc:author');
  addTexts(authors, item, 'itunes:author');
  for (const author of childNodes(item, 'atom:author')) {
    addValue(authors, childText(author, 'atom:name') ?? childText(author, 'name'));
  }
  return distinct(authors);
}

function itemCategories(item: XmlNode): string[] {
  const categories: string[] = [];
  addTexts(categories, item, 'category');
  addTexts(categories, item, 'dc:subject');
  for (const category of childNodes(item, 'atom:category')) addValue(categories, attribute(category, 'term'));
  for (const category of childNodes(item, 'itunes:category')) addItunesCategories(categories, category);
  return distinct(categories);
}

/** iTunes categories nest (<itunes:category text="Technology"><itunes:category text="Gadgets"/>). */
function addItunesCategories(values: string[], category: XmlNode): void {
  addValue(values, attribute(category, 'text'));
  for (const inner of childNodes(category, 'itunes:category')) addItunesCategories(values, inner);
}

function atomLink(node: XmlNode): string | null {
  for (const link of childNodes(node, 'atom:link')) {
    const rel = attribute(link, 'rel') ?? 'alternate';
    if (rel === 'alternate') return attribute(link, 'href');
  }
  return null;
}

function isWebUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

function updatePeriodMinutes(channel: XmlNode): number | null {
  const period = childText(channel, 'sy:updatePeriod')?.toLowerCase();
  const frequency = Number(childText(channel, 'sy:updateFrequency') ?? '1');
  const minutes = period === undefined ? undefined : MINUTES_PER_PERIOD[period];
  if (minutes === undefined) return null;
  return Number.isFinite(frequency) && frequency > 0 ? minutes / frequency : minutes;
}

function rssVersion(root: XmlNode, doctypePublicId: string | null): string {
  const version = attribute(root, 'version')?.trim() ?? '';
  if (version.startsWith('2.')) return 'rss20';
  if (version === '0.91') return /netscape/i.test(doctypePublicId ?? '') ? 'rss091n' : 'rss091u';
  if (version === '0.92') return 'rss092';
  if (version === '0.93') return 'rss093';
  if (version === '0.94') return 'rss094';
  return 'rss';
}

function rdfVersion(rootName: string, root: XmlNode): string {
  if (!rootName.endsWith('RDF')) return 'rss';
  const namespaces = attributesStartingWith(root, 'xmlns');
  if (namespaces.some((uri) => /my\.netscape\.com\/rdf\/simple\/0\.9/i.test(uri))) return 'rss090';
  return 'rss10';
}
