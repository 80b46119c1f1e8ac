/**
 * A cheap check that a body is an HTML document before it is parsed: feeds sometimes link PDFs,
 * images, JSON APIs or plain text, and those must fail as "not HTML" rather than as "no article".
 */

const HTML_MARKUP = /<(!doctype\s+html|html|head|body|meta|title|div|p|article|main|section|span|a)[\s>/]/i;
// How far into the body to look: markup starts within the first few kilobytes of any real page.
const SNIFF_LENGTH = 8192;

export function looksLikeHtml(body: string): boolean {
  const head = body.slice(0, SNIFF_LENGTH);
  const start = head.trimStart();
  if (start.startsWith('{') || start.startsWith('[') || start.startsWith('%PDF')) return false;
  return !hasControlCharacters(head) && HTML_MARKUP.test(head);
}

/** NUL and the other C0 controls that text never holds (tab, line feed, form feed, CR and ESC aside). */
function hasControlCharacters(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code <= 0x08 || (code >= 0x0e && code <= 0x1a)) return true;
  }
  return false;
}
