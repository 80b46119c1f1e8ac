/**
 * Character classes for matching: every UTF-16 code unit is folded to a small alphabet (letters
 * without case or accents, digits, a "gap" for whitespace and dashes, and the few punctuation marks
 * that occur inside names). The matcher walks this alphabet, so "Côte d’Ivoire", "COTE D'IVOIRE" and
 * "Cote d'Ivoire" are one pattern, and "Guinea-Bissau" equals "Guinea Bissau".
 */
import { INVISIBLE_CHARACTERS } from '../text/invisible-characters.ts';

/** A code unit that can occur in no pattern: it resets the matcher. */
export const OTHER = 0;
const FIRST_LETTER = 1;
const FIRST_DIGIT = 27;
/** Whitespace, hyphens and dashes; runs of them are fed to the matcher as one. */
export const GAP = 37;
const PERIOD = 38;
const APOSTROPHE = 39;
const AMPERSAND = 40;
const COMMA = 41;
export const CLASS_COUNT = 42;
/** Invisible characters (zero-width space, soft hyphen, …): outside the alphabet, skipped wherever met. */
export const IGNORED = 255;

function buildClassTable(): Uint8Array {
  const table = new Uint8Array(65536);
  for (let code = 0; code < 26; code += 1) {
    table[0x41 + code] = FIRST_LETTER + code;
    table[0x61 + code] = FIRST_LETTER + code;
  }
  for (let digit = 0; digit < 10; digit += 1) table[0x30 + digit] = FIRST_DIGIT + digit;
  for (const unit of [
    0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x2d, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212,
  ]) {
    table[unit] = GAP;
  }
  for (const unit of [
    0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
  ]) {
    table[unit] = GAP;
  }
  for (const character of INVISIBLE_CHARACTERS) table[character.charCodeAt(0)] = IGNORED;
  table[0x2e] = PERIOD;
  table[0x27] = APOSTROPHE;
  table[0x2018] = APOSTROPHE;
  table[0x2019] = APOSTROPHE;
  table[0x26] = AMPERSAND;
  table[0x2c] = COMMA;
  // Latin-1 and Latin Extended-A letters fold to their base letter (é → e, Ø → o).
  for (let unit = 0xc0; unit <= 0x24f; unit += 1) {
    const base = String.fromCharCode(unit).normalize('NFD').charCodeAt(0);
    if (
      base < 0x80 &&
      table[base] !== undefined &&
      table[base] >= FIRST_LETTER &&
      table[base] < FIRST_DIGIT
    ) {
      table[unit] = table[base] ?? OTHER;
    }
  }
  for (const [unit, base] of [
    [0xd8, 0x6f],
    [0xf8, 0x6f],
    [0x141, 0x6c],
    [0x142, 0x6c],
    [0x110, 0x64],
    [0x111, 0x64],
    [0x131, 0x69],
  ] as const) {
    table[unit] = table[base] ?? OTHER;
  }
  return table;
}

/** Class of every UTF-16 code unit. */
export const CHARACTER_CLASS: Uint8Array = buildClassTable();

/** Whether a code unit is a letter or digit, i.e. cannot sit at a word boundary. */
function isWordUnit(unit: number): boolean {
  const characterClass = CHARACTER_CLASS[unit] ?? OTHER;
  return characterClass >= FIRST_LETTER && characterClass < GAP;
}

/** Whether the last visible code unit before `at` is a letter or digit: `at` is inside a word. */
export function wordUnitBefore(text: string, at: number): boolean {
  let index = at - 1;
  while (index >= 0 && CHARACTER_CLASS[text.charCodeAt(index)] === IGNORED) index -= 1;
  return index >= 0 && isWordUnit(text.charCodeAt(index));
}

/** Whether the first visible code unit from `at` on is a letter or digit: a word goes on there. */
export function wordUnitFrom(text: string, at: number): boolean {
  let index = at;
  while (index < text.length && CHARACTER_CLASS[text.charCodeAt(index)] === IGNORED) index += 1;
  return index < text.length && isWordUnit(text.charCodeAt(index));
}

/**
 * The class sequence the matcher sees for `pattern` (gap runs collapsed, leading and trailing gaps
 * dropped), or null when the pattern holds a character no text can match.
 */
export function foldPattern(pattern: string): number[] | null {
  const classes: number[] = [];
  for (let index = 0; index < pattern.length; index += 1) {
    const characterClass = CHARACTER_CLASS[pattern.charCodeAt(index)] ?? OTHER;
    if (characterClass === OTHER) return null;
    if (characterClass === IGNORED) continue;
    if (characterClass === GAP && (classes.length === 0 || classes[classes.length - 1] === GAP)) continue;
    classes.push(characterClass);
  }
  while (classes[classes.length - 1] === GAP) classes.pop();
  return classes.length === 0 ? null : classes;
}

function isUpperCase(character: string): boolean {
  return character !== character.toLowerCase();
}

/**
 * Whether the text between `start` and `end` has a capital wherever `pattern` has one, so that
 * "US" does not match "us", nor "China" match "china". Both sides are walked in the folded alphabet.
 */
export function hasPatternCapitals(text: string, start: number, end: number, pattern: string): boolean {
  let textIndex = start;
  let previousWasGap = false;
  for (let patternIndex = 0; patternIndex < pattern.length; patternIndex += 1) {
    const patternCharacter = pattern.charAt(patternIndex);
    const patternClass = CHARACTER_CLASS[pattern.charCodeAt(patternIndex)] ?? OTHER;
    if (patternClass === IGNORED) continue;
    while (textIndex < end && CHARACTER_CLASS[text.charCodeAt(textIndex)] === IGNORED) textIndex += 1;
    if (patternClass === GAP) {
      if (previousWasGap) continue;
      previousWasGap = true;
      while (textIndex < end && (CHARACTER_CLASS[text.charCodeAt(textIndex)] ?? OTHER) === GAP)
        textIndex += 1;
      continue;
    }
    previousWasGap = false;
    if (textIndex >= end) return false;
    if (isUpperCase(patternCharacter) && !isUpperCase(text.charAt(textIndex))) return false;
    textIndex += 1;
  }
  return true;
}

/** Whether `pattern` has any capital letter, i.e. needs `hasPatternCapitals` checked at all. */
export function hasCapitals(pattern: string): boolean {
  return pattern !== pattern.toLowerCase();
}
