/**
 * Untrusted text (feed titles, page text, URLs, error messages quoting them) made safe to print on a
 * terminal. Escape sequences (ESC [2J clears the screen, an OSC sequence retitles the window or writes
 * the clipboard), BEL, backspace and carriage return can repaint or hide what an analyst reads; C1
 * controls do the same on terminals that honour them (U+009B is a one-character CSI); bidi controls
 * reorder what follows, so a title or a URL reads as something else. Each such character is shown as a
 * visible escape (`\x1b`, `\u202e`) instead: nothing is hidden from the reader and nothing is lost.
 */
import { BIDI_CONTROL_CLASS } from './bidi-controls.ts';

/** Every C0 control but tab and line feed, DEL, every C1 control, and the bidi controls. */
const UNSAFE_IN_TEXT = new RegExp(
  `[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f${BIDI_CONTROL_CLASS}]`,
  'g',
);
/** As above, with tab and line feed too: a table cell or a one-line field must stay on its line. */
const UNSAFE_IN_LINE = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${BIDI_CONTROL_CLASS}]`, 'g');
/**
 * What JSON.stringify leaves raw but a terminal acts on: C1 and bidi controls. (It already escapes
 * C0.) U+2028 and U+2029 go too, so the JSON can be pasted into any JavaScript source.
 */
const UNSAFE_IN_JSON = new RegExp(`[\\u007f-\\u009f${BIDI_CONTROL_CLASS}\\u2028\\u2029]`, 'g');

const hex = (character: string, digits: number) =>
  (character.codePointAt(0) ?? 0).toString(16).padStart(digits, '0');

const visibleEscape = (character: string) =>
  character <= '\u00ff' ? `\\x${hex(character, 2)}` : `\\u${hex(character, 4)}`;

/** Text for a terminal, line breaks and tabs kept: every other control shown as an escape. */
export function terminalText(value: string): string {
  return value.replace(UNSAFE_IN_TEXT, visibleEscape);
}

/** One line for a terminal (a table cell, a name): line breaks and tabs shown as escapes too. */
export function terminalLine(value: string): string {
  return value.replace(UNSAFE_IN_LINE, visibleEscape);
}

/**
 * JSON text (as JSON.stringify writes it) safe for a terminal and still the same JSON: the characters
 * can only occur inside strings, where a `\uXXXX` escape stands for the same character.
 */
export function terminalJson(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (character) => `\\u${hex(character, 4)}`);
}
