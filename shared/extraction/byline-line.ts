/**
 * Byline lines left in the text: "By", "By Jane Doe", "Reuters" set on lines of their own above the
 * story, when the page's metadata names the same authors. The byline is a field of the article,
 * not a paragraph of it.
 */

const BY = /^by\b\s*/i;
const AUTHOR_SEPARATOR = /\s*(?:,|&|\band\b)\s*/i;
const PUNCTUATION = /[\s.,:;|·•–—-]+/g;
// A byline line is a few names; a longer line is prose that happens to mention an author.
const MAX_BYLINE_LENGTH = 80;

function comparable(text: string): string {
  return text.replace(PUNCTUATION, ' ').trim().toLowerCase();
}

function authorsOf(text: string): string[] {
  return text
    .split(AUTHOR_SEPARATOR)
    .map(comparable)
    .filter((author) => author !== '');
}

/** Whether `line` is nothing but "By", or the page's byline or some of its authors, with or without "By". */
export function isBylineLine(line: string, byline: string | null): boolean {
  if (line.length > MAX_BYLINE_LENGTH) return false;
  const named = line.replace(BY, '');
  const lineAuthors = authorsOf(named);
  if (lineAuthors.length === 0) return BY.test(line);
  if (byline === null) return false;
  const known = new Set([comparable(byline), ...authorsOf(byline)]);
  return known.has(comparable(named)) || lineAuthors.every((author) => known.has(author));
}
