/**
 * The one rule for untrusted text (feed titles, snippets, sources, rule names) in alert and digest
 * emails. In a subject or any other header, a control character or line break could start a header of
 * its own (`\r\nBcc: …`) and SNS refuses them; in a body, controls and escape sequences reach whatever
 * shows the mail. Bidi controls (U+202E RIGHT-TO-LEFT OVERRIDE and its kin) make a subject or a link
 * read as something it is not, so they go from both.
 */

/** Bidi embedding, override and isolate controls and the invisible direction marks: always dropped. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
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
