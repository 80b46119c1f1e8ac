/**
 * Media attached to an entry: RSS <enclosure>, Media RSS <media:content>/<media:thumbnail> (also
 * inside <media:group>) and Atom <link rel="enclosure">. Takes the entry node and its base URL; gives
 * enclosures with absolute URLs, first occurrence of each URL kept.
 */
import type { FeedEnclosure } from './feed.ts';
import { resolveUrl } from './resolve-url.ts';
import { attribute, childNodes, type XmlNode } from './xml-node.ts';

export function readEnclosures(entry: XmlNode, base: string | null): FeedEnclosure[] {
  const found: FeedEnclosure[] = [];
  const seen = new Set<string>();
  for (const enclosure of childNodes(entry, 'enclosure')) {
    add(
      found,
      seen,
      base,
      attribute(enclosure, 'url') ?? attribute(enclosure, 'href'),
      attribute(enclosure, 'type'),
      attribute(enclosure, 'length'),
    );
  }
  for (const name of LINKS) {
    for (const link of childNodes(entry, name)) {
      if (attribute(link, 'rel') !== 'enclosure') continue;
      add(found, seen, base, attribute(link, 'href'), attribute(link, 'type'), attribute(link, 'length'));
    }
  }
  const groups = childNodes(entry, 'media:group');
  for (let at = -1; at < groups.length; at++) {
    for (const content of childNodes(at === -1 ? entry : groups[at], 'media:content')) {
      add(
        found,
        seen,
        base,
        attribute(content, 'url'),
        attribute(content, 'type'),
        attribute(content, 'fileSize'),
      );
    }
  }
  for (let at = -1; at < groups.length; at++) {
    for (const thumbnail of childNodes(at === -1 ? entry : groups[at], 'media:thumbnail')) {
      add(found, seen, base, attribute(thumbnail, 'url'), null, null);
    }
  }
  return found;
}

const LINKS = ['link', 'atom:link'];

/** Appends the enclosure unless its URL is already there. */
function add(
  found: FeedEnclosure[],
  seen: Set<string>,
  base: string | null,
  href: string | null,
  type: string | null,
  length: string | null,
): void {
  const url = resolveUrl(href, base);
  if (url === null || seen.has(url)) return;
  seen.add(url);
  const size = length === null ? Number.NaN : Number(length.trim());
  found.push({ url, type: type?.trim() || null, length: Number.isFinite(size) && size >= 0 ? size : null });
}
