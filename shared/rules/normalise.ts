/**
 * Normalisation shared by rules and articles, so both sides compare the same forms: words are cut
 * out of the original string with their offsets (each Chinese or Japanese ideograph and kana a word of
 * its own), folded (script folding as the classifier's, curly apostrophes, possessive 's, digits of
 * every script), reduced to a plural-free key, and numbered by position and by sentence
 * (sentences as the shared segmenter finds them, `shared/text/sentence-segmenter.ts`).
 * Each word also says whether it may be joined with the next one into a compound
 * (`counter-terrorism`, `counter terrorism` → `counterterrorism`), which is what lets all three
 * spellings of a compound match each other.
 */
import { isInvisibleCharacter } from '../text/invisible-characters.ts';
import { foldTerm } from '../text/script-folding.ts';
import { sentenceStarts } from '../text/sentence-segmenter.ts';
import { pluralFreeKey } from './plural-stem.ts';

export interface WordToken {
  /** The folded form and key, one object for every occurrence of the same written word. */
  form: WordForm;
  /** Folded surface form: `Pakistan’s` → `pakistan`, `Déjà` → `deja`. */
  folded: string;
  /** The form words are compared by: the folded form without its plural ending. */
  key: string;
  /** Offsets in the original string. */
  start: number;
  end: number;
  /** Word positions: equal for a word; a compound of two words (see article-index.ts) spans two. */
  first: number;
  last: number;
  sentence: number;
  /** How this word may join the next into a compound: by a hyphen, by a space, or not at all. */
  joinsNext: 'hyphen' | 'space' | null;
}

export interface SentenceSpan {
  start: number;
  end: number;
}

export interface TokenisedText {
  tokens: WordToken[];
  /** Sentences in order; a token's `sentence` minus `firstSentence` indexes this array. */
  sentences: SentenceSpan[];
}

const POSSESSIVE = /['’ʼ]s$/;
const APOSTROPHE = /['’ʼ]/g;
const PLAIN_ASCII = /^[A-Za-z0-9]+$/;
// Þ has no decomposition and script folding leaves it; the other stroked letters and ligatures it folds.
const THORN = /þ/g;
// Arabic-Indic, Persian/Urdu and Devanagari digits: "٢٠٢٦" is 2026.
const NON_ASCII_DIGIT = /[\u0660-\u0669\u06F0-\u06F9\u0966-\u096F]/g;
// Words shorter than this are not joined across a space: "a part" must not become "apart".
export const MIN_SPACE_JOIN_LENGTH = 3;

function asciiDigit(digit: string): string {
  const code = digit.charCodeAt(0);
  const zero = code >= 0x0966 ? 0x0966 : code >= 0x06f0 ? 0x06f0 : 0x0660;
  return String.fromCharCode(0x30 + code - zero);
}

/**
 * Folded as the classifier folds its aliases (`shared/text/script-folding.ts`: case, Latin diacritics,
 * Arabic-script letter variants and harakat, tatweel, ZWNJ, Devanagari nukta, ё), then without
 * apostrophes and a possessive 's, and with every script's digits written as ASCII ones.
 */
export function foldWord(raw: string): string {
  if (PLAIN_ASCII.test(raw)) return raw.toLowerCase();
  return foldTerm(raw)
    .replace(THORN, 'th')
    .replace(POSSESSIVE, '')
    .replace(APOSTROPHE, '')
    .replace(NON_ASCII_DIGIT, asciiDigit);
}

/** The comparison key of a folded word (or of two folded words joined into a compound). */
export function wordKey(folded: string): string {
  return pluralFreeKey(folded);
}

export interface WordForm {
  readonly folded: string;
  readonly key: string;
  /**
   * The same word without an Arabic conjunction or preposition written onto its article (`والبحر`,
   * `بالرياض`, `للسعودية` → `البحر`, `الرياض`, `السعودية`), which an article is also indexed by; else null.
   */
  readonly withoutClitic: WordForm | null;
  /**
   * What a compiled rule set worked out about this form, and which one (`factsOwner`): kept here so
   * that an article's words are looked up once, when cut out, however many rules ask about them.
   */
  facts: unknown;
  factsOwner: unknown;
}

// News repeats its words: most words of an article were folded before, and a lookup is cheaper.
const formCache = new Map<string, WordForm>();
const FORM_CACHE_LIMIT = 200_000;

// و (and), ف (so), ب (with, in), ک (as; ك folds to ک) written onto the article ال; ل (for) onto it
// writes لل. Light stemmers for Arabic (Lucene's, Larkey's) strip these; the article stays, as
// analysts write nouns with it. A bare و is left alone: it begins too many words (وزير, وزارة).
const ARABIC_CLITIC_ON_ARTICLE = /^(?:[وفبک]ال|لل)(?=.{2})/;

function withoutArabicClitic(folded: string): string | null {
  if (!ARABIC_CLITIC_ON_ARTICLE.test(folded)) return null;
  return `ال${folded.slice(folded.startsWith('لل') ? 2 : 3)}`;
}

function plainForm(folded: string, withoutClitic: WordForm | null): WordForm {
  return { folded, key: wordKey(folded), withoutClitic, facts: null, factsOwner: null };
}

function wordForm(raw: string): WordForm {
  let form = formCache.get(raw);
  if (form === undefined) {
    const folded = foldWord(raw);
    const stripped = withoutArabicClitic(folded);
    form = plainForm(folded, stripped === null ? null : plainForm(stripped, null));
    if (formCache.size >= FORM_CACHE_LIMIT) formCache.clear();
    formCache.set(raw, form);
  }
  return form;
}

function isWhiteSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x3000
  );
}

function isHyphen(code: number): boolean {
  return code === 0x2d || code === 0x2010 || code === 0x2011;
}

function isApostrophe(code: number): boolean {
  return code === 0x27 || code === 0x2019 || code === 0x2bc;
}

const LETTER_DIGIT_OR_MARK = /^[\p{L}\p{N}\p{M}]$/u;
// Chinese and Japanese write no spaces between words: each ideograph and kana is a word of its own,
// as Lucene's StandardTokenizer has it, so a rule's 巴基斯坦 is a phrase of four and NEAR counts characters.
const OWN_WORD = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u;
// What each UTF-16 code unit above ASCII is, decided once: 0 not yet known, 1 part of words, 2 not,
// 3 a word by itself.
const wordUnit = new Uint8Array(65_536);
const PART_OF_WORDS = 1;
const NOT_PART_OF_WORDS = 2;
const WORD_BY_ITSELF = 3;

function unitKind(code: number): number {
  if (isInvisibleCharacter(code)) return PART_OF_WORDS;
  const character = String.fromCharCode(code);
  if (OWN_WORD.test(character)) return WORD_BY_ITSELF;
  return LETTER_DIGIT_OR_MARK.test(character) ? PART_OF_WORDS : NOT_PART_OF_WORDS;
}

/**
 * Length of the word character at `at` (2 for a letter outside the BMP), or 0 when there is none;
 * negative (-1, -2) for an ideograph or kana, which is a word by itself.
 */
function wordCharacterLength(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code < 0x80) {
    const lower = code | 0x20;
    return (code >= 0x30 && code <= 0x39) || (lower >= 0x61 && lower <= 0x7a) ? 1 : 0;
  }
  if (code >= 0xd800 && code <= 0xdbff) {
    const character = String.fromCodePoint(text.codePointAt(at) ?? code);
    if (OWN_WORD.test(character)) return -2;
    return LETTER_DIGIT_OR_MARK.test(character) ? 2 : 0;
  }
  let kind = wordUnit[code];
  if (kind === 0) {
    kind = unitKind(code);
    wordUnit[code] = kind;
  }
  return kind === PART_OF_WORDS ? 1 : kind === WORD_BY_ITSELF ? -1 : 0;
}

/**
 * End of the word starting at `start`: word characters, with apostrophes between them (don’t); an
 * ideograph or kana alone, and a word of other letters stops before one.
 */
function wordEnd(text: string, start: number): number {
  const first = wordCharacterLength(text, start);
  if (first < 0) return start - first;
  let at = start;
  for (;;) {
    const length = wordCharacterLength(text, at);
    if (length > 0) at += length;
    else if (isApostrophe(text.charCodeAt(at)) && at > start && wordCharacterLength(text, at + 1) > 0)
      at += 1;
    else return at;
  }
}

/** How two words of one sentence may be joined into a compound: by a hyphen, by a space, or not. */
function jointBetween(text: string, gapStart: number, gapEnd: number): WordToken['joinsNext'] {
  if (gapEnd - gapStart === 1 && isHyphen(text.charCodeAt(gapStart))) return 'hyphen';
  for (let at = gapStart; at < gapEnd; at += 1) if (!isWhiteSpace(text.charCodeAt(at))) return null;
  return 'space';
}

/**
 * The sentence runs on past its last word over closing punctuation and quotes, up to white space or
 * the next sentence's start (Chinese puts no space after its 。).
 */
function sentenceEnd(text: string, lastWordEnd: number, nextSentenceStart = text.length): number {
  let end = lastWordEnd;
  while (end < nextSentenceStart && !isWhiteSpace(text.charCodeAt(end))) end += 1;
  return end;
}

/** The sentence starts at its first word, or at an opening quote or bracket just before it. */
function sentenceStart(text: string, firstWordStart: number): number {
  let start = firstWordStart;
  while (start > 0 && '"“‘\'(['.includes(text[start - 1] ?? '')) start -= 1;
  return start;
}

/**
 * Cuts `text` into words. Positions and sentence numbers start at the given values so that the
 * title and the body of an article can share one numbering without their words ever touching.
 */
export function tokenise(text: string, firstPosition = 0, firstSentence = 0): TokenisedText {
  const tokens: WordToken[] = [];
  const sentences: SentenceSpan[] = [];
  const starts = sentenceStarts(text);
  // The next sentence start not yet passed.
  let nextStart = 1;
  let sentence = firstSentence;
  let position = firstPosition;
  let previous: WordToken | undefined;
  let sentenceFrom = 0;
  let at = 0;
  while (at < text.length) {
    if (wordCharacterLength(text, at) === 0) {
      at += 1;
      continue;
    }
    const start = at;
    at = wordEnd(text, start);
    const form = wordForm(text.slice(start, at));
    const { folded, key } = form;
    if (folded === '') continue;
    let startsSentence = false;
    while ((starts[nextStart] ?? Number.POSITIVE_INFINITY) <= start) {
      nextStart += 1;
      startsSentence = true;
    }
    if (previous === undefined) {
      sentenceFrom = start;
    } else if (startsSentence) {
      sentences.push({
        start: sentenceStart(text, sentenceFrom),
        end: sentenceEnd(text, previous.end, starts[nextStart - 1]),
      });
      sentence += 1;
      sentenceFrom = start;
    } else {
      const joint = jointBetween(text, previous.end, start);
      if (
        joint === 'hyphen' ||
        (joint === 'space' &&
          previous.folded.length >= MIN_SPACE_JOIN_LENGTH &&
          folded.length >= MIN_SPACE_JOIN_LENGTH)
      ) {
        previous.joinsNext = joint;
      }
    }
    const token: WordToken = {
      form,
      folded,
      key,
      start,
      end: at,
      first: position,
      last: position,
      sentence,
      joinsNext: null,
    };
    tokens.push(token);
    position += 1;
    previous = token;
  }
  if (previous !== undefined) {
    sentences.push({ start: sentenceStart(text, sentenceFrom), end: sentenceEnd(text, previous.end) });
  }
  return { tokens, sentences };
}
