/**
 * The article's language as ISO 639-1: the page's declared language, checked against detection on
 * the extracted text (tinyld's light profile: 24 languages, a tenth of the full profile's size and
 * cold start). Templates often declare one language for every edition of a site, so when the text
 * clearly reads as another language the text wins; when detection is unsure or short of text, or the
 * declared language is one it does not know (Indonesian, Danish…), the declaration stands.
 *
 * The light profile reads every Arabic-script text as Arabic. Urdu, Persian and Arabic are told apart
 * by the letters each alphabet has and the others lack (see arabicScriptLanguage), which also
 * corrects a site template that declares one of the three for all its editions.
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
  const language = detectedLanguage(primaryLanguage(declaredTag), text);
  if (language === null || !ARABIC_SCRIPT_LANGUAGES.has(language)) return language;
  return arabicScriptLanguage(text.slice(0, DETECTION_SAMPLE)) ?? language;
}

function detectedLanguage(declared: string | null, text: string): string | null {
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

/** The languages written in the Arabic alphabet that arabicScriptLanguage tells apart. */
const ARABIC_SCRIPT_LANGUAGES = new Set(['ar', 'fa', 'ur']);

// Letters of Urdu's alphabet that Persian and Arabic lack: ٹ ڈ ڑ ں ھ ہ ۓ ے, and the Urdu full stop ۔.
const URDU_ONLY = /[\u0679\u0688\u0691\u06BA\u06BE\u06C1\u06D2\u06D3\u06D4]/g;
// Letters Persian (and Urdu) write and Arabic does not, outside foreign names: پ چ ژ گ.
const PERSIAN_ONLY = /[\u067E\u0686\u0698\u06AF]/g;
// Ta marbuta (ة): in most Arabic sentences, and Persian writes ت or ه instead.
const ARABIC_ONLY = /\u0629/g;
// The Persian and the Arabic forms of kaf and yeh (ک ی against ك ي ى): a tie-breaker only, since
// older Persian sites type the Arabic forms.
const PERSIAN_FORMS = /[\u06A9\u06CC]/g;
const ARABIC_FORMS = /[\u0643\u064A\u0649]/g;
const ARABIC_SCRIPT_LETTER = /[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF]/g;
// Urdu writes ے and ہ in most sentences (ہے، کے، سے): one letter in a hundred is Urdu.
const MIN_URDU_SHARE = 0.01;
// Below this many Arabic-script letters the text says too little to overrule anything.
const MIN_ARABIC_SCRIPT_LETTERS = 60;

/**
 * Urdu, Persian or Arabic by their letters, or null when the text holds too few Arabic-script letters.
 * Persian and Arabic are told apart by the letters only one of them writes (پ چ ژ گ against ة), and
 * when those are even, by the forms of kaf and yeh.
 */
export function arabicScriptLanguage(text: string): 'ar' | 'fa' | 'ur' | null {
  const letters = count(text, ARABIC_SCRIPT_LETTER);
  if (letters < MIN_ARABIC_SCRIPT_LETTERS) return null;
  if (count(text, URDU_ONLY) >= letters * MIN_URDU_SHARE) return 'ur';
  const persian = count(text, PERSIAN_ONLY);
  const arabic = count(text, ARABIC_ONLY);
  if (persian !== arabic) return persian > arabic ? 'fa' : 'ar';
  return count(text, PERSIAN_FORMS) > count(text, ARABIC_FORMS) ? 'fa' : 'ar';
}

function count(text: string, letters: RegExp): number {
  return text.match(letters)?.length ?? 0;
}
