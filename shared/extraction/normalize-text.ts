/**
 * Text normalisation for extracted article text: Unicode NFC, soft hyphens and zero-width
 * characters removed (they split words for the tokenizers downstream), every run of white space
 * (non-breaking spaces included) collapsed to one space.
 *
 * Zero-width non-joiners and joiners are spelling in Arabic-script and Indic text, not noise: Persian
 * writes هیئت‌های and می‌شود with a non-joiner, Hindi and Malayalam shape conjuncts with both. There
 * they stay (the rule matcher and the classifier fold them out when comparing words); elsewhere they go.
 */

// Soft hyphen, zero-width space, word joiner, BOM; and the non-joiner and joiner, except after a letter
// of a script that writes them (Arabic U+0600–U+08FF and its presentation forms, Indic U+0900–U+0DFF).
const INVISIBLE =
  /[\u00AD\u200B\u2060\uFEFF]|(?<![\u0600-\u08FF\u0900-\u0DFF\uFB50-\uFDFF\uFE70-\uFEFC])[\u200C\u200D]/g;
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
