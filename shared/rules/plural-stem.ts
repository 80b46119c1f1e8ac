/**
 * A light English stemmer for plurals only: `dialogues` → `dialogue`, `policies` → `policy`,
 * `talks` → `talk`, `taxes` → `tax`. It never touches singular endings that look plural (`crisis`,
 * `class`, `virus`) or short words, so it cannot merge unrelated words the way a full stemmer does.
 */

// Words ending in "s" that are not plurals of a shorter word, or whose stripped form would collide.
const INVARIANT = new Set([
  'news',
  'this',
  'thus',
  'does',
  'always',
  'perhaps',
  'whereas',
  'series',
  'species',
  'means',
  'less',
  'unless',
  'across',
  'besides',
  'nevertheless',
  'yes',
]);

/** The singular form of an already folded (lower-case, diacritic-free) word. */
export function stemPlural(word: string): string {
  if (word.length <= 3 || word.charCodeAt(word.length - 1) !== 0x73 /* s */) return word;
  if (INVARIANT.has(word)) return word;
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  if (word.endsWith('ies')) return word.length > 4 ? `${word.slice(0, -3)}y` : word.slice(0, -1);
  if (word.endsWith('sses') || word.endsWith('xes') || word.endsWith('ches') || word.endsWith('shes')) {
    return word.slice(0, -2);
  }
  return word.slice(0, -1);
}
