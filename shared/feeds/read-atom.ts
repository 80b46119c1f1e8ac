/**
 * Atom 1.0 and 0.3 trees to a ParsedFeed (bozo fields left to the caller). Takes the <feed> tree and
 * the feed URL; resolves links against the xml:base chain (feed, entry, link) and reads text
 * constructs by their type.
 */
import type { FeedEntry, ParsedFeed } from './feed.ts';
import { parseFeedDate } from './feed-date.ts';
import { readEnclosures } from './feed-enclosures.ts';

import { resolveUrl, withBase } from './resolve-url.ts';
import { constructHtml, constructText } from './text-construct.ts';
import { attribute, attributesStartingWith, child, childNodes, childText, type XmlNode } from './xml-node.ts';

export function readAtom(
  root: XmlNode,
  url: string,
  maxEntries: number,
): Omit<ParsedFeed, 'bozo' | 'bozoReason'> {
  const base = withBase(attribute(root, 'xml:base'), url);
  const version = attribute(root, 'version')?.trim();
  const namespaces = attributesStartingWith(root, 'xmlns').map((uri) => uri.toLowerCase());
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
    entries: childNodes(root, 'entry')
      .slice(0, maxEntries)
      .map((entry) => readEntry(entry, base)),
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
    authors: [
      ...new Set(
        childNodes(entry, 'author')
          .map((author) => childText(author, 'name') ?? childText(author, 'email'))
          .filter((name): name is string => name !== null),
      ),
    ],
    categories: [
      ...new Set(
        [
          ...childNodes(entry, 'category').map(
            (category) => attribute(category, 'term') ?? attribute(category, 'label'),
          ),
        ]
          .map((term) => term?.trim() ?? '')
          .filter((term) => term !== ''),
      ),
    ],
    enclosures: readEnclosures(entry, base),
  };
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
