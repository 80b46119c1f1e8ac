/**
 * Text out of feed elements. Takes the raw inside of an element kept unparsed (titles, descriptions,
 * contents: they may hold CDATA, escaped HTML, or raw HTML that is not well-formed XML) and gives
 * decoded HTML, or plain text for titles.
 */
import { decodeHTMLStrict } from 'entities';

const CDATA_OPEN = '<![CDATA[';
const CDATA_CLOSE = ']]>';

/**
 * The content of an element as its author meant it: CDATA unwrapped, entities decoded — unless raw
 * markup sits outside CDATA, in which case the markup is kept as it is (it is HTML already).
 */
export function elementContent(raw: string): string {
  if (raw.indexOf('<') === -1) return raw.indexOf('&') === -1 ? raw.trim() : decodeHTMLStrict(raw).trim();
  const parts: string[] = [];
  let hasMarkup = false;
  let at = 0;
  while (at < raw.length) {
    const open = raw.indexOf(CDATA_OPEN, at);
    const outside = open === -1 ? raw.slice(at) : raw.slice(at, open);
    if (outside.indexOf('<') !== -1) hasMarkup = true;
    parts.push(outside);
    if (open === -1) break;
    const close = raw.indexOf(CDATA_CLOSE, open + CDATA_OPEN.length);
    const end = close === -1 ? raw.length : close;
    parts.push(raw.slice(open + CDATA_OPEN.length, end));
    at = close === -1 ? raw.length : close + CDATA_CLOSE.length;
  }
  // Even indexes are outside CDATA, odd ones inside: only the former carry entities.
  const text = parts
    .map((part, index) =>
      index % 2 === 1 || hasMarkup || part.indexOf('&') === -1 ? part : decodeHTMLStrict(part),
    )
    .join('');
  return text.trim();
}

/** Markup of an XHTML text construct: the children of its wrapping `<div>`, left as markup. */
export function xhtmlContent(raw: string): string {
  const trimmed = raw.trim();
  const wrapper = /^<(?:[\w.-]+:)?div\b[^>]*>([\s\S]*)<\/(?:[\w.-]+:)?div>$/i.exec(trimmed);
  return (wrapper?.[1] ?? trimmed).trim();
}

/**
 * A tag, or a comment. A comment left open runs to the end of the text, as in HTML: matching it
 * only when closed rescanned the rest of the text from every `<!--`, quadratic in their number.
 */
const TAG = /<\/?[A-Za-z][^<>]*>|<!--[\s\S]*?(?:-->|$)/g;
const BLOCK_TAG = /^<\/?(?:br|p|div|li|h\d|tr|td|th|ul|ol|blockquote|hr)\b/i;

/** HTML to one line of plain text: tags dropped, entities decoded, whitespace collapsed. */
export function htmlToPlainText(html: string): string {
  const withoutTags =
    html.indexOf('<') === -1 ? html : html.replace(TAG, (tag) => (BLOCK_TAG.test(tag) ? ' ' : ''));
  return collapseWhitespace(withoutTags.indexOf('&') === -1 ? withoutTags : decodeHTMLStrict(withoutTags));
}

/** Runs of whitespace that are not already one space: a lone space is left as it is. */
const WHITESPACE_TO_COLLAPSE = /[ \t\n\r\f]{2,}|[\t\n\r\f]/g;

export function collapseWhitespace(text: string): string {
  const collapsed = text.replace(WHITESPACE_TO_COLLAPSE, ' ');
  const start = collapsed.charCodeAt(0) === 32 ? 1 : 0;
  const end =
    collapsed.length > start && collapsed.charCodeAt(collapsed.length - 1) === 32
      ? collapsed.length - 1
      : collapsed.length;
  return start === 0 && end === collapsed.length ? collapsed : collapsed.slice(start, end);
}
