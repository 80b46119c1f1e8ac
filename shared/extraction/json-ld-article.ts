/**
 * The schema.org Article node of a page's JSON-LD (`<script type="application/ld+json">`), read
 * tolerantly: top-level arrays, `@graph`, `@type` lists, raw newlines inside strings, CDATA wrappers.
 */
import type { DomDocument } from './dom.ts';

export interface JsonLdArticle {
  readonly headline: string | null;
  readonly articleBody: string | null;
  readonly datePublished: string | null;
  readonly authors: readonly string[];
  readonly publisherName: string | null;
  readonly description: string | null;
  readonly url: string | null;
  readonly inLanguage: string | null;
}

type JsonObject = Record<string, unknown>;

// https://schema.org/Article and its descendants that news sites use.
const ARTICLE_TYPE =
  /^(Article|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|SatiricalArticle|ScholarlyArticle|SocialMediaPosting|BlogPosting|LiveBlogPosting|TechArticle|WebPage)$/;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseLenient(source: string): unknown {
  const text = source.replace(/^\s*(<!--|<!\[CDATA\[)|(\]\]>|-->)\s*$/g, '');
  try {
    return JSON.parse(text);
  } catch {
    try {
      // Hand-written JSON-LD often carries raw line breaks and tabs inside strings.
      return JSON.parse(text.replace(/[\n\r\t]+/g, ' '));
    } catch {
      return undefined;
    }
  }
}

function collectNodes(value: unknown, into: JsonObject[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectNodes(item, into);
  } else if (isObject(value)) {
    into.push(value);
    if (value['@graph'] !== undefined) collectNodes(value['@graph'], into);
  }
}

function typesOf(node: JsonObject): string[] {
  const type = node['@type'];
  const types = Array.isArray(type) ? type : [type];
  return types.filter((item): item is string => typeof item === 'string');
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (Array.isArray(value)) return text(value[0]);
  return null;
}

function nameOf(value: unknown): string | null {
  if (isObject(value)) return text(value.name);
  return text(value);
}

function authorsOf(value: unknown): string[] {
  const authors = Array.isArray(value) ? value : [value];
  return authors.map(nameOf).filter((name): name is string => name !== null);
}

function urlOf(node: JsonObject): string | null {
  const page = node.mainEntityOfPage;
  return text(node.url) ?? (isObject(page) ? text(page['@id']) : text(page));
}

function languageOf(value: unknown): string | null {
  if (isObject(value)) return text(value.alternateName) ?? text(value.name);
  return text(value);
}

/** Rank: a real article type before a bare WebPage, and a node with a body before one without. */
function rank(node: JsonObject): number {
  const types = typesOf(node);
  const article = types.some((type) => type !== 'WebPage' && ARTICLE_TYPE.test(type));
  return (article ? 2 : 0) + (typeof node.articleBody === 'string' ? 1 : 0);
}

export function findJsonLdArticle(document: DomDocument): JsonLdArticle | null {
  const nodes: JsonObject[] = [];
  const scripts = document.querySelectorAll('script[type="application/ld+json"]');
  for (let index = 0; index < scripts.length; index += 1) {
    collectNodes(parseLenient(scripts[index]?.textContent ?? ''), nodes);
  }
  let best: JsonObject | null = null;
  for (const node of nodes) {
    if (!typesOf(node).some((type) => ARTICLE_TYPE.test(type))) continue;
    if (best === null || rank(node) > rank(best)) best = node;
  }
  if (best === null) return null;
  return {
    headline: text(best.headline) ?? text(best.name),
    articleBody: text(best.articleBody),
    datePublished: text(best.datePublished) ?? text(best.dateCreated),
    authors: authorsOf(best.author),
    publisherName: nameOf(best.publisher),
    description: text(best.description),
    url: urlOf(best),
    inLanguage: languageOf(best.inLanguage),
  };
}
