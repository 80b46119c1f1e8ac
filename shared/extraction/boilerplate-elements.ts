/**
 * Page furniture removed before Readability runs. Readability scores blocks by text and commas, so
 * it keeps captions, credits, share bars, "related" lists, newsletter boxes and screen-reader or
 * print-only copies that sit inside the article container; trafilatura and go-readability remove
 * the same kinds of nodes by tag and by class/id vocabulary before scoring.
 *
 * A container is never removed when it holds the article (an <article>/<main> or schema.org
 * articleBody inside it, or most of the page's text): class names like "article-related" also
 * appear on wrappers around the story itself.
 */
import { type DomDocument, type DomElement, isElement } from './dom.ts';

const FURNITURE_TAGS = new Set([
  'aside',
  'nav',
  'footer',
  'header',
  'figure',
  'figcaption',
  'form',
  'button',
  'iframe',
  'noscript',
  'dialog',
  'menu',
  'select',
  'input',
  'textarea',
  'template',
  'svg',
  'canvas',
  'audio',
  'video',
]);

/**
 * Class / id words that mark page furniture, matched as whole words inside names such as
 * "post-share-bar" or, once camelCase is split, "newsCaption".
 */
const FURNITURE_NAME =
  /(^|[-_])(share|sharing|sharebar|social|socials|related|recommended|recommendations|newsletter|newsletters|subscribe|subscription|signup|promo|advert|advertisement|ad|ads|adslot|adunit|sponsored|cookie|cookies|consent|gdpr|comments?|caption|captions|credit|credits|byline|timestamp|dateline|breadcrumb|breadcrumbs|tags|gallery|slideshow|toolbar|outbrain|taboola|popular|trending|disclaimer|d-none|sr-only|visually-hidden|screen-reader-text|print-only|print-header|author-bio|more-stories|read-more|readmore|see-also|also-read)([-_]|$)/i;

const FURNITURE_ROLES = new Set([
  'navigation',
  'complementary',
  'banner',
  'contentinfo',
  'dialog',
  'alert',
  'menu',
]);
const HIDDEN_STYLE = /(display\s*:\s*none|visibility\s*:\s*hidden)/i;

// A container holding more than this share of the page text is the article, whatever its name.
// (On a page with hardly any text, a menu can be most of it: below this length nothing is an article.)
const MAX_REMOVED_TEXT_SHARE = 0.4;
const MIN_ARTICLE_LENGTH = 250;
// …and one holding this many paragraphs of running prose is part of the story, not a teaser list.
const STORY_PARAGRAPHS = 3;
const STORY_PARAGRAPH_LENGTH = 150;

// Class names are ASCII in practice; the plain character classes keep this cheap on every element.
const CAMEL_CASE_BOUNDARY = /([a-z0-9])([A-Z])/g;
const UPPER_CASE = /[A-Z]/;

/** Class names and id, camelCase words split by a hyphen ("imageEmbedCaption" → "image-Embed-Caption"). */
function namesOf(element: DomElement): string[] {
  const names = (element.getAttribute('class') ?? '').split(/\s+/);
  const id = element.getAttribute('id');
  if (id) names.push(id);
  return names
    .filter((name) => name !== '')
    .map((name) => (UPPER_CASE.test(name) ? name.replace(CAMEL_CASE_BOUNDARY, '$1-$2') : name));
}

function looksLikeFurniture(element: DomElement): boolean {
  if (FURNITURE_TAGS.has(element.localName)) return true;
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  const role = element.getAttribute('role');
  if (role !== null && FURNITURE_ROLES.has(role)) return true;
  const style = element.getAttribute('style');
  if (style !== null && HIDDEN_STYLE.test(style)) return true;
  return namesOf(element).some((name) => FURNITURE_NAME.test(name));
}

const ARTICLE_TAGS = new Set(['article', 'main', 'body']);
const ARTICLE_ROLES = new Set(['main', 'article']);

function holdsArticle(element: DomElement, pageTextLength: number): boolean {
  if (ARTICLE_TAGS.has(element.localName) || ARTICLE_ROLES.has(element.getAttribute('role') ?? ''))
    return true;
  if (element.querySelector('article, main, [itemprop="articleBody"]') !== null) return true;
  const textLength = (element.textContent ?? '').length;
  if (textLength >= MIN_ARTICLE_LENGTH && textLength > pageTextLength * MAX_REMOVED_TEXT_SHARE) return true;
  const paragraphs = element.getElementsByTagName('p');
  let storyParagraphs = 0;
  for (let index = 0; index < paragraphs.length && storyParagraphs < STORY_PARAGRAPHS; index += 1) {
    if ((paragraphs[index]?.textContent ?? '').length >= STORY_PARAGRAPH_LENGTH) storyParagraphs += 1;
  }
  return storyParagraphs >= STORY_PARAGRAPHS;
}

const NON_TEXT_SELECTOR = 'script, style, noscript, template';

export function removeBoilerplateElements(document: DomDocument): void {
  const body = document.body;
  if (body === null) return;
  // JSON-LD has been read by now; without scripts and styles, body text is the reader's text.
  for (const element of Array.from(document.querySelectorAll(NON_TEXT_SELECTOR))) element.remove();
  const pageTextLength = (body.textContent ?? '').length;
  const furniture: DomElement[] = [];
  const visit = (element: DomElement): void => {
    const children = element.childNodes;
    for (let index = 0; index < children.length; index += 1) {
      const child = children[index];
      if (child === undefined || !isElement(child)) continue;
      if (looksLikeFurniture(child) && !holdsArticle(child, pageTextLength)) furniture.push(child);
      else visit(child);
    }
  };
  visit(body);
  for (const element of furniture) element.remove();
}
