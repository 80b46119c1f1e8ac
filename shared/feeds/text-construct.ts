/**
 * Atom text constructs (title, subtitle, summary, content, rights): takes the raw element and gives
 * its HTML (for summaries and contents) or plain text (for titles), honouring `type` (text, html,
 * xhtml or a MIME type) and Atom 0.3's `mode` (escaped, xml, base64).
 */
import { collapseWhitespace, elementContent, htmlToPlainText, xhtmlContent } from './feed-markup.ts';
import { attribute, hasAttributes, textOf, type XmlNode } from './xml-node.ts';

type ConstructKind = 'text' | 'html' | 'xhtml';

function kindOf(element: XmlNode | undefined): ConstructKind {
  if (!hasAttributes(element)) return 'text';
  const type = (attribute(element, 'type') ?? 'text').trim().toLowerCase();
  const mode = attribute(element, 'mode')?.trim().toLowerCase();
  if (type === 'xhtml' || type === 'application/xhtml+xml' || (mode === 'xml' && type !== 'text'))
    return 'xhtml';
  if (type === 'html' || type === 'text/html' || mode === 'escaped') return 'html';
  return 'text';
}

/** Atom 0.3 says mode="base64"; Atom 1.0 base64-encodes any type that is neither text nor XML. */
function isBase64(element: XmlNode | undefined): boolean {
  if (!hasAttributes(element)) return false;
  if (attribute(element, 'mode')?.trim().toLowerCase() === 'base64') return true;
  const type = attribute(element, 'type')?.trim().toLowerCase();
  if (type === undefined || type === 'text' || type === 'html' || type === 'xhtml') return false;
  return type.includes('/') && !type.startsWith('text/') && !type.endsWith('xml');
}

function rawOf(element: XmlNode | undefined): string | null {
  if (element === undefined) return null;
  const raw = textOf(element);
  if (raw === null) return null;
  if (isBase64(element)) {
    return Buffer.from(raw.trim(), 'base64').toString('utf8');
  }
  return raw;
}

/** HTML (or text) of a summary/content construct, null when absent or empty. */
export function constructHtml(element: XmlNode | undefined): string | null {
  const raw = rawOf(element);
  if (raw === null) return null;
  const value = kindOf(element) === 'xhtml' ? xhtmlContent(raw) : elementContent(raw);
  return value === '' ? null : value;
}

/**
 * Plain text of a title-like construct, null when absent or empty. RSS has no `type`: its "text"
 * titles carrying markup are HTML in fact (`markupInText`); an Atom text title means its brackets.
 */
export function constructText(
  element: XmlNode | undefined,
  options: { markupInText: boolean },
): string | null {
  const raw = rawOf(element);
  if (raw === null) return null;
  const kind = kindOf(element);
  const value =
    kind === 'xhtml'
      ? htmlToPlainText(xhtmlContent(raw))
      : kind === 'html'
        ? htmlToPlainText(elementContent(raw))
        : options.markupInText
          ? textWithoutTags(elementContent(raw))
          : collapseWhitespace(elementContent(raw));
  return value === '' ? null : value;
}

const TAG_LIKE = /<\/?[A-Za-z][\w:-]*(?:\s[^<>]*)?\/?>/;

/** "Text" titles that carry markup (raw or in CDATA) are HTML in fact: read them as such. */
function textWithoutTags(text: string): string {
  return text.indexOf('<') !== -1 && TAG_LIKE.test(text) ? htmlToPlainText(text) : collapseWhitespace(text);
}
