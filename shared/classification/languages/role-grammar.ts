/**
 * The grammar the mention roles read in each language other than English: how two countries are
 * listed together ("X and Y"), how "between X and Y" is said (before the pair in Arabic, Persian,
 * Russian, French and Spanish; after it in Urdu, Hindi and Chinese), and where a country's verb of
 * saying or doing stands (after it, or before it in Arabic, whose sentences often open with the verb).
 * The verbs themselves are data: relations.json's `roleVerbs` (a trailing '*' matches any ending).
 */
import { foldTerm } from '../../text/script-folding.ts';
import type { RoleGrammar } from '../mention-roles.ts';

export type LanguageCode = 'ur' | 'ar' | 'fa' | 'hi' | 'zh' | 'ru' | 'fr' | 'es';

export const LANGUAGE_CODES: readonly LanguageCode[] = ['ur', 'ar', 'fa', 'hi', 'zh', 'ru', 'fr', 'es'];

export function isLanguageCode(code: string): code is LanguageCode {
  return (LANGUAGE_CODES as readonly string[]).includes(code);
}

interface Joins {
  /** Words that join two listed countries ("and"), and the article that may follow them. */
  and: string;
  /** "between", said before the first country; or after the second one. */
  betweenBefore: string | null;
  betweenAfter: string | null;
  /** The verb may open the clause, before its subject (Arabic). */
  verbFirst: boolean;
}

const JOINS: Readonly<Record<LanguageCode, Joins>> = {
  ar: { and: 'و', betweenBefore: 'بين|بین', betweenAfter: null, verbFirst: true },
  fa: { and: 'و', betweenBefore: 'بین|میان', betweenAfter: null, verbFirst: false },
  ur: { and: 'اور|و', betweenBefore: null, betweenAfter: 'کے\\s+درمیان|کے\\s+مابین|میں', verbFirst: false },
  hi: { and: 'और|व|एवं', betweenBefore: null, betweenAfter: 'के\\s+बीच|के\\s+मध्य', verbFirst: false },
  zh: {
    and: '和|与|與|同|及|跟',
    betweenBefore: null,
    betweenAfter: '之间|之間|间|間|两国|兩國',
    verbFirst: false,
  },
  ru: { and: 'и', betweenBefore: 'между', betweenAfter: null, verbFirst: false },
  fr: { and: 'et', betweenBefore: 'entre', betweenAfter: null, verbFirst: false },
  es: { and: 'y|e', betweenBefore: 'entre', betweenAfter: null, verbFirst: false },
};

/**
 * Nouns of the state that make a demonym next to them stand for the state itself, as "Iranian
 * officials" does in English: written before the demonym in French, Spanish, Arabic and Persian ("le
 * président américain", "الرئيس الأمريكي"), after it in Russian, Urdu and Hindi ("российская сторона",
 * "امریکی صدر"). Russian nouns are stems: their case endings follow.
 */
const STATE_NOUNS: Readonly<Record<LanguageCode, { before: string[]; after: string[] }>> = {
  fr: {
    before: (
      'président|présidente|premier ministre|ministre|ministère|gouvernement|diplomatie|armée|ambassadeur|' +
      'ambassade|homologue|autorités|dirigeant|dirigeants|forces|troupes|marine|délégation|parlement|régime|' +
      'administration|chancelier|chancelière|porte-parole|responsables|officiels|militaires|soldats|' +
      "affaires étrangères|chef de la diplomatie|chef de l’état|chef de l'état|côté|partie"
    ).split('|'),
    after: [],
  },
  es: {
    before: (
      'presidente|presidenta|primer ministro|ministro|ministra|ministerio|gobierno|canciller|cancillería|' +
      'ejército|embajador|embajada|autoridades|fuerzas|tropas|delegación|parlamento|congreso|régimen|' +
      'administración|mandatario|jefe de estado|portavoz|diplomacia|homólogo|militares|funcionarios|líder|' +
      'exteriores|parte'
    ).split('|'),
    after: [],
  },
  ar: {
    before: (
      'الرئيس|رئيس الوزراء|رئيس الحكومة|الحكومة|وزارة الخارجية|وزير الخارجية|الخارجية|وزير|وزارة|الجيش|' +
      'القوات|السفير|السفارة|الوفد|البرلمان|السلطات|المسؤولين|المسؤولون|المسؤول|مسؤول|مسؤولون|النظام|الإدارة|' +
      'الجانب|الدبلوماسية|الطرف|الدفاع|القيادة'
    ).split('|'),
    after: [],
  },
  fa: {
    before:
      'مقام|مقامات|مقام‌های|دولت|ارتش|نیروهای|دیپلمات|دیپلمات‌های|هیئت|سفیر|وزیر|رئیس جمهور|نظامیان|طرف'.split(
        '|',
      ),
    after: [],
  },
  ur: {
    before: [],
    after: (
      'صدر|وزیر اعظم|وزیراعظم|حکومت|وزیر خارجہ|وزارت خارجہ|فوج|حکام|سفیر|سفارت خانہ|وفد|پارلیمان|افواج|' +
      'عہدیدار|عہدیداروں|سفارتکار|قیادت|انتظامیہ|ترجمان|وزیر دفاع|حکومتی'
    ).split('|'),
  },
  hi: {
    before: [],
    after: (
      'राष्ट्रपति|प्रधानमंत्री|सरकार|विदेश मंत्री|विदेश मंत्रालय|सेना|अधिकारी|अधिकारियों|राजदूत|दूतावास|' +
      'प्रतिनिधिमंडल|संसद|सैनिक|सैनिकों|नेता|प्रशासन|प्रवक्ता|सुरक्षा बल|रक्षा मंत्री|पक्ष'
    ).split('|'),
  },
  ru: {
    before: [],
    after: (
      'президент|премьер|правительств|министр|власт|арми|войск|военн|посол|посл|посольств|делегаци|парламент|' +
      'сторон|дипломат|лидер|руководств|ведомств|сил|МИД|спецслужб'
    ).split('|'),
  },
  zh: { before: [], after: [] },
};
const STATE_NOUN_WINDOW = 40;

/** Clause marks in all scripts: a verb beyond one belongs to another clause. */
const CLAUSE_BREAK = /[,;:()“”"«»،؛，；：、。！？]/u;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
/** Words between a country and its verb (SOV languages put the verb at the clause's end). */
const ACT_WINDOW_WORDS = 7;
const ACT_WINDOW_CHARACTERS = 64;
/** Chinese: characters from a country to its verb ("美国外交部发言人表示"). */
const HAN_WINDOW = 16;
/** Arabic: words from an opening verb to its subject ("قالت وزارة الخارجية المصرية"). */
const VERB_FIRST_WORDS = 3;
const OBJECT_WINDOW = 40;

export function roleGrammar(lang: LanguageCode, verbs: readonly string[]): RoleGrammar {
  const joins = JOINS[lang];
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const phrase of verbs) {
    // Words are read one at a time: a phrase ("a déclaré", "نے کہا") is known by its last word.
    const verb = lang === 'zh' ? phrase : (phrase.trim().split(/\s+/).pop() ?? '');
    if (verb.endsWith('*')) prefixes.push(foldTerm(verb.slice(0, -1)));
    else if (verb !== '') exact.add(foldTerm(verb));
  }
  const isVerb = (word: string): boolean => {
    const folded = foldTerm(word);
    return exact.has(folded) || prefixes.some((prefix) => folded.startsWith(prefix));
  };
  const stateNounsBefore = STATE_NOUNS[lang].before.map(foldTerm);
  const stateNounsAfter = STATE_NOUNS[lang].after.map(foldTerm);
  // Arabic and Persian write "and" onto the next word ("ومصر"): the join may be the letter alone.
  const andJoin = new RegExp(`^\\s*(?:${joins.and})\\s*$`, 'u');

  const actingVerbEnd = (text: string, end: number, sentenceEnd: number): number => {
    const limit = Math.min(sentenceEnd, end + ACT_WINDOW_CHARACTERS);
    if (lang === 'zh') {
      const window = text.slice(end, Math.min(limit, end + HAN_WINDOW));
      const cut = window.search(CLAUSE_BREAK);
      const clause = cut < 0 ? window : window.slice(0, cut);
      let best = -1;
      for (const verb of exact) {
        const at = clause.indexOf(verb);
        if (at >= 0 && (best < 0 || end + at + verb.length < best)) best = end + at + verb.length;
      }
      return best;
    }
    WORD.lastIndex = end;
    let previousEnd = end;
    for (let words = 0; words < ACT_WINDOW_WORDS; words += 1) {
      const match = WORD.exec(text);
      if (match === null || match.index >= limit) break;
      if (CLAUSE_BREAK.test(text.slice(previousEnd, match.index))) break;
      previousEnd = match.index + match[0].length;
      if (isVerb(match[0])) return previousEnd;
    }
    return -1;
  };

  return {
    ownerJoin: /^\s*$/,
    listJoin: new RegExp(`^\\s*(?:,|،|、|，|${joins.and})\\s*$`, 'u'),
    linksPair(text, first, second) {
      // The two halves of a compound written as one word or two: 中美, پاک امریکہ.
      if (first.kind === 'compound' && /^\s?$/.test(text.slice(first.end, second.start))) return true;
      if (!andJoin.test(text.slice(first.end, second.start))) return false;
      if (joins.betweenBefore !== null) {
        const before = text.slice(Math.max(0, first.start - 16), first.start);
        if (new RegExp(`(?:^|\\s)(?:${joins.betweenBefore})\\s*$`, 'u').test(before)) return true;
      }
      if (joins.betweenAfter !== null) {
        const after = text.slice(second.end, second.end + 16);
        if (new RegExp(`^\\s*(?:${joins.betweenAfter})`, 'u').test(after)) return true;
      }
      return false;
    },
    actingVerbEnd(text, start, end, sentenceStart, sentenceEnd) {
      const after = actingVerbEnd(text, end, sentenceEnd);
      if (after >= 0 || !joins.verbFirst) return after;
      // "قالت مصر" / "قالت وزارة الخارجية المصرية": the verb a few words before the country.
      const before = text.slice(sentenceStart, start);
      const words = before.match(WORD) ?? [];
      if (CLAUSE_BREAK.test(before.slice(before.lastIndexOf(words[words.length - 1] ?? '')))) return -1;
      return words.slice(-VERB_FIRST_WORDS).some(isVerb) ? end : -1;
    },
    isObjectOfVerb(text, verbEnd, objectStart) {
      return objectStart - verbEnd <= OBJECT_WINDOW && !CLAUSE_BREAK.test(text.slice(verbEnd, objectStart));
    },
    isBroker: () => false,
    isStateDemonym(text, start, end) {
      const before = foldTerm(text.slice(Math.max(0, start - STATE_NOUN_WINDOW), start)).replace(
        /\s+/gu,
        ' ',
      );
      const after = foldTerm(text.slice(end, end + STATE_NOUN_WINDOW)).replace(/\s+/gu, ' ');
      return (
        stateNounsBefore.some((noun) => before.endsWith(`${noun} `)) ||
        stateNounsAfter.some((noun) => after.startsWith(` ${noun}`))
      );
    },
  };
}
