/**
 * Bidi embedding, override and isolate controls and the invisible direction marks (ALM, LRM, RLM).
 * Untrusted text uses them to make a title or a link read as something it is not (U+202E reverses
 * what follows), so every output drops or shows them, and matching ignores them: one list for all.
 */

/** The controls as the body of a RegExp character class: `new RegExp(`[${BIDI_CONTROL_CLASS}]`)`. */
export const BIDI_CONTROL_CLASS = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';

export function isBidiControl(code: number): boolean {
  return (
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}
