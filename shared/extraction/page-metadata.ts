/**
 * Article metadata from the page head and markup: JSON-LD first (the publisher's own structured
 * data), then OpenGraph / article:* / Dublin Core / vendor <meta> fields, then markup such as
 * <time datetime>. Read before Readability runs, since Readability rewrites the document.
 */
import type { DomDocument, DomElement } from './dom.ts';
import { findJsonLdArticle, type JsonLdArticle } from './json-ld-article.ts';
import { toIsoUtc } from './published-date.ts';

export interface PageMetadata {
  readonly title: string | null;
  readonly byline: string | null;
  readonly publishedAt: string | null;
  readonly siteName: string | null;
  readonly excerpt: string | null;
  /** Addresses the page gives for itself, best first, as written (maybe relative). */
  readonly selfUrls: readonly string[];
  /** Language the page declares (<html lang>, Content-Language, og:locale, JSON-LD), as written. */
  readonly declaredLanguage: string | null;
  readonly jsonLd: JsonLdArticle | null;
}

const PUBLISHED_KEYS = [
  'article:published_time',
  'og:article:published_time',
  'datepublished',
  'parsely-pub-date',
  'sailthru.date',
  'dc.date.issued',
  'dcterms.created',
  'dc.date',
  'pubdate',
  'publishdate',
  'publish-date',
  'date',
];
const BYLINE_KEYS = ['author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'byl'];
const TITLE_KEYS = ['og:title', 'twitter:title', 'parsely-title'];
const SITE_NAME_KEYS = ['og:site_name', 'application-name', 'twitter:site'];
const EXCERPT_KEYS = ['og:description', 'description', 'twitter:description'];

/** <meta> contents keyed by lower-cased property / name / itemprop; the first occurrence wins. */
function metaValues(document: DomDocument): Map<string, string> {
  const values = new Map<string, string>();
  const metas = document.getElementsByTagName('meta');
  for (let index = 0; index < metas.length; index += 1) {
    const meta = metas[index];
    const content = meta?.getAttribute('content')?.trim();
    if (meta === undefined || !content) continue;
    for (const attribute of ['property', 'name', 'itemprop', 'http-equiv']) {
      const key = meta.getAttribute(attribute)?.trim().toLowerCase();
      if (key && !values.has(key)) values.set(key, content);
    }
  }
  return values;
}

function firstOf(values: Map<string, string>, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = values.get(key);
    if (value !== undefined) return value;
  }
  return null;
}

function cleanByline(value: string | null): string | null {
  if (value === null || /^https?:\/\//i.test(value)) return null;
  const byline = value.replace(/^\s*by\s+/i, '').trim();
  return byline === '' ? null : byline;
}

function publishedFromMarkup(document: DomDocument): string | null {
  const times = document.querySelectorAll('time[datetime], [itemprop="datePublished"]');
  for (let index = 0; index < times.length; index += 1) {
    const element = times[index] as DomElement;
    const value = element.getAttribute('datetime') ?? element.getAttribute('content');
    const date = value === null ? null : toIsoUtc(value);
    if (date !== null) return date;
  }
  return null;
}

function publishedAt(jsonLd: JsonLdArticle | null, metas: Map<string, string>, document: DomDocument) {
  const candidates = [jsonLd?.datePublished ?? null, ...PUBLISHED_KEYS.map((key) => metas.get(key) ?? null)];
  for (const candidate of candidates) {
    const date = candidate === null ? null : toIsoUtc(candidate);
    if (date !== null) return date;
  }
  return publishedFromMarkup(document);
}

function linkHref(document: DomDocument, rel: string): string | null {
  return document.querySelector(`link[rel="${rel}"][href]`)?.getAttribute('href')?.trim() || null;
}

function declaredLanguage(document: DomDocument, metas: Map<string, string>, jsonLd: JsonLdArticle | null) {
  const root = document.documentElement;
  return (
    root?.getAttribute('lang')?.trim() ||
    root?.getAttribute('xml:lang')?.trim() ||
    metas.get('content-language') ||
    metas.get('og:locale') ||
    jsonLd?.inLanguage ||
    null
  );
}

export function readPageMetadata(document: DomDocument): PageMetadata {
  const metas = metaValues(document);
  const jsonLd = findJsonLdArticle(document);
  const jsonLdByline = jsonLd !== null && jsonLd.authors.length > 0 ? jsonLd.authors.join(', ') : null;
  const selfUrls = [linkHref(document, 'canonical'), metas.get('og:url') ?? null, jsonLd?.url ?? null];
  return {
    title: jsonLd?.headline ?? firstOf(metas, TITLE_KEYS),
    byline: cleanByline(jsonLdByline) ?? cleanByline(firstOf(metas, BYLINE_KEYS)),
    publishedAt: publishedAt(jsonLd, metas, document),
    siteName:
      firstOf(metas, SITE_NAME_KEYS.slice(0, 1)) ?? jsonLd?.publisherName ?? firstOf(metas, SITE_NAME_KEYS),
    excerpt: firstOf(metas, EXCERPT_KEYS) ?? jsonLd?.description ?? null,
    selfUrls: selfUrls.filter((url): url is string => url !== null),
    declaredLanguage: declaredLanguage(document, metas, jsonLd),
    jsonLd,
  };
}
