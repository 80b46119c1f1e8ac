/**
 * JSON Feed 1.0/1.1 to a ParsedFeed. Takes the parsed JSON value and the feed URL; gives the feed,
 * or throws FeedParseError('not-a-feed') when the value is not a JSON Feed.
 */
import { type FeedEnclosure, type FeedEntry, FeedParseError, type ParsedFeed } from './feed.ts';
import { parseFeedDate } from './feed-date.ts';
import { collapseWhitespace } from './feed-markup.ts';
import { resolveUrl } from './resolve-url.ts';

type Json = Record<string, unknown>;

export function readJsonFeed(value: unknown, url: string, maxEntries: number): ParsedFeed {
  if (!isObject(value) || typeof value.version !== 'string' || !value.version.includes('jsonfeed.org')) {
    throw new FeedParseError('not-a-feed', 'JSON that is not a JSON Feed');
  }
  const items = Array.isArray(value.items) ? value.items : [];
  const bozoReason = Array.isArray(value.items) ? null : 'JSON Feed without an items array';
  return {
    format: 'json',
    version: /version\/1\.1/.test(value.version)
      ? 'json11'
      : /version\/1(\.0)?\/?$/.test(value.version)
        ? 'json10'
        : 'json',
    title: plain(value.title),
    link: resolveUrl(string(value.home_page_url), url),
    description: string(value.description),
    language: string(value.language),
    updatedAt: null,
    ttlMinutes: null,
    updatePeriodMinutes: null,
    entries: items
      .slice(0, maxEntries)
      .filter(isObject)
      .map((item) => readItem(item, url)),
    bozo: bozoReason !== null,
    bozoReason,
  };
}

function readItem(item: Json, url: string): FeedEntry {
  const id = typeof item.id === 'number' ? String(item.id) : string(item.id);
  return {
    id,
    guidIsPermaLink: false,
    link: resolveUrl(string(item.url) ?? string(item.external_url), url),
    title: plain(item.title),
    summary: string(item.summary) ?? string(item.content_text),
    contentHtml: string(item.content_html),
    publishedAt: parseFeedDate(string(item.date_published)),
    updatedAt: parseFeedDate(string(item.date_modified)),
    authors: authorsOf(item),
    categories: Array.isArray(item.tags)
      ? item.tags.filter((tag): tag is string => typeof tag === 'string')
      : [],
    enclosures: Array.isArray(item.attachments)
      ? item.attachments.filter(isObject).flatMap((a) => attachment(a, url))
      : [],
  };
}

function authorsOf(item: Json): string[] {
  const authors = Array.isArray(item.authors) ? item.authors : isObject(item.author) ? [item.author] : [];
  return authors
    .filter(isObject)
    .map((author) => string(author.name))
    .filter((name): name is string => name !== null);
}

function attachment(value: Json, base: string): FeedEnclosure[] {
  const url = resolveUrl(string(value.url), base);
  if (url === null) return [];
  const size = value.size_in_bytes;
  return [
    { url, type: string(value.mime_type), length: typeof size === 'number' && size >= 0 ? size : null },
  ];
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function string(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function plain(value: unknown): string | null {
  const text = string(value);
  return text === null ? null : collapseWhitespace(text);
}
