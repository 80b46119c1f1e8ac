/**
 * Boilerplate lines that survive element cleanup, judged on their text alone: ad labels, "read
 * more" / "related" teasers, share and subscription prompts, cookie and copyright notices, photo
 * credits, date stamps. Each rule matches a whole short line or the opening words of one, so that running prose
 * that merely mentions these words is kept.
 */
import { isDateStampLine } from './date-stamp-line.ts';
import { normalizeLine } from './normalize-text.ts';

/** Lines that are nothing but a label. */
const LABEL_LINE =
  /^(advertisement|advertising|advert|ad|sponsored( content)?|skip to (main )?content|loading( content)?\s*(\.\.\.|…)?|comments?|share( this( article| story)?)?|tags?|caption|close|don'?t miss|you may also like( \.\.\.|…)?:?|more stories|related( articles| stories| posts)?:?|read more|see more|latest|popular|subscribe)$/i;

/** Openings of teaser, prompt and notice lines. */
const BOILERPLATE_OPENING =
  /^(read more|see more|see also|also read|related( post| article| story)?|more from|click here|sign up (for|to)|subscribe (to|for|now)|follow (us|@)|this website uses cookies|we use cookies|copyright\b|©|all rights reserved|(photo|image|picture)s? (credit|copyright)|(photo|image|picture|credit)s?:)\s*/i;

// Teaser and prompt lines are short; a long paragraph that opens with these words is prose.
const MAX_BOILERPLATE_LENGTH = 200;

export function isBoilerplateLine(line: string): boolean {
  if (line.length > MAX_BOILERPLATE_LENGTH) return false;
  return LABEL_LINE.test(line) || BOILERPLATE_OPENING.test(line) || isDateStampLine(line);
}

/** Normalised paragraphs with boilerplate lines removed. */
export function trimBoilerplateParagraphs(paragraphs: readonly string[]): string[] {
  return paragraphs
    .map(normalizeLine)
    .filter((paragraph) => paragraph !== '' && !isBoilerplateLine(paragraph));
}
