/**
 * Turns an element's subtree into paragraphs: block-level elements and <br> end a paragraph,
 * inline elements run on, table cells are kept apart by a space. Each paragraph also counts how
 * much of its text sits inside links, for link-density tests. The strings are not yet normalised
 * (see normalize-text.ts).
 */
import { type DomElement, type DomNode, isElement, TEXT_NODE } from './dom.ts';

const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'caption',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'ul',
]);
const CELL_TAGS = new Set(['td', 'th']);
const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'button',
  'select',
  'textarea',
]);

export function isBlockTag(tag: string): boolean {
  return BLOCK_TAGS.has(tag);
}

export interface ElementParagraph {
  readonly text: string;
  /** Characters of `text`, white space left out, that are the text of a link. */
  readonly linkCharacters: number;
  /** The href of each link with text in the paragraph, as written. */
  readonly linkTargets: readonly string[];
  /** All of the paragraph is the text of a heading (h1–h6). */
  readonly heading: boolean;
}

const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

const WHITE_SPACE = /\s+/g;

function visibleLength(text: string): number {
  return text.replace(WHITE_SPACE, '').length;
}

export function paragraphsOf(root: DomElement): ElementParagraph[] {
  const paragraphs: ElementParagraph[] = [];
  let current = '';
  let linkCharacters = 0;
  let linkTargets: string[] = [];
  let linkDepth = 0;
  let textCharacters = 0;
  let headingCharacters = 0;
  let headingDepth = 0;
  const flush = (): void => {
    if (current.trim() !== '') {
      const heading = headingCharacters === textCharacters;
      paragraphs.push({ text: current, linkCharacters, linkTargets, heading });
    }
    current = '';
    linkCharacters = 0;
    linkTargets = [];
    textCharacters = 0;
    headingCharacters = 0;
  };
  const visit = (node: DomNode): void => {
    if (node.nodeType === TEXT_NODE) {
      const text = node.textContent ?? '';
      const length = visibleLength(text);
      current += text;
      textCharacters += length;
      if (linkDepth > 0) linkCharacters += length;
      if (headingDepth > 0) headingCharacters += length;
      return;
    }
    if (!isElement(node)) return;
    const tag = node.localName;
    if (SKIPPED_TAGS.has(tag)) return;
    const block = BLOCK_TAGS.has(tag);
    if (block) flush();
    else if (CELL_TAGS.has(tag)) current += ' ';
    const heading = HEADING_TAGS.has(tag);
    if (heading) headingDepth += 1;
    const href = tag === 'a' ? node.getAttribute('href') : null;
    if (href !== null) {
      linkDepth += 1;
      if (visibleLength(node.textContent ?? '') > 0) linkTargets.push(href);
    }
    const children = node.childNodes;
    for (let index = 0; index < children.length; index += 1) {
      const child = children[index];
      if (child !== undefined) visit(child);
    }
    if (href !== null) linkDepth -= 1;
    if (heading) headingDepth -= 1;
    if (block) flush();
  };
  visit(root);
  flush();
  return paragraphs;
}
