/**
 * Article extraction: one HTML page in, its main text and metadata out.
 *
 * Steps, all on a single DOM parse: pages nested deeper than MAX_PAGE_DEPTH, or with more than
 * MAX_TEXT_PIECES pieces of text, are refused first (the cost of what follows grows with both; see
 * nesting-depth.ts and text-pieces.ts); metadata is read next (JSON-LD,
 * <meta>, links), because Readability rewrites the document; drop caps are re-joined to their words; page furniture that
 * Readability tends to keep (share bars, captions, related lists, newsletter boxes) is removed;
 * Readability picks the main content, narrowed to the element the page names as its article body
 * when that holds most of it; its blocks become normalised paragraphs, and lists of links to the
 * site's other stories, boilerplate and byline lines and headings at the edges are dropped. The
 * language is the declared one checked against the text.
 *
 * The JSON-LD articleBody is only a fallback for pages whose markup yields no text (an app shell
 * that renders the story from data): on the benchmark pages it was never better than the DOM text
 * and often a teaser or an over-inclusive dump (related links, captions).
 */
import { Readability } from '@mozilla/readability';
import { articleLanguage } from './article-language.ts';
import { removeBoilerplateElements } from './boilerplate-elements.ts';
import { isBoilerplateLine, trimBoilerplateParagraphs } from './boilerplate-paragraphs.ts';
import { isBylineLine } from './byline-line.ts';
import { chooseCanonicalUrl } from './canonical-link.ts';
import { type DomElement, parseDocument } from './dom.ts';
import { repairDropCaps } from './drop-cap.ts';
import { dropEdgeHeadings } from './edge-headings.ts';
import { paragraphsOf } from './element-paragraphs.ts';
import { looksLikeHtml } from './html-sniff.ts';
import { dropLinkLists } from './link-lists.ts';
import { articleBodyRoots } from './named-body.ts';
import { elementDepth, MAX_MARKUP_DEPTH, MAX_PAGE_DEPTH, markupDepth } from './nesting-depth.ts';
import { normalizeLine } from './normalize-text.ts';
import { readPageMetadata } from './page-metadata.ts';
import { MAX_TEXT_PIECES, textPieces } from './text-pieces.ts';

export interface ExtractedArticle {
  /** The page URL given. */
  url: string;
  /** rel=canonical / og:url when same-site and valid, else url; always through canonicalizeUrl. */
  canonicalUrl: string;
  title: string | null;
  byline: string | null;
  /** ISO 8601 UTC. */
  publishedAt: string | null;
  /** ISO 639-1. */
  lang: string | null;
  /** Main text, paragraphs separated by a blank line. */
  text: string;
  siteName: string | null;
  excerpt: string | null;
}

/**
 * `too-deep`: the page nests its elements deeper than MAX_PAGE_DEPTH (see nesting-depth.ts);
 * `too-many-pieces`: its text is split into more than MAX_TEXT_PIECES pieces (see text-pieces.ts).
 */
export type ExtractionErrorCode = 'no-content' | 'not-html' | 'too-deep' | 'too-many-pieces';

export class ExtractionError extends Error {
  constructor(
    readonly code: ExtractionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ExtractionError';
  }
}

function orNull(value: string | null | undefined): string | null {
  const normalized = value == null ? '' : normalizeLine(value);
  return normalized === '' ? null : normalized;
}

/**
 * The normalised paragraphs of Readability's choice: only the named article body when there is one,
 * without lists of links, boilerplate or byline lines, or headings at the edges.
 */
function contentParagraphs(content: DomElement, pageUrl: string, byline: string | null): string[] {
  const paragraphs = dropLinkLists(articleBodyRoots(content).flatMap(paragraphsOf), pageUrl)
    .map((paragraph) => ({ ...paragraph, text: normalizeLine(paragraph.text) }))
    .filter(({ text }) => text !== '' && !isBoilerplateLine(text) && !isBylineLine(text, byline));
  return dropEdgeHeadings(paragraphs).map((paragraph) => paragraph.text);
}

export interface ExtractionOptions {
  /** The page URL. */
  url: string;
  /** The language to assume when the page declares none, such as its feed's (checked against the text as a declaration is). */
  languageHint?: string | null;
}

export function extractArticle(html: string, options: ExtractionOptions): ExtractedArticle {
  if (html.trim() === '') throw new ExtractionError('no-content', 'the page is empty');
  if (!looksLikeHtml(html)) throw new ExtractionError('not-html', 'the page is not HTML');
  if (markupDepth(html, MAX_MARKUP_DEPTH) > MAX_MARKUP_DEPTH) {
    throw new ExtractionError(
      'too-deep',
      `the page's markup nests more than ${MAX_MARKUP_DEPTH} elements deep`,
    );
  }
  const document = parseDocument(html);
  const root = document.documentElement;
  if (root !== null && elementDepth(root, MAX_PAGE_DEPTH) > MAX_PAGE_DEPTH) {
    throw new ExtractionError('too-deep', `the page nests its elements more than ${MAX_PAGE_DEPTH} deep`);
  }
  // The body is what Readability serialises and parses again.
  if (document.body !== null && textPieces(document.body, MAX_TEXT_PIECES) > MAX_TEXT_PIECES) {
    throw new ExtractionError(
      'too-many-pieces',
      `the page's text is split into more than ${MAX_TEXT_PIECES} pieces (text nodes and character references)`,
    );
  }
  const metadata = readPageMetadata(document);
  repairDropCaps(document);
  removeBoilerplateElements(document);
  // The serializer hands back the content element itself: its blocks become paragraphs without an
  // HTML round trip. JSON-LD was read above already.
  const readable = new Readability<DomElement>(document as never, {
    serializer: (node) => node as DomElement,
    keepClasses: true,
    disableJSONLD: true,
  }).parse();
  const byline = orNull(metadata.byline ?? readable?.byline);
  const domParagraphs = readable?.content ? contentParagraphs(readable.content, options.url, byline) : [];
  const paragraphs =
    domParagraphs.length > 0
      ? domParagraphs
      : trimBoilerplateParagraphs(metadata.jsonLd?.articleBody?.split(/\n+/) ?? []);
  const text = paragraphs.join('\n\n');
  if (text === '') throw new ExtractionError('no-content', 'no article text found on the page');
  return {
    url: options.url,
    canonicalUrl: chooseCanonicalUrl(options.url, metadata.selfUrls),
    title: orNull(metadata.title ?? readable?.title),
    byline,
    publishedAt: metadata.publishedAt,
    lang: articleLanguage(metadata.declaredLanguage ?? options.languageHint ?? null, text),
    text,
    siteName: orNull(metadata.siteName ?? readable?.siteName),
    excerpt: orNull(metadata.excerpt ?? readable?.excerpt),
  };
}
