/**
 * Headings at the edges of the article text. One before any paragraph is the page's headline or a
 * kicker over it, which the title field carries; one after the last paragraph heads nothing that
 * is left ("Tell us what you think", over a comment box that was removed). Headings between
 * paragraphs are the story's own section titles and stay.
 */
import type { ElementParagraph } from './element-paragraphs.ts';

export function dropEdgeHeadings(paragraphs: readonly ElementParagraph[]): readonly ElementParagraph[] {
  let start = 0;
  let end = paragraphs.length;
  while (start < end && paragraphs[start]?.heading === true) start += 1;
  while (end > start && paragraphs[end - 1]?.heading === true) end -= 1;
  // Text that is nothing but headings is still the page's text.
  return start === end ? paragraphs : paragraphs.slice(start, end);
}
