/**
 * The elements a page names as its article body: schema.org microdata (`itemprop="articleBody"`)
 * or a class / id such as "article-body", "story__content", "entry-content" or "postText", the
 * names trafilatura looks for first. Readability scores blocks by text and commas, and on some
 * pages chooses a wrapper that also holds the photo, its caption, the byline and the share bar;
 * when named body elements inside its choice hold most of the text, they are the article.
 */
import type { DomElement } from './dom.ts';

const BODY_NAME = /(^|[-_\s])(article|story|post|entry|news|main)[-_]{0,2}(body|content|text)([-_\s]|$)/i;
const CAMEL_CASE_BOUNDARY = /([a-z0-9])([A-Z])/g;
// Below this share of the chosen text, the named elements are a part of the page, not its body.
const MIN_BODY_TEXT_SHARE = 0.4;

function isNamedBody(element: DomElement): boolean {
  if (element.getAttribute('itemprop') === 'articleBody') return true;
  const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
  return BODY_NAME.test(names.replace(CAMEL_CASE_BOUNDARY, '$1-$2'));
}

function textLength(element: DomElement): number {
  return (element.textContent ?? '').replace(/\s+/g, '').length;
}

/** The outermost named body elements under `content` when they hold most of its text, else `content`. */
export function articleBodyRoots(content: DomElement): DomElement[] {
  const bodies: DomElement[] = [];
  const visit = (element: DomElement): void => {
    const children = element.children;
    for (let index = 0; index < children.length; index += 1) {
      const child = children[index];
      if (child === undefined) continue;
      if (isNamedBody(child)) bodies.push(child);
      else visit(child);
    }
  };
  visit(content);
  if (bodies.length === 0) return [content];
  const total = textLength(content);
  const named = bodies.reduce((sum, body) => sum + textLength(body), 0);
  return total > 0 && named / total >= MIN_BODY_TEXT_SHARE && named < total ? bodies : [content];
}
