/**
 * What names a rule: its id, which subscriptions filter on and alerts are keyed by, so one set of rules
 * holds each id once; and its name, which goes into email subjects and terminal lines, so it is one
 * line of text without control characters (a CR or LF there could start a new mail header).
 */

export const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

// C0 and C1 controls, DEL included: CR, LF, TAB, ESC, NUL, NEL among them.
const CONTROL_CHARACTER = /\p{Cc}/u;
// Line and paragraph separators end a line for many readers as well.
const LINE_SEPARATOR = /[\u2028\u2029]/u;

/** Why `name` cannot be a rule's name, or null when it can. */
export function ruleNameProblem(name: string): string | null {
  if (name.trim() === '') return 'a rule name cannot be empty';
  if (CONTROL_CHARACTER.test(name) || LINE_SEPARATOR.test(name))
    return 'a rule name is one line of text: no line breaks, tabs or other control characters';
  return null;
}

/** The ids given to more than one rule, each once, in the order they first repeat. */
export function duplicateRuleIds(rules: readonly { id: string }[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const { id } of rules) {
    if (seen.has(id)) repeated.add(id);
    seen.add(id);
  }
  return [...repeated];
}
