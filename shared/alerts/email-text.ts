/**
 * The one rule for untrusted text (feed titles, snippets, sources, rule names) in alert and digest
 * emails. In a subject or any other header, a control character or line break could start a header of
 * its own (`\r\nBcc: …`) and SNS refuses them; in a body, controls and escape sequences reach whatever
 * shows the mail. Bidi controls (U+202E RIGHT-TO-LEFT OVERRIDE and its kin) make a subject or a link
 * read as something it is not, so they go from both.
 *
 * Right-to-left titles, snippets and names still have to read correctly, so wirewatch adds direction
 * marks of its own, after the source's are gone (bidiIsolate, bidiLine): a value set inside a line of
 * ours is isolated (FSI … PDI), so it neither reorders the English around it nor is reordered by it;
 * a line that is all one value opens with RLM when its letters are mostly right-to-left, so it reads
 * right to left even when it starts with a Latin name or a number. Text without right-to-left letters
 * gets no mark at all.
 */
import { BIDI_CONTROL_CLASS } from '../text/bidi-controls.ts';

/** Bidi controls from the source: always dropped. */
const BIDI_CONTROLS = new RegExp(`[${BIDI_CONTROL_CLASS}]`, 'g');
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_OR_LINE_BREAK = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_BUT_LINE_FEED = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

/** A subject or header value: one line, no control character, no bidi control, spaces collapsed. */
export function toHeaderSafe(value: string): string {
  return value.replace(BIDI_CONTROLS, '').replace(CONTROL_OR_LINE_BREAK, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * A body: line breaks become plain line feeds (CRLF, CR, U+2028 and U+2029 alike), a tab a space, and
 * every other control and every bidi control is dropped.
 */
export function toBodySafe(value: string): string {
  return value
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/\t/g, ' ')
    .replace(CONTROL_BUT_LINE_FEED, '')
    .replace(BIDI_CONTROLS, '');
}

// Letters of the right-to-left scripts: Hebrew, Arabic (Urdu, Persian…), Syriac, Thaana, N'Ko and others.
const RIGHT_TO_LEFT_LETTER =
  /(?=\p{L})[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}]/gu;
const LETTER = /\p{L}/gu;
const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';
const RIGHT_TO_LEFT_MARK = '\u200f';
const LEFT_TO_RIGHT_MARK = '\u200e';

/**
 * A header-safe value (see toHeaderSafe) set inside a line of ours: isolated, its direction taken from
 * its first strong letter, when it holds right-to-left letters; otherwise as it is.
 */
export function bidiIsolate(safeValue: string): string {
  RIGHT_TO_LEFT_LETTER.lastIndex = 0;
  return RIGHT_TO_LEFT_LETTER.test(safeValue)
    ? `${FIRST_STRONG_ISOLATE}${safeValue}${POP_DIRECTIONAL_ISOLATE}`
    : safeValue;
}

/**
 * A header-safe value that makes a line by itself, after `indent`, laid out in the direction most of
 * its letters have: opened with a right-to-left mark when they are mostly right-to-left, with a
 * left-to-right mark when some are but fewer (an English title that opens with an Arabic name).
 */
export function bidiLine(safeValue: string, indent = ''): string {
  const rightToLeft = safeValue.match(RIGHT_TO_LEFT_LETTER)?.length ?? 0;
  if (rightToLeft === 0) return `${indent}${safeValue}`;
  const letters = safeValue.match(LETTER)?.length ?? 0;
  const mark = 2 * rightToLeft > letters ? RIGHT_TO_LEFT_MARK : LEFT_TO_RIGHT_MARK;
  return `${indent}${mark}${safeValue}`;
}

const OWN_DIRECTION_MARKS = /[\u200e\u200f\u2068\u2069]/g;

/**
 * An email body or subject without the direction marks bidiIsolate and bidiLine add, for a terminal:
 * terminals lay text out in their own way (most not at all) and would show the marks as escapes.
 */
export function withoutOwnDirectionMarks(composed: string): string {
  return composed.replace(OWN_DIRECTION_MARKS, '');
}
