/**
 * wirewatch's ParsedFeed seen through feedparser's names, for evaluating feedparser's `Expect:` lines.
 * Takes a parse result (or the rejection of the input), the charset used and the body bytes; gives an
 * environment where mapped names hold wirewatch's values and everything wirewatch does not produce
 * (title_detail, sanitized HTML, namespaces, itunes_*, raw date strings …) raises NotApplicable.
 */
import type { FeedEntry, ParsedFeed } from '../shared/feeds/feed.ts';
import { htmlToPlainText } from '../shared/feeds/feed-markup.ts';
import { decodeText } from '../shared/text/decode-text.ts';
import { type CustomEquality, type Environment, MappedDict } from './feedparser-expectations.ts';

export interface ViewOptions {
  /**
   * False where the suite tests feedparser's rewriting of HTML (sanitizing, resolving relative URIs
   * inside markup): wirewatch hands HTML on as given, so those expectations do not apply.
   */
  htmlFieldsApplicable: boolean;
}

/**
 * wirewatch titles are plain text by design; feedparser keeps a title's markup. A title matches when it
 * equals feedparser's value, or that value read as HTML and flattened to text.
 */
class PlainTextTitle implements CustomEquality {
  constructor(private readonly title: string) {}

  equals(other: unknown): boolean {
    return typeof other === 'string' && (other === this.title || htmlToPlainText(other) === this.title);
  }
}

function title(value: string | null): PlainTextTitle | null {
  return value === null ? null : new PlainTextTitle(value);
}

/** Charsets compare equal when they decode the body to the same text (us-ascii vs utf-8 on ASCII bytes). */
class CharsetValue implements CustomEquality {
  constructor(
    private readonly charset: string,
    private readonly text: string,
    private readonly bytes: Uint8Array,
  ) {}

  equals(other: unknown): boolean {
    if (typeof other !== 'string') return false;
    const theirs = decodeText(this.bytes, { kind: 'xml', override: other });
    return theirs.charset === this.charset || theirs.text === this.text;
  }
}

/** Our ISO date as the struct_time tuple feedparser gives for `*_parsed`. */
function structTime(iso: string | null): unknown {
  if (iso === null) return undefined;
  const date = new Date(iso);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const dayOfYear = Math.floor((date.getTime() - yearStart) / 86_400_000) + 1;
  return [
    date.getUTCFullYear(),
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
    (date.getUTCDay() + 6) % 7,
    dayOfYear,
    0,
  ];
}

const orUndefined = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

function html<T>(value: T, options: ViewOptions): T | typeof NOT_MAPPED {
  return options.htmlFieldsApplicable ? value : NOT_MAPPED;
}

const NOT_MAPPED = Symbol('not mapped');

function dict(values: Record<string, unknown>): MappedDict {
  const mapped = new Set<string>();
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === NOT_MAPPED) continue;
    mapped.add(key);
    kept[key] = value === null ? undefined : value;
  }
  return new MappedDict(kept, mapped);
}

function entryView(entry: FeedEntry, options: ViewOptions): MappedDict {
  const summary = entry.summary ?? entry.contentHtml;
  return dict({
    id: entry.id,
    guid: entry.id,
    guidislink: entry.link !== null && entry.guidIsPermaLink && entry.link === entry.id,
    link: entry.link,
    title: html(title(entry.title), options),
    summary: html(summary, options),
    description: html(summary, options),
    content: entry.contentHtml === null ? null : html([dict({ value: entry.contentHtml })], options),
    published_parsed: orUndefined(structTime(entry.publishedAt ?? entry.updatedAt)),
    updated_parsed: orUndefined(structTime(entry.updatedAt ?? entry.publishedAt)),
    author: entry.authors[0] ?? null,
    authors: entry.authors.map((name) => dict({ name })),
    tags: entry.categories.map((term) => dict({ term })),
    enclosures: entry.enclosures.map((enclosure) =>
      dict({
        href: enclosure.url,
        url: enclosure.url,
        type: enclosure.type ?? undefined,
        length: enclosure.length === null ? undefined : String(enclosure.length),
      }),
    ),
  });
}

export function feedparserEnvironment(
  feed: ParsedFeed | null,
  decoded: { charset: string; text: string },
  bytes: Uint8Array,
  options: ViewOptions,
): Environment {
  // Input wirewatch rejects is what feedparser flags as bozo with nothing read.
  if (feed === null) {
    return {
      bozo: true,
      feed: dict({ title: null, link: null, language: null }),
      entries: [],
      encoding: new CharsetValue(decoded.charset, decoded.text, bytes),
    };
  }
  return {
    bozo: feed.bozo,
    version: feed.version ?? '',
    encoding: new CharsetValue(decoded.charset, decoded.text, bytes),
    feed: dict({
      title: html(title(feed.title), options),
      link: feed.link,
      description: html(feed.description, options),
      subtitle: html(feed.description, options),
      tagline: html(feed.description, options),
      language: feed.language,
      updated_parsed: orUndefined(structTime(feed.updatedAt)),
      ttl: feed.ttlMinutes === null ? null : String(feed.ttlMinutes),
    }),
    entries: feed.entries.map((entry) => entryView(entry, options)),
  };
}
