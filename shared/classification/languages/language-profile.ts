/**
 * A language profile: everything the classifier needs to read articles in one language other than
 * English, compiled from that language's data (data/languages/<lang>/countries.json, and topics.json
 * and relations.json when present) on first use. Aliases and terms are folded (script-folding.ts)
 * and found by one Aho–Corasick pass over the folded article; each occurrence is then checked
 * against the language's word boundaries (clitics written onto the word in Arabic, endings in
 * Persian and Urdu, none for Chinese characters) and its capitals, and reported in the original
 * text's offsets, as the English matcher reports them. See docs/classification.md, "Other languages".
 */
import { foldTerm, foldText } from '../../text/script-folding.ts';
import type { GenreTerm } from '../article-scope.ts';
import type { RelationCue } from '../country-pairs.ts';
import type { GeoEntry, GeoKind } from '../gazetteer.ts';
import type { RoleGrammar } from '../mention-roles.ts';
import {
  type RelationModifiers,
  type RelationType,
  type RelationTypeCue,
  relationModifiers,
} from '../pair-relations.ts';
import { TOPIC_IDS } from '../topic-ids.ts';
import type { TopicDefinition, TopicTerm } from '../topic-lexicon.ts';
import { FoldedMatcher } from './folded-matcher.ts';
import { frenchDemonymForms, russianForms, spanishDemonymForms } from './inflection.ts';
import { type LanguageCode, roleGrammar } from './role-grammar.ts';

export interface LanguageCountry {
  names?: string[];
  /**
   * Forms that name the country only as the first part of a compound: "franco" (-allemand),
   * "российско" (-китайские), the Chinese one-character 美 of 中美, the Urdu پاک of پاک امریکہ.
   */
  compounds?: string[];
  demonyms?: string[];
  capitals?: string[];
  government?: string[];
  cities?: string[];
}

/** data/languages/<lang>/countries.json */
export interface LanguageCountryData {
  countries: Record<string, LanguageCountry>;
  /** Phrases that hold a country's alias but name no country ("América Latina"): they hide it. */
  nonCountryPhrases?: string[];
}

/** data/languages/<lang>/topics.json: terms per topic id, weights and '*' as in topic-lexicon.json. */
export type LanguageTopicData = Record<string, { threshold?: number; terms: Record<string, number> }>;

/** data/languages/<lang>/relations.json */
export interface LanguageRelationData {
  /** As relation-cues.json's cues: phrase → weight. */
  relationCues?: Record<string, number>;
  /** As pair-relation-cues.json: QuadClass → phrase → weight, and modifiers. */
  pairRelationCues?: {
    cues?: Partial<Record<RelationType, Record<string, number>>>;
    /** Words before a cue that change its class, by kind (negation, refusal, hedge, …). */
    modifiers?: Record<string, string[]>;
    /** Words after a cue that do so: where the verb follows its noun (Persian, Urdu, Hindi). */
    modifiersAfter?: Record<string, string[]>;
  };
  /** Verbs of saying or doing that make the country named just before them an actor. */
  roleVerbs?: string[];
}

/** data/languages/<lang>/genres.json: as genre-lexicon.json, weighted words of stories outside public affairs. */
export interface LanguageGenreData {
  genres: Record<string, Record<string, number>>;
}

export interface LanguageData {
  countries: LanguageCountryData;
  genres?: LanguageGenreData;
  topics?: LanguageTopicData;
  relations?: LanguageRelationData;
}

/** What an occurrence stands for, as the classifier's scan reads it. */
export type LanguagePayload =
  | { layer: 'geo'; entry: GeoEntry }
  | { layer: 'topic'; topic: number; term: TopicTerm }
  | { layer: 'relation'; cue: RelationCue }
  | { layer: 'relationType'; cue: RelationTypeCue }
  | { layer: 'non-evidence'; phrase: string }
  | { layer: 'genre'; term: GenreTerm };

/** Where a two-country compound (中美, پاک امریکہ) splits, in folded offsets within the pattern. */
interface PairSplit {
  first: GeoEntry;
  second: GeoEntry;
  firstEnd: number;
  secondStart: number;
}

interface CompiledPattern {
  /** Folded word runs allowed right before the pattern; null: no word boundary needed there. */
  prefixes: ReadonlySet<string> | null;
  /** Folded word runs allowed right after the pattern; null: none needed (open end, Chinese). */
  suffixes: ReadonlySet<string> | null;
  /** Folded offsets within the pattern whose source character must be a capital. */
  capitals: readonly number[];
  /** Folded texts one of which must follow the pattern (Chinese compounds: 中美关系); null: any. */
  followers: readonly string[] | null;
  /** A compound part that must be joined to the next word by a hyphen ("franco-allemand"). */
  hyphenated: boolean;
  payloads: LanguagePayload[];
  pairs: PairSplit[];
}

export interface LanguageProfile {
  readonly lang: LanguageCode;
  readonly topics: readonly TopicDefinition[];
  readonly relationCues: readonly RelationCue[];
  readonly grammar: RoleGrammar;
  readonly relationModifiers: RelationModifiers;
  /** Aliases compiled, inflected forms included. */
  readonly aliasCount: number;
  /** Reports every accepted occurrence in `document`, in the order their ends are met. */
  scan(document: string, onPayload: (payload: LanguagePayload, start: number, end: number) => void): void;
}

const CURATED_KINDS: readonly [keyof LanguageCountry, GeoKind][] = [
  ['names', 'name'],
  ['demonyms', 'demonym'],
  ['capitals', 'capital'],
  ['government', 'government'],
  ['cities', 'city'],
];

const ARABIC_ARTICLE = 'ال';

/** Clitics and endings written onto a word, per language, in folded form. */
interface Affixes {
  /** Before any alias. */
  prefixes: readonly string[];
  /** After any alias. */
  suffixes: readonly string[];
  /** After a demonym only (number and gender endings). */
  demonymSuffixes: readonly string[];
}

function arabicPrefixes(): string[] {
  const prefixes: string[] = [];
  for (const conjunction of ['', 'و', 'ف'])
    for (const preposition of ['', 'ب', 'ل', 'ک'])
      for (const article of ['', ARABIC_ARTICLE]) prefixes.push(conjunction + preposition + article);
  return prefixes;
}

const AFFIXES: Readonly<Record<LanguageCode, Affixes>> = {
  // و and, ف so, ب in/with, ل for, ک like; ال the (on demonyms: الإيراني).
  ar: {
    prefixes: arabicPrefixes(),
    suffixes: [],
    demonymSuffixes: ['ون', 'ین', 'ه', 'ا', 'ات', 'ان', 'تان', 'تین'],
  },
  // Persian joins plural and ezafe endings with a zero-width non-joiner that folding removes.
  fa: {
    prefixes: ['ب'],
    suffixes: ['ی', 'ای', 'ها', 'های', 'هایی', 'یها', 'یهای', 'ییها', 'ییهای', 'یان', 'اش', 'یی'],
    demonymSuffixes: ['ها', 'های', 'ان', 'یان'],
  },
  // Urdu writes postpositions apart (کے, کی, میں, نے); plural endings join the demonym.
  ur: { prefixes: [], suffixes: [], demonymSuffixes: ['وں', 'یوں', 'ین'] },
  hi: { prefixes: [], suffixes: [], demonymSuffixes: [] },
  zh: { prefixes: [], suffixes: [], demonymSuffixes: [] },
  ru: { prefixes: [], suffixes: [], demonymSuffixes: [] },
  fr: { prefixes: [], suffixes: [], demonymSuffixes: [] },
  es: { prefixes: [], suffixes: [], demonymSuffixes: [] },
};

/** Inflected forms the data does not list: Russian cases, French and Spanish demonym agreement. */
function inflectedForms(lang: LanguageCode, alias: string, kind: GeoKind): string[] {
  if (lang === 'ru') return russianForms(alias);
  if (kind === 'demonym' && !alias.includes(' ')) {
    if (lang === 'fr') return frenchDemonymForms(alias);
    if (lang === 'es') return spanishDemonymForms(alias);
  }
  return [];
}

/** Runs of white space and dashes: "États-Unis" is "Etats Unis", as the English matcher reads it. */
const GAPS = /[\s\-\u2010-\u2014\u2212]+/gu;
const GAP_CODE = /[\s\-\u2010-\u2014\u2212]/u;

/** The folded text with each run of gaps as one space, and its offsets into the source. */
function collapseGaps(
  text: string,
  sourceOffsets: Uint32Array,
): { text: string; sourceOffsets: Uint32Array } {
  const offsets = new Uint32Array(text.length + 1);
  let collapsed = '';
  let previousGap = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text.charAt(index);
    const gap =
      character === ' ' ||
      (character.charCodeAt(0) < 0x80
        ? character === '-' || character === '\n' || character === '\t' || character === '\r'
        : GAP_CODE.test(character));
    if (gap && previousGap) continue;
    offsets[collapsed.length] = sourceOffsets[index] ?? 0;
    collapsed += gap ? ' ' : character;
    previousGap = gap;
  }
  offsets[collapsed.length] = sourceOffsets[text.length] ?? 0;
  return { text: collapsed, sourceOffsets: offsets.subarray(0, collapsed.length + 1) };
}

const HYPHEN = /[-\u2010-\u2014]/u;

/**
 * Words that follow a Chinese two-country compound when it names the pair ("中美关系", "美俄峰会",
 * "中日韩"): without one, 中美 may be the end of one word and the start of the next ("其中美国").
 */
const CHINESE_PAIR_FOLLOWERS = (
  '关系 關係 贸易 貿易 经贸 經貿 会谈 會談 会晤 會晤 峰会 峰會 合作 对话 對話 战略 戰略 外长 外長 防长 防長 ' +
  '元首 领导人 領導人 两国 兩國 双方 雙方 边境 邊境 冲突 衝突 争端 爭端 谈判 談判 联合 聯合 军演 軍演 友好 ' +
  '建交 关税 關稅 摩擦 竞争 競爭 之间 之間 交往 互动 互動 矛盾 紧张 緊張 博弈 协议 協議 协定 協定 同盟 联盟 聯盟 ' +
  '军事 軍事 安全 科技 对抗 對抗 交流 脱钩 脫鉤'
).split(' ');

/** Compound forms: hyphenated first parts, and two-country compounds written as one word. */
function addCompounds(
  lang: LanguageCode,
  countries: Readonly<Record<string, LanguageCountry>>,
  add: (
    text: string,
    payload: LanguagePayload | PairSplit,
    options?: { followers?: readonly string[]; hyphenated?: boolean; suffixes?: ReadonlySet<string> },
  ) => void,
): void {
  const parts = Object.entries(countries).flatMap(([code, country]) =>
    (country.compounds ?? []).map((alias) => ({
      code,
      alias,
      entry: { alias, code, kind: 'compound' as const },
    })),
  );
  if (lang === 'zh') {
    // 中美: every two one-character forms of different countries, before a word of relations.
    const followers = [...CHINESE_PAIR_FOLLOWERS, ...parts.map((part) => foldTerm(part.alias))];
    for (const first of parts)
      for (const second of parts) {
        if (first.code === second.code) continue;
        const split = foldTerm(first.alias).length;
        add(
          first.alias + second.alias,
          { first: first.entry, second: second.entry, firstEnd: split, secondStart: split },
          { followers },
        );
      }
    return;
  }
  if (lang === 'ur') {
    // پاک امریکہ, پاک بھارت: the compound form, a space, and the other country's name or demonym.
    for (const first of parts)
      for (const [code, country] of Object.entries(countries)) {
        if (code === first.code) continue;
        for (const [field, kind] of [
          ['names', 'name'],
          ['demonyms', 'demonym'],
        ] as const) {
          for (const alias of country[field] ?? []) {
            const split = foldTerm(first.alias).length;
            add(`${first.alias} ${alias}`, {
              first: first.entry,
              second: { alias, code, kind },
              firstEnd: split,
              secondStart: split + 1,
            });
          }
        }
      }
    return;
  }
  for (const part of parts)
    add(part.alias, { layer: 'geo', entry: part.entry }, { hyphenated: true, suffixes: new Set(['']) });
}

const WORD_CHARACTER = /[\p{L}\p{M}\p{N}]/u;
const HAN = /\p{Script=Han}/u;

/** Per UTF-16 code unit: 0 not yet known, 1 part of a word (letter, mark, digit), 2 not. */
const wordKind = new Uint8Array(0x10000);

function isWordUnit(code: number): boolean {
  let kind = wordKind[code] ?? 0;
  if (kind === 0) {
    kind = WORD_CHARACTER.test(String.fromCharCode(code)) ? 1 : 2;
    wordKind[code] = kind;
  }
  return kind === 1;
}

/**
 * Offsets of the folded term whose source character must be a capital in the text ("ÉTATS-Unis": 0
 * and 7). French and Spanish capitalise a name's first word only, whatever the data does ("Émirats
 * arabes unis", "Arabia Saudita"): there only the first capital counts, and the letters of
 * abbreviations in capitals (EAU, EE.UU.).
 */
function capitalOffsets(term: string, firstWordOnly: boolean): number[] {
  if (term === term.toLowerCase()) return [];
  const folded = foldText(term);
  const offsets: number[] = [];
  const isCapital = (character: string): boolean => character !== character.toLowerCase();
  const inCapitalsWord = (at: number): boolean => {
    const word = /[^\s-]+/y;
    let start = at;
    while (start > 0 && !/[\s-]/.test(term.charAt(start - 1))) start -= 1;
    word.lastIndex = start;
    const letters = (word.exec(term)?.[0] ?? '').replace(/[^\p{L}]/gu, '');
    return letters.length >= 2 && letters === letters.toUpperCase();
  };
  for (let index = 0; index < folded.text.length; index += 1) {
    const sourceIndex = folded.sourceOffsets[index] ?? 0;
    if (!isCapital(term.charAt(sourceIndex))) continue;
    if (!firstWordOnly || offsets.length === 0 || inCapitalsWord(sourceIndex)) offsets.push(index);
  }
  return offsets;
}

/** English thresholds and IPTC codes, this language's terms. */
function languageTopics(
  english: readonly TopicDefinition[],
  data: LanguageTopicData | undefined,
): TopicDefinition[] {
  return TOPIC_IDS.map((id, index) => {
    const base = english[index];
    const topic = data?.[id];
    return {
      id,
      threshold: topic?.threshold ?? base?.threshold ?? 0,
      iptc: base?.iptc ?? [],
      terms: Object.entries(topic?.terms ?? {}).map(([term, weight]) => ({
        text: term.endsWith('*') ? term.slice(0, -1) : term,
        openEnd: term.endsWith('*'),
        weight,
      })),
    };
  });
}

function withoutStar(phrase: string): { text: string; openEnd: boolean } {
  return phrase.endsWith('*')
    ? { text: phrase.slice(0, -1), openEnd: true }
    : { text: phrase, openEnd: false };
}

/** Compiles a profile; `englishTopics` gives thresholds and IPTC codes. */
export function buildLanguageProfile(
  lang: LanguageCode,
  data: LanguageData,
  englishTopics: readonly TopicDefinition[],
): LanguageProfile {
  const affixes = AFFIXES[lang];
  const folded: string[] = [];
  const compiled: CompiledPattern[] = [];
  const indexByKey = new Map<string, number>();
  const prefixSet = new Set(['', ...affixes.prefixes]);
  const suffixSet = new Set(['', ...affixes.suffixes]);
  const demonymSuffixSet = new Set([...suffixSet, ...affixes.demonymSuffixes]);

  interface AddOptions {
    openEnd?: boolean;
    prefixes?: ReadonlySet<string>;
    suffixes?: ReadonlySet<string>;
    followers?: readonly string[];
    hyphenated?: boolean;
  }
  const add = (text: string, payload: LanguagePayload | PairSplit, options: AddOptions = {}): void => {
    const pattern = foldTerm(text).replace(GAPS, ' ').trim();
    if (pattern === '') return;
    // Chinese names need no word boundary: the script writes none.
    const prefixes = HAN.test(pattern.charAt(0)) ? null : (options.prefixes ?? prefixSet);
    const suffixes =
      options.openEnd === true || HAN.test(pattern.charAt(pattern.length - 1))
        ? null
        : (options.suffixes ?? suffixSet);
    const capitals = capitalOffsets(text.trim(), lang === 'fr' || lang === 'es');
    const followers = options.followers ?? null;
    const hyphenated = options.hyphenated === true;
    const key = [
      pattern,
      [...(prefixes ?? ['*'])].join(','),
      [...(suffixes ?? ['*'])].join(','),
      capitals.join(','),
      followers === null ? '*' : 'followed',
      hyphenated,
    ].join('\u0000');
    let index = indexByKey.get(key);
    if (index === undefined) {
      index = folded.length;
      indexByKey.set(key, index);
      folded.push(pattern);
      compiled.push({ prefixes, suffixes, capitals, followers, hyphenated, payloads: [], pairs: [] });
    }
    const target = compiled[index];
    if ('firstEnd' in payload) target?.pairs.push(payload);
    else target?.payloads.push(payload);
  };

  let aliasCount = 0;
  const seen = new Set<string>();
  for (const [code, country] of Object.entries(data.countries.countries)) {
    for (const [field, kind] of CURATED_KINDS) {
      for (const alias of country[field] ?? []) {
        for (const form of [alias, ...inflectedForms(lang, alias, kind)]) {
          const key = `${foldTerm(form)}\u0000${code}`;
          if (seen.has(key)) continue;
          seen.add(key);
          aliasCount += 1;
          const payload: LanguagePayload = { layer: 'geo', entry: { alias: form, code, kind } };
          add(form, payload, { suffixes: kind === 'demonym' ? demonymSuffixSet : suffixSet });
          // "للعراق": the preposition ل swallows the alef of the article.
          if (lang === 'ar' && foldTerm(form).startsWith(ARABIC_ARTICLE)) {
            add(form.slice(1), payload, { prefixes: new Set(['ل', 'ول', 'فل']) });
          }
        }
      }
    }
  }

  for (const phrase of data.countries.nonCountryPhrases ?? []) {
    for (const form of [phrase, ...inflectedForms(lang, phrase, 'name')]) {
      add(form, { layer: 'geo', entry: { alias: form, code: null, kind: 'name' } });
    }
  }
  addCompounds(lang, data.countries.countries, add);

  const topics = languageTopics(englishTopics, data.topics);
  topics.forEach((topic, index) => {
    for (const term of topic.terms)
      add(term.text, { layer: 'topic', topic: index, term }, { openEnd: term.openEnd });
  });
  const relationCues: RelationCue[] = [];
  for (const [phrase, weight] of Object.entries(data.relations?.relationCues ?? {})) {
    const { text, openEnd } = withoutStar(phrase);
    const cue = { phrase: text, weight };
    relationCues.push(cue);
    add(text, { layer: 'relation', cue }, { openEnd });
  }
  for (const [type, phrases] of Object.entries(data.relations?.pairRelationCues?.cues ?? {})) {
    for (const [phrase, weight] of Object.entries(phrases ?? {})) {
      const { text, openEnd } = withoutStar(phrase);
      add(
        text,
        { layer: 'relationType', cue: { phrase: text, openEnd, type: type as RelationType, weight } },
        { openEnd },
      );
    }
  }
  for (const [genre, terms] of Object.entries(data.genres?.genres ?? {})) {
    for (const [phrase, weight] of Object.entries(terms)) {
      const { text, openEnd } = withoutStar(phrase);
      add(text, { layer: 'genre', term: { genre, text, openEnd, weight } }, { openEnd });
    }
  }
  for (const phrase of data.relations?.pairRelationCues?.modifiers?.negation ?? []) {
    add(phrase, { layer: 'non-evidence', phrase });
  }

  const matcher = FoldedMatcher.build(folded);

  /** The word run (letters, marks, digits) of the folded text that ends at `at`. */
  const runBefore = (text: string, at: number): string => {
    let start = at;
    while (start > 0 && isWordUnit(text.charCodeAt(start - 1))) start -= 1;
    return text.slice(start, at);
  };
  const runAfter = (text: string, at: number): string => {
    let end = at;
    while (end < text.length && isWordUnit(text.charCodeAt(end))) end += 1;
    return text.slice(at, end);
  };

  return {
    lang,
    topics,
    relationCues,
    grammar: roleGrammar(lang, data.relations?.roleVerbs ?? []),
    relationModifiers: relationModifiers(
      data.relations?.pairRelationCues?.modifiers,
      data.relations?.pairRelationCues?.modifiersAfter,
      lang === 'zh',
    ),
    aliasCount,
    scan(document, onPayload) {
      const folded = foldText(document);
      const { text, sourceOffsets } = collapseGaps(folded.text, folded.sourceOffsets);
      matcher.scan(text, (index, start, end) => {
        const pattern = compiled[index];
        if (pattern === undefined) return;
        if (pattern.prefixes !== null && !pattern.prefixes.has(runBefore(text, start))) return;
        if (pattern.suffixes !== null && !pattern.suffixes.has(runAfter(text, end))) return;
        if (pattern.followers !== null && !pattern.followers.some((next) => text.startsWith(next, end)))
          return;
        if (pattern.hyphenated && !HYPHEN.test(document.charAt(sourceOffsets[end] ?? 0))) return;
        for (const offset of pattern.capitals) {
          const character = document.charAt(sourceOffsets[start + offset] ?? 0);
          if (character === character.toLowerCase()) return;
        }
        const sourceStart = sourceOffsets[start] ?? 0;
        const sourceEnd = sourceOffsets[end] ?? document.length;
        for (const payload of pattern.payloads) onPayload(payload, sourceStart, sourceEnd);
        for (const pair of pattern.pairs) {
          onPayload(
            { layer: 'geo', entry: pair.first },
            sourceStart,
            sourceOffsets[start + pair.firstEnd] ?? sourceEnd,
          );
          onPayload(
            { layer: 'geo', entry: pair.second },
            sourceOffsets[start + pair.secondStart] ?? sourceStart,
            sourceEnd,
          );
        }
      });
    },
  };
}
