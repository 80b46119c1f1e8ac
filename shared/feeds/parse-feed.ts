/**
 * Any feed to one shape. Takes the body (bytes, decoded with decodeText, or text), the feed URL (the
 * base for relative links) and optionally the HTTP Content-Type, a per-feed charset override and an
 * entry cap; gives a ParsedFeed. Ill-formed feeds that can be read anyway come back with `bozo` set,
 * as feedparser does; input that is no feed throws FeedParseError ('empty', 'html-page',
 * 'not-a-feed', 'malformed'). Entries past `maxEntries` are dropped without reading them, so a huge
 * feed costs what a feed of maxEntries costs ('too-many-entries' is never thrown).
 */
import { decodeTextWithReport } from '../text/decode-text.ts';
import { FeedParseError, type ParsedFeed } from './feed.ts';
import { parseFeedXml } from './feed-xml.ts';
import { readAtom } from './read-atom.ts';
import { readJsonFeed } from './read-json-feed.ts';
import { readRss } from './read-rss.ts';

export type { FeedEnclosure, FeedEntry, FeedFormat, ParsedFeed } from './feed.ts';
export { FeedParseError } from './feed.ts';

export const DEFAULT_MAX_ENTRIES = 1000;

export interface ParseFeedOptions {
  url: string;
  contentType?: string | null;
  charset?: string | null;
  maxEntries?: number;
}

/** Media types a feed may honestly be served as; anything else (text/plain, text/html) is bozo. */
const FEED_MEDIA_TYPE = /(?:xml|rss|atom|rdf|json|octet-stream)/i;

export function parseFeed(body: string | Uint8Array, options: ParseFeedOptions): ParsedFeed {
  const maxEntries = Math.max(0, options.maxEntries ?? DEFAULT_MAX_ENTRIES);
  const problems: string[] = [];
  let text: string;
  if (typeof body === 'string') {
    text = body;
  } else {
    const decoded = decodeTextWithReport(body, {
      kind: looksLikeJson(body, options.contentType) ? 'json' : 'xml',
      contentType: options.contentType ?? null,
      override: options.charset ?? null,
    });
    if (decoded.problem !== null) problems.push(decoded.problem);
    text = decoded.text;
  }
  const start = firstNonSpace(text);
  if (start === -1) throw new FeedParseError('empty', 'the body is empty');
  const mediaType = options.contentType?.split(';')[0]?.trim() ?? '';
  if (mediaType !== '' && !FEED_MEDIA_TYPE.test(mediaType)) problems.push(`served as ${mediaType}`);

  if (text[start] === '{') {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new FeedParseError('malformed', `not valid JSON: ${(error as Error).message}`);
    }
    const feed = readJsonFeed(json, options.url, maxEntries);
    return withProblems(feed, feed.bozoReason === null ? problems : [...problems, feed.bozoReason]);
  }
  if (text[start] !== '<') throw new FeedParseError('not-a-feed', 'neither XML nor JSON');

  const xml = parseFeedXml(start === 0 ? text : text.slice(start), maxEntries);
  if (xml.repairReason !== null) problems.push(`not well-formed XML: ${xml.repairReason}`);
  const root = xml.rootName;
  if (root === 'rss' || root === 'channel' || root === 'rdf:RDF' || root.endsWith(':RDF') || root === 'RDF') {
    const feed = xml.read(() => readRss(root, xml.root, xml.doctypePublicId, options.url, maxEntries));
    return withProblems(feed, problems);
  }
  if (root === 'feed') {
    const feed = xml.read(() => readAtom(xml.root, options.url, maxEntries));
    return withProblems(feed, problems);
  }
  if (root.toLowerCase() === 'html') throw new FeedParseError('html-page', 'an HTML page, not a feed');
  throw new FeedParseError('not-a-feed', `XML whose root is <${root}>, not a feed`);
}

/** Marks the feed (built just now by a reader, so owned here) bozo when anything went wrong. */
function withProblems(feed: ParsedFeed, problems: string[]): ParsedFeed {
  if (problems.length === 0) return feed;
  feed.bozo = true;
  feed.bozoReason = problems.join('; ');
  return feed;
}

function looksLikeJson(body: Uint8Array, contentType: string | null | undefined): boolean {
  if (contentType && /json/i.test(contentType)) return true;
  const end = Math.min(body.length, 64);
  for (let at = 0; at < end; at++) {
    const byte = body[at];
    // Skip a UTF-8 BOM and whitespace; the first real character decides.
    if (
      byte === 0xef ||
      byte === 0xbb ||
      byte === 0xbf ||
      byte === 0x20 ||
      byte === 0x09 ||
      byte === 0x0a ||
      byte === 0x0d
    )
      continue;
    return byte === 0x7b;
  }
  return false;
}

function firstNonSpace(text: string): number {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0xfeff) return index;
  }
  return -1;
}
