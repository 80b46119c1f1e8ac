/**
 * A light English stemmer for plurals only: a word and its regular plural get one key
 * (`dialogues` → `dialogue`, `policies` → `policy`, `talks` → `talk`, `taxes` → `tax`). It never
 * touches singular endings that look plural (`crisis`, `class`, `virus`) or short words, so it
 * cannot merge unrelated words the way a full stemmer does.
 *
 * Where a plural ending is ambiguous, the singular is keyed the way the plural is, so both meet
 * without a dictionary: `-ies` is the plural of `-y` (policy) and of `-ie` (movie), so `-ie` keys as
 * `-y` (`movie`, `movies` → `movy`); `-oes` of `-o` (embargo) and of `-oe` (shoe): `-oe` keys as
 * `-o`; `-uses` of `-us` (surplus) and of `-use` (cause): `-use` keys as `-us`. The price is that
 * the rare pairs written both ways meet too (`Julie` and `July`).
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

// Nouns whose singular is their plural: they keep their "s" also at the end of a compound, so that
// "good news" (`goodnews`) does not meet "good new" (`goodnew`), nor "the news" "the new".
const INVARIANT_NOUNS = ['news', 'series', 'species', 'means'];
// The shortest part that may come before one of them in a compound (MIN_SPACE_JOIN_LENGTH).
const MIN_COMPOUND_HEAD = 3;

function endsWithInvariantNoun(word: string): boolean {
  for (const noun of INVARIANT_NOUNS) {
    if (word.length - noun.length >= MIN_COMPOUND_HEAD && word.endsWith(noun)) return true;
  }
  return false;
}

/** The key of a singular ending in `-ie`, `-oe` or `-use`: what its plural's ending is stripped to. */
function singularKey(word: string): string {
  if (word.endsWith('ie')) return `${word.slice(0, -2)}y`;
  if (word.endsWith('oe') || word.endsWith('use')) return word.slice(0, -1);
  return word;
}

/**
 * The key of an already folded (lower-case, diacritic-free) word: the same for the word and for
 * its regular plural. Words of three letters or fewer are their own key.
 */
export function pluralFreeKey(word: string): string {
  if (word.length <= 3) return word;
  const last = word.charCodeAt(word.length - 1);
  if (last === 0x65 /* e */) return singularKey(word);
  if (last !== 0x73 /* s */) return word;
  if (INVARIANT.has(word) || endsWithInvariantNoun(word)) return word;
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  // Four letters: "ties", "toes", "uses" are the plurals of three-letter words, kept whole.
  if (word.length === 4) return word.slice(0, -1);
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (
    word.endsWith('oes') ||
    word.endsWith('uses') ||
    word.endsWith('sses') ||
    word.endsWith('xes') ||
    word.endsWith('ches') ||
    word.endsWith('shes')
  ) {
    return word.slice(0, -2);
  }
  return word.slice(0, -1);
}
