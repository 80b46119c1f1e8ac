/**
 * Atom 1.0 and 0.3 trees to a ParsedFeed (bozo fields left to the caller). Takes the <feed> tree and
 * the feed URL; resolves links against the xml:base chain (feed, entry, link) and reads text
 * constructs by their type.
 */

import { distinct } from './distinct.ts';
import type { FeedEntry, ParsedFeed } from './feed.ts';
import { parseFeedDate } from './feed-date.ts';
import { readEnclosures } from './feed-enclosures.ts';

import { resolveUrl, withBase } from './resolve-url.ts';
import { constructHtml, constructText } from './text-construct.ts';
import { attribute, attributesStartingWith, child, childNodes, childText, type XmlNode } from './xml-node.ts';

export function readAtom(root: XmlNode, url: string, maxEntries: number): ParsedFeed {
  const base = withBase(attribute(root, 'xml:base'), url);
  const version = attribute(root, 'version')?.trim();
  const namespaces = attributesStartingWith(root, 'xmlns').map((uri) => uri.toLowerCase());
  const entries: FeedEntry[] = [];
  for (const entry of childNodes(root, 'entry')) {
    if (entries.length === maxEntries) break;
    entries.push(readEntry(entry, base));
  }
  return {
    format: 'atom',
    version: namespaces.includes('http://www.w3.org/2005/atom')
      ? 'atom10'
      : version === '0.3'
        ? 'atom03'
        : version === '0.2'
          ? 'atom02'
          : version === '0.1'
            ? 'atom01'
            : 'atom',
    title: constructText(child(root, 'title'), { markupInText: false }),
    link: alternateLink(root, base),
    description: constructHtml(child(root, 'subtitle')) ?? constructHtml(child(root, 'tagline')),
    language: attribute(root, 'xml:lang')?.trim() || null,
    updatedAt: parseFeedDate(childText(root, 'updated') ?? childText(root, 'modified')),
    ttlMinutes: null,
    updatePeriodMinutes: null,
    entries,
    bozo: false,
    bozoReason: null,
  };
}

function readEntry(entry: XmlNode, feedBase: string | null): FeedEntry {
  const base = withBase(attribute(entry, 'xml:base'), feedBase);
  const id = childText(entry, 'id');
  return {
    id,
    guidIsPermaLink: false,
    link: alternateLink(entry, base),
    title: constructText(child(entry, 'title'), { markupInText: false }),
    summary: constructHtml(child(entry, 'summary')),
    contentHtml: constructHtml(child(entry, 'content')),
    publishedAt: parseFeedDate(
      childText(entry, 'published') ?? childText(entry, 'issued') ?? childText(entry, 'created'),
    ),
    updatedAt: parseFeedDate(childText(entry, 'updated') ?? childText(entry, 'modified')),
    authors: entryAuthors(entry),
    categories: entryCategories(entry),
    enclosures: readEnclosures(entry, base),
  };
}

function entryAuthors(entry: XmlNode): string[] {
  const authors: string[] = [];
  for (const author of childNodes(entry, 'author')) {
    const name = childText(author, 'name') ?? childText(author, 'email');
    if (name !== null) authors.push(name);
  }
  return distinct(authors);
}

function entryCategories(entry: XmlNode): string[] {
  const categories: string[] = [];
  for (const category of childNodes(entry, 'category')) {
    const term = (attribute(category, 'term') ?? attribute(category, 'label'))?.trim() ?? '';
    if (term !== '') categories.push(term);
  }
  return distinct(categories);
}

/** The rel="alternate" link (a link without rel is one), resolved against its own xml:base. */
function alternateLink(node: XmlNode, base: string | null): string | null {
  const links = childNodes(node, 'link');
  const alternate =
    links.find((link) => (attribute(link, 'rel') ?? 'alternate') === 'alternate' && isHtmlType(link)) ??
    links.find((link) => (attribute(link, 'rel') ?? 'alternate') === 'alternate');
  if (alternate === undefined) return null;
  return resolveUrl(attribute(alternate, 'href'), withBase(attribute(alternate, 'xml:base'), base));
}

function isHtmlType(link: XmlNode): boolean {
  const type = attribute(link, 'type');
  return type === null || type.includes('html');
}
