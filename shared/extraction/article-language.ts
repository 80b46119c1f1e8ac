/**
 * The article's language as ISO 639-1: the page's declared language, checked against detection on
 * the extracted text (tinyld's light profile: 24 languages, a tenth of the full profile's size and
 * cold start). Templates often declare one language for every edition of a site, so when the text
 * clearly reads as another language the text wins; when detection is unsure or short of text, or the
 * declared language is one it does not know (Indonesian, Danish, Urdu…), the declaration stands.
 */
import { detectAll, supportedLanguages, toISO2 } from 'tinyld/light';

/** What detection can tell apart; it cannot overrule a declaration of any other language. */
const DETECTABLE = new Set(supportedLanguages.map(toISO2));

// Below this many characters tinyld guesses too often to overrule a declaration.
const MIN_DETECTION_LENGTH = 120;
// Detection is a statistical profile; a prefix of the article is as telling as all of it.
const DETECTION_SAMPLE = 2000;
// A declared language this close to the best guess is a near tie (no/da, id/ms, hr/sr): keep it.
const TIE_RATIO = 0.5;

/** Primary subtag of a BCP 47 tag or locale ("en-US", "en_GB" → "en"), when it is two letters. */
export function primaryLanguage(tag: string | null): string | null {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return /^[a-z]{2}$/.test(primary) ? primary : null;
}

export function articleLanguage(declaredTag: string | null, text: string): string | null {
  const declared = primaryLanguage(declaredTag);
  if (text.length < MIN_DETECTION_LENGTH) return declared;
  if (declared !== null && !DETECTABLE.has(declared)) return declared;
  // tinyld also answers ISO 639-3 codes for languages without a two-letter one; those cannot be stored.
  const guesses = detectAll(text.slice(0, DETECTION_SAMPLE)).filter((guess) => guess.lang.length === 2);
  const best = guesses[0];
  if (best === undefined) return declared;
  if (declared === null || declared === best.lang) return best.lang;
  const declaredGuess = guesses.find((guess) => guess.lang === declared);
  return declaredGuess !== undefined && declaredGuess.accuracy >= best.accuracy * TIE_RATIO
    ? declared
    : best.lang;
}
