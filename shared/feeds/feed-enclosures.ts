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
  const add = (href: string | null, type: string | null, length: string | null) => {
    const url = resolveUrl(href, base);
    if (url === null || seen.has(url)) return;
    seen.add(url);
    const size = length === null ? Number.NaN : Number(length.trim());
    found.push({ url, type: type?.trim() || null, length: Number.isFinite(size) && size >= 0 ? size : null });
  };
  for (const enclosure of childNodes(entry, 'enclosure')) {
    add(
      attribute(enclosure, 'url') ?? attribute(enclosure, 'href'),
      attribute(enclosure, 'type'),
      attribute(enclosure, 'length'),
    );
  }
  for (const link of [...childNodes(entry, 'link'), ...childNodes(entry, 'atom:link')]) {
    if (attribute(link, 'rel') !== 'enclosure') continue;
    add(attribute(link, 'href'), attribute(link, 'type'), attribute(link, 'length'));
  }
  const media = [entry, ...childNodes(entry, 'media:group')];
  for (const holder of media) {
    for (const content of childNodes(holder, 'media:content')) {
      add(attribute(content, 'url'), attribute(content, 'type'), attribute(content, 'fileSize'));
    }
  }
  for (const holder of media) {
    for (const thumbnail of childNodes(holder, 'media:thumbnail'))
      add(attribute(thumbnail, 'url'), null, null);
  }
  return found;
}
