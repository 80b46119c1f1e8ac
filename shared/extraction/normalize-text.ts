/**
 * Text normalisation for extracted article text: Unicode NFC, soft hyphens and zero-width
 * characters removed (they split words for the tokenizers downstream), every run of white space
 * (non-breaking spaces included) collapsed to one space.
 */

// Soft hyphen, zero-width space / non-joiner / joiner, word joiner, BOM.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
const WHITE_SPACE = /\s+/g;

/** One line of text: invisible characters dropped, white space collapsed, trimmed, NFC. */
export function normalizeLine(text: string): string {
  return text.replace(INVISIBLE, '').replace(WHITE_SPACE, ' ').trim().normalize('NFC');
}

/** Paragraphs normalised one by one, empty ones dropped, joined by a blank line. */
export function joinParagraphs(paragraphs: readonly string[]): string {
  return paragraphs
    .map(normalizeLine)
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}
