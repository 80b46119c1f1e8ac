/**
 * Lists of links to other stories left inside the article container: "You may also like", "Don't
 * miss" and "Also see" blocks, where every line is a headline linking elsewhere on the site. They
 * are found by link density (the share of a line's text that is link text), the measure Readability
 * and trafilatura use for navigation. One linked line may be part of the story ("Read the full
 * report"), and runs of links to other sites are usually the story's substance (a deals page's
 * shops, a report's sources); a run of linked lines pointing into the page's own site is a list of
 * its other stories, and so is a single line packing several of them ("Related: A | B"). The short
 * heading that introduces such a list goes with it.
 */
import { siteOf } from './canonical-link.ts';
import type { ElementParagraph } from './element-paragraphs.ts';

// A line this much link text is a link; a run of this many such lines, or of links in one line, is a list.
const LINK_LINE_DENSITY = 0.8;
const MIN_LIST_LINES = 2;
// A heading over a list is a few words with no link of its own.
const MAX_HEADING_LENGTH = 40;

const WHITE_SPACE = /\s+/g;

function visibleLength(text: string): number {
  return text.replace(WHITE_SPACE, '').length;
}

function siteOfLink(href: string, pageUrl: string): string | null {
  try {
    return siteOf(new URL(href, pageUrl).hostname);
  } catch {
    return null;
  }
}

function isStoryLinkLine(paragraph: ElementParagraph, pageUrl: string, pageSite: string | null): boolean {
  const length = visibleLength(paragraph.text);
  if (length === 0 || paragraph.linkCharacters / length < LINK_LINE_DENSITY) return false;
  return paragraph.linkTargets.some((href) => siteOfLink(href, pageUrl) === pageSite);
}

function isListHeading(paragraph: ElementParagraph): boolean {
  return paragraph.linkTargets.length === 0 && paragraph.text.trim().length <= MAX_HEADING_LENGTH;
}

/** The paragraphs without runs of lines linking to the page's own site, and their headings. */
export function dropLinkLists(paragraphs: readonly ElementParagraph[], pageUrl: string): ElementParagraph[] {
  const pageSite = siteOfLink(pageUrl, pageUrl);
  const dropped = new Set<number>();
  let start = 0;
  while (start < paragraphs.length) {
    let end = start;
    while (
      end < paragraphs.length &&
      isStoryLinkLine(paragraphs[end] as ElementParagraph, pageUrl, pageSite)
    ) {
      end += 1;
    }
    const packed = end - start === 1 && (paragraphs[start]?.linkTargets.length ?? 0) >= MIN_LIST_LINES;
    if (end - start >= MIN_LIST_LINES || packed) {
      for (let index = start; index < end; index += 1) dropped.add(index);
      const heading = paragraphs[start - 1];
      if (heading !== undefined && isListHeading(heading)) dropped.add(start - 1);
    }
    start = Math.max(end, start + 1);
  }
  return paragraphs.filter((_, index) => !dropped.has(index));
}
