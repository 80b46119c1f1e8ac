/**
 * How deeply a page nests its elements, measured before the expensive steps so that a hostile page
 * is refused in linear time. Readability's cost grows with depth times text (each ancestor re-reads
 * the text below it): 500 / 1,000 / 2,000 nested `<div>` took 3.8 / 20 / 128 s, and linkedom's own
 * parse grows faster than linearly with depth too (10,000 levels: 0.8 s, 100,000: 69 s).
 *
 * Two measures: `markupDepth` estimates from the tags alone, before parsing, and only guards the
 * parse; `elementDepth` is exact, on the parsed tree, and is the limit pages are held to.
 */
import type { DomElement } from './dom.ts';

/**
 * The deepest a page's elements may nest. The 121 benchmark pages (tuned on) nest at most 51 deep,
 * median 17; at this depth Readability still takes about a second on a synthetic worst case.
 */
export const MAX_PAGE_DEPTH = 128;

/**
 * The deepest the markup may look before parsing. The estimate counts every open tag that is not
 * closed, so sloppy markup reads deeper than it parses; the margin keeps such pages to the exact check.
 */
export const MAX_MARKUP_DEPTH = 512;

/** Elements that never have content, so never nest anything. */
const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
  'basefont',
  'bgsound',
  'frame',
  'keygen',
  'image',
]);

/** Elements whose end tag may be left out: counting their opening tags would count siblings as nested. */
const OPTIONAL_END_ELEMENTS = new Set([
  'html',
  'head',
  'body',
  'p',
  'li',
  'dt',
  'dd',
  'rt',
  'rp',
  'optgroup',
  'option',
  'colgroup',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
]);

/** Elements whose content is text up to their end tag, not markup. */
const RAW_TEXT_ELEMENTS = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'plaintext',
]);

/** The end tag of each raw text element, searched for from a position (global, so without copying the rest). */
const RAW_TEXT_ENDS = new Map([...RAW_TEXT_ELEMENTS].map((name) => [name, new RegExp(`</${name}`, 'gi')]));

function isNameCharacter(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2d ||
    code === 0x3a
  );
}

/**
 * The nesting depth the tags of `html` suggest, counting open tags that are not void, not
 * self-closed and not of an element whose end tag is optional. Stops as soon as it passes `limit`,
 * returning a depth above it. One pass: every search moves forward.
 */
export function markupDepth(html: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let at = html.indexOf('<');
  while (at !== -1 && at < html.length - 1) {
    const next = html.charCodeAt(at + 1);
    let end: number;
    if (html.startsWith('<!--', at)) {
      const close = html.indexOf('-->', at + 4);
      end = close === -1 ? html.length : close + 3;
    } else if (next === 0x2f /* / */) {
      let nameEnd = at + 2;
      while (nameEnd < html.length && isNameCharacter(html.charCodeAt(nameEnd))) nameEnd += 1;
      const name = html.slice(at + 2, nameEnd).toLowerCase();
      if (name !== '' && !VOID_ELEMENTS.has(name) && !OPTIONAL_END_ELEMENTS.has(name))
        depth = Math.max(0, depth - 1);
      const close = html.indexOf('>', nameEnd);
      end = close === -1 ? html.length : close + 1;
    } else if (isNameCharacter(next) && next !== 0x2d && next !== 0x3a) {
      let nameEnd = at + 1;
      while (nameEnd < html.length && isNameCharacter(html.charCodeAt(nameEnd))) nameEnd += 1;
      const name = html.slice(at + 1, nameEnd).toLowerCase();
      const close = html.indexOf('>', nameEnd);
      end = close === -1 ? html.length : close + 1;
      const selfClosed = close !== -1 && html.charCodeAt(close - 1) === 0x2f;
      if (RAW_TEXT_ELEMENTS.has(name)) {
        const closing = RAW_TEXT_ENDS.get(name) as RegExp;
        closing.lastIndex = end;
        end = closing.exec(html)?.index ?? html.length;
      } else if (!selfClosed && !VOID_ELEMENTS.has(name) && !OPTIONAL_END_ELEMENTS.has(name)) {
        depth += 1;
        if (depth > deepest) {
          deepest = depth;
          if (deepest > limit) return deepest;
        }
      }
    } else {
      // "<!doctype …>", "<?xml …?>", or a "<" that starts no tag.
      end = at + 1;
    }
    at = html.indexOf('<', end);
  }
  return deepest;
}

/**
 * The depth of the deepest element under `root` (`root` itself is 1), walking the tree without
 * recursion; stops as soon as it passes `limit`, returning a depth above it.
 */
export function elementDepth(root: DomElement, limit: number): number {
  let deepest = 0;
  const pending: Array<[DomElement, number]> = [[root, 1]];
  for (let entry = pending.pop(); entry !== undefined; entry = pending.pop()) {
    const [element, depth] = entry;
    if (depth > deepest) {
      deepest = depth;
      if (deepest > limit) return deepest;
    }
    const children = element.children;
    for (let index = 0; index < children.length; index += 1) {
      const child = children[index];
      if (child !== undefined) pending.push([child, depth + 1]);
    }
  }
  return deepest;
}
