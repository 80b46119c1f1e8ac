/**
 * Checks on the words around a gazetteer match that decide whether it names a country: part of a
 * person's name ("Michael Jordan"), the pronoun in an all-caps line ("LET US"), a compound-only prefix
 * ("Sino-" in "Sino-Indian"), a state abbreviation after a comma ("Greenwich, Conn.").
 */
import type { PersonNameContext } from './gazetteer.ts';

const LINE_WINDOW = 40;

/** Whether the line around text[start, end) has capitals and no lower-case letters (headline, dateline). */
export function isAllCapsContext(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  const from = Math.max(lineStart, start - LINE_WINDOW);
  const to = Math.min(lineEnd === -1 ? text.length : lineEnd, end + LINE_WINDOW);
  const around = text.slice(from, start) + text.slice(end, to);
  return !/[a-z]/.test(around) && (around.match(/[A-Z]/g)?.length ?? 0) >= 3;
}

const WORD_BEFORE = /([A-Za-z][\w.'’-]*)[ \t]+$/;
const WORD_AFTER = /^[ \t]+([A-Za-z][\w'’-]*\.?)/;

/** The word right before `start`, separated by spaces only (no punctuation between). */
export function wordBefore(text: string, start: number): string | undefined {
  return WORD_BEFORE.exec(text.slice(Math.max(0, start - 30), start))?.[1];
}

/** The word right after `end`, separated by spaces only. */
export function wordAfter(text: string, end: number): string | undefined {
  return WORD_AFTER.exec(text.slice(end, end + 30))?.[1];
}

function isCapitalised(word: string): boolean {
  const first = word.charAt(0);
  return first >= 'A' && first <= 'Z';
}

/**
 * Whether the match reads as part of a person's name: after a title ("Mr Washington"), or joined to a
 * capitalised word that is neither a function word nor a place word ("Michael Jordan", "Chad Smith",
 * but not "Lake Chad" or "Jordan Valley").
 */
export function isPersonNameContext(
  text: string,
  start: number,
  end: number,
  context: PersonNameContext,
): boolean {
  const before = wordBefore(text, start);
  if (before !== undefined && context.titles.has(before)) return true;
  if (isAllCapsContext(text, start, end)) return false;
  if (before !== undefined && isCapitalised(before) && !context.wordsBefore.has(before)) return true;
  const after = wordAfter(text, end);
  return after !== undefined && isCapitalised(after) && !context.wordsAfter.has(after.replace(/\.$/, ''));
}

const PRONOUN_NEIGHBOURS_BEFORE = new Set([
  'LET',
  'TOLD',
  'TELL',
  'TELLS',
  'GIVE',
  'GIVES',
  'HELP',
  'HELPS',
  'JOIN',
  'ASK',
  'ASKS',
  'SHOW',
  'SEND',
  'CALL',
  'MAKE',
  'MAKES',
  'LEAVE',
  'WITH',
  'AMONG',
  'ABOUT',
  'BEHIND',
  'OF',
  'BEFORE',
  'AFTER',
  'WE',
  'THEY',
]);
const PRONOUN_NEIGHBOURS_AFTER = new Set(['ALL', 'BOTH', 'OUT', 'DOWN', 'UP', 'IN']);

/** Whether an upper-case "US" in an all-caps line is the pronoun ("LET US", "TOLD US", "US ALL"). */
export function isCapsPronoun(text: string, start: number, end: number): boolean {
  if (!isAllCapsContext(text, start, end)) return false;
  const before = wordBefore(text, start);
  const after = wordAfter(text, end);
  return (
    (before !== undefined && PRONOUN_NEIGHBOURS_BEFORE.has(before)) ||
    (after !== undefined && PRONOUN_NEIGHBOURS_AFTER.has(after))
  );
}

const DASHES = '-‐‑–—';

/** Whether the match is joined to another word by a hyphen or dash ("Sino-Indian", "Indo-Pak"). */
export function isHyphenated(text: string, start: number, end: number): boolean {
  return DASHES.includes(text.charAt(end) || ' ') || (start > 0 && DASHES.includes(text.charAt(start - 1)));
}

/** Whether a comma precedes the match ("Greenwich, Conn."), as a state abbreviation needs. */
export function followsComma(text: string, start: number): boolean {
  let index = start - 1;
  while (index >= 0 && (text.charAt(index) === ' ' || text.charAt(index) === '\t')) index -= 1;
  return text.charAt(index) === ',';
}
