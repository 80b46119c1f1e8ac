/**
 * The article classifier: which countries an article is about, which country pairs, which topics,
 * each with a score in 0..1 and the sentences that show it. One Aho–Corasick pass finds every
 * gazetteer alias, topic term, relation cue and disambiguation cue; the rest works on the matches.
 * See docs/classification.md.
 */

import { sentenceIndexAt, sentenceStarts, sentenceText } from '../text/sentence-segmenter.ts';
import {
  affairsWeight,
  type GenreTerm,
  genreWeight,
  isAffairsTopic,
  isOffTopic,
  loadGenreTerms,
} from './article-scope.ts';
import { hasCapitals, hasPatternCapitals } from './character-classes.ts';
import {
  compilePatterns,
  distinctPatterns,
  loadPatterns,
  type PatternText,
  type StoredPatterns,
} from './compiled-patterns.ts';
import {
  cancelsEvidence,
  followsComma,
  isCapsPronoun,
  isHyphenated,
  isPersonNameContext,
  NON_EVIDENCE_WORDS,
  namesSomethingElse,
} from './context-rules.ts';
import { type RelationCue, rankPairs, relationCues } from './country-pairs.ts';
import { type GeoMention, salientCountries, scoreCountries, type Zone } from './country-salience.ts';
import englishPatterns from './data/english-patterns.json' with { type: 'json' };
import { findDateline, isOrganisationDateline } from './dateline.ts';
import { joinDropCaps } from './drop-caps.ts';
import {
  type AmbiguityRule,
  buildGazetteer,
  countryDisplayNames,
  type GeoEntry,
  personNameContext,
} from './gazetteer.ts';
import { LANGUAGE_DATA } from './languages/language-data.ts';
import {
  buildLanguageProfile,
  type LanguageData,
  type LanguagePayload,
  type LanguageProfile,
} from './languages/language-profile.ts';
import { isLanguageCode, type LanguageCode } from './languages/role-grammar.ts';
import { ENGLISH_ROLES, readMentionRoles } from './mention-roles.ts';
import {
  type PairRelation,
  pairRelations,
  type RelationCueHit,
  type RelationTypeCue,
  relationTypeCues,
} from './pair-relations.ts';
import { evidenceUnits } from './quotations.ts';
import { TermMatcher } from './term-matcher.ts';
import type { TopicId } from './topic-ids.ts';
import { loadTopicLexicon, type TopicDefinition, type TopicTerm } from './topic-lexicon.ts';
import { mainTopics, scoreTopics, type TopicHit } from './topic-scoring.ts';

export { TOPIC_IDS, type TopicId } from './topic-ids.ts';

export interface CountryLabel {
  code: string;
  name: string;
  score: number;
  mentions: number;
  /** Sentences that mention the country. */
  evidence: string[];
}

export interface PairLabel {
  /** ISO alpha-2 codes sorted and joined by '-', e.g. 'PK-US'. */
  pair: string;
  score: number;
  evidence: string[];
  /** What the two countries do to each other, on the CAMEO QuadClass scale. */
  relation: PairRelation;
}

export interface TopicLabel {
  id: TopicId;
  score: number;
  /** IPTC Media Topic codes, e.g. 'medtop:20000565'. */
  iptc: string[];
  terms: string[];
  evidence: string[];
}

export interface Classification {
  countries: CountryLabel[];
  pairs: PairLabel[];
  primaryPair: string | null;
  topics: TopicLabel[];
}

export interface ClassifierInput {
  title: string;
  text: string;
  /**
   * The article's language as a BCP-47 tag (its primary subtag decides): one of the languages with
   * a profile (ur ar fa hi zh ru fr es) reads the article with that profile; absent, 'und', 'en' or
   * any other reads it as English.
   */
  lang?: string | null;
}

export interface Classifier {
  classify(input: ClassifierInput): Classification;
}

export interface ClassifierOptions {
  /** More aliases per ISO code, e.g. { PK: ['Pakland'] }, read as country names. */
  extraAliases?: Record<string, string[]>;
  /** Language data to use instead of data/languages/<lang>/ (tests). */
  languages?: Partial<Record<LanguageCode, LanguageData>>;
}

/** The language profile an article's `lang` selects, or null for English. */
export function profileLanguage(lang: string | null | undefined): LanguageCode | null {
  const primary = lang?.split(/[-_]/)[0]?.toLowerCase() ?? '';
  return isLanguageCode(primary) ? primary : null;
}

type Payload =
  | { layer: 'geo'; entry: GeoEntry; capitals: boolean }
  | { layer: 'topic'; topic: number; term: TopicTerm; capitals: boolean }
  | { layer: 'relation'; cue: RelationCue; capitals: boolean }
  | { layer: 'genre'; term: GenreTerm; capitals: boolean }
  | { layer: 'non-evidence'; phrase: string; capitals: boolean }
  | { layer: 'relationType'; cue: RelationTypeCue; capitals: boolean }
  | { layer: 'cue'; rule: AmbiguityRule; code: string | null; phrase: string; capitals: boolean };

function payloadText(payload: Payload): string {
  switch (payload.layer) {
    case 'geo':
      return payload.entry.alias;
    case 'topic':
      return payload.term.text;
    case 'relation':
    case 'relationType':
      return payload.cue.phrase;
    case 'genre':
      return payload.term.text;
    case 'non-evidence':
      return payload.phrase;
    case 'cue':
      return payload.phrase;
  }
}

interface Span<T> {
  start: number;
  end: number;
  value: T;
}

/** Words a sentence needs to count towards the lead (a date line or a repeated kicker does not). */
const LEAD_MIN_WORDS = 6;

/** Index of the first sentence after the lead: the first LEAD_SENTENCES substantial body sentences. */
function leadEndSentence(document: string, starts: readonly number[], firstBodySentence: number): number {
  let counted = 0;
  let sentence = firstBodySentence;
  while (sentence < starts.length && counted < LEAD_SENTENCES) {
    if (hasWords(document, starts[sentence] ?? 0, starts[sentence + 1] ?? document.length, LEAD_MIN_WORDS)) {
      counted += 1;
    }
    sentence += 1;
  }
  return sentence;
}

/** Characters of Chinese or Japanese that read as one word of a spaced script. */
const CHARACTERS_PER_WORD = 2;

/**
 * Whether text[start, end) holds at least `count` whitespace-separated words; Chinese, written
 * without spaces, counts every CHARACTERS_PER_WORD ideographs as a word.
 */
function hasWords(text: string, start: number, end: number, count: number): boolean {
  let words = 0;
  let ideographs = 0;
  let inWord = false;
  for (let index = start; index < end; index += 1) {
    const code = text.charCodeAt(index);
    const space = code === 32 || code === 10 || code === 9 || code === 13;
    if (code >= 0x3400 && code <= 0x9fff && ++ideographs >= count * CHARACTERS_PER_WORD) return true;
    if (!space && !inWord && ++words >= count) return true;
    inWord = !space;
  }
  return false;
}

/** Drops the countries named only in the dateline (a story filed from an organisation's seat). */
function withoutDatelineOnlyCountries(mentions: readonly GeoMention[]): GeoMention[] {
  const namedElsewhere = new Set(
    mentions.filter((mention) => mention.zone !== 'dateline').map((m) => m.code),
  );
  return mentions.filter((mention) => namedElsewhere.has(mention.code));
}

/** Leftmost-longest: of overlapping matches keep the one that starts first, then the longest. */
function leftmostLongest<T>(spans: Span<T>[]): Span<T>[] {
  spans.sort((left, right) => left.start - right.start || right.end - left.end);
  const kept: Span<T>[] = [];
  let coveredUntil = -1;
  for (const span of spans) {
    if (span.start < coveredUntil) continue;
    kept.push(span);
    coveredUntil = span.end;
  }
  return kept;
}

/** Evidence sentences reported per label. */
const MAX_EVIDENCE = 3;
/** Sentences after the title that form the lead. */
const LEAD_SENTENCES = 3;

/** A text the matcher looks for, and what a match of it means. */
interface PatternSource extends PatternText {
  readonly payload: Payload;
}

function patternSources(
  gazetteer: readonly GeoEntry[],
  topics: readonly TopicDefinition[],
  cues: readonly RelationCue[],
  genreTerms: readonly GenreTerm[],
  typeCues: readonly RelationTypeCue[],
): PatternSource[] {
  const sources: PatternSource[] = [];
  const add = (text: string, openEnd: boolean, payload: Payload): void => {
    sources.push({ text, openEnd, payload });
  };
  for (const entry of gazetteer) {
    add(entry.alias, false, { layer: 'geo', entry, capitals: hasCapitals(entry.alias) });
    for (const choice of entry.ambiguity?.choices ?? []) {
      for (const phrase of choice.cues) {
        add(phrase, false, {
          layer: 'cue',
          rule: entry.ambiguity as AmbiguityRule,
          code: choice.code,
          phrase,
          capitals: hasCapitals(phrase),
        });
      }
    }
  }
  topics.forEach((topic, index) => {
    for (const term of topic.terms) {
      add(term.text, term.openEnd, { layer: 'topic', topic: index, term, capitals: hasCapitals(term.text) });
    }
  });
  for (const cue of cues)
    add(cue.phrase, false, { layer: 'relation', cue, capitals: hasCapitals(cue.phrase) });
  for (const term of genreTerms) {
    add(term.text, term.openEnd, { layer: 'genre', term, capitals: hasCapitals(term.text) });
  }
  for (const phrase of NON_EVIDENCE_WORDS)
    add(phrase, false, { layer: 'non-evidence', phrase, capitals: false });
  for (const cue of typeCues)
    add(cue.phrase, cue.openEnd, { layer: 'relationType', cue, capitals: hasCapitals(cue.phrase) });
  return sources;
}

/** Every text the classifier built with these options looks for, in order (scripts/build-classifier.ts). */
export function classifierPatternTexts(options: ClassifierOptions = {}): PatternText[] {
  return patternSources(
    buildGazetteer(options.extraAliases),
    loadTopicLexicon(),
    relationCues(),
    loadGenreTerms(),
    relationTypeCues(),
  ).map(({ text, openEnd }) => ({ text, openEnd }));
}

/** Each pattern's payloads: the meanings of the texts that fold to it. */
function payloadsByPattern(
  sources: readonly PatternSource[],
  patternOf: Int32Array,
  patternCount: number,
): Payload[][] {
  const payloads: Payload[][] = Array.from({ length: patternCount }, () => []);
  sources.forEach((source, position) => {
    payloads[patternOf[position] as number]?.push(source.payload);
  });
  return payloads;
}

/** Builds a classifier; the data files are compiled once here, then `classify` only scans. */
export function createClassifier(options: ClassifierOptions = {}): Classifier {
  const gazetteer = buildGazetteer(options.extraAliases);
  const topics = loadTopicLexicon();
  const sources = patternSources(gazetteer, topics, relationCues(), loadGenreTerms(), relationTypeCues());
  // The English profile's compilation is stored; it serves any list it was built from.
  const { patternOf, folded } =
    loadPatterns(sources, englishPatterns as StoredPatterns) ?? compilePatterns(sources);
  const patterns = distinctPatterns(sources, patternOf);
  const payloads = payloadsByPattern(sources, patternOf, patterns.length);
  const matcher = TermMatcher.build(patterns, folded);
  const displayNames = countryDisplayNames();
  const nameContext = personNameContext();
  // Compiled on the first article in each language, so English alone never pays for them.
  const profiles = new Map<LanguageCode, LanguageProfile>();
  const profileFor = (lang: LanguageCode): LanguageProfile => {
    let profile = profiles.get(lang);
    if (profile === undefined) {
      profile = buildLanguageProfile(lang, options.languages?.[lang] ?? LANGUAGE_DATA[lang], topics);
      profiles.set(lang, profile);
    }
    return profile;
  };

  function classify(input: ClassifierInput): Classification {
    const language = profileLanguage(input.lang);
    const profile = language === null ? null : profileFor(language);
    const articleTopics = profile?.topics ?? topics;
    const title = input.title.trim();
    const bodyStart = title.length + 2;
    const document = `${title}\n\n${joinDropCaps(input.text)}`;
    const starts = sentenceStarts(document, [bodyStart]);
    const firstBodySentence = sentenceIndexAt(starts, bodyStart);
    const leadEnd = leadEndSentence(document, starts, firstBodySentence);
    const units = evidenceUnits(document, starts);
    let lastNonEvidenceEnd = -1;
    const datelineSpan = findDateline(input.text);
    const dateline =
      datelineSpan === null
        ? null
        : { start: datelineSpan.start + bodyStart, end: datelineSpan.end + bodyStart };

    const geoSpans: Span<GeoEntry>[] = [];
    const topicSpans: Span<TopicHit>[] = [];
    const relationBySentence = new Map<number, number>();
    const relationTypeHits: RelationCueHit[] = [];
    const cueSentences = new Map<AmbiguityRule, { code: string | null; sentence: number }[]>();
    const genreHits: GenreTerm[] = [];
    const take = (payload: Payload | LanguagePayload, start: number, end: number): void => {
      switch (payload.layer) {
        case 'geo':
          geoSpans.push({ start, end, value: payload.entry });
          break;
        case 'topic': {
          const sentence = sentenceIndexAt(starts, start);
          if (cancelsEvidence(document, lastNonEvidenceEnd, starts[sentence] ?? 0, start)) break;
          topicSpans.push({
            start,
            end,
            value: {
              topic: payload.topic,
              term: payload.term,
              sentence,
              unit: units[sentence] ?? sentence,
              zone: start < title.length ? 'title' : sentence < leadEnd ? 'lead' : 'body',
            },
          });
          break;
        }
        case 'relation': {
          const sentence = sentenceIndexAt(starts, start);
          relationBySentence.set(
            sentence,
            Math.max(relationBySentence.get(sentence) ?? 0, payload.cue.weight),
          );
          break;
        }
        case 'genre':
          genreHits.push(payload.term);
          break;
        case 'non-evidence':
          // Matches arrive in order of their end, so this word is seen before the terms after it.
          lastNonEvidenceEnd = end;
          break;
        case 'relationType':
          relationTypeHits.push({ start, end, cue: payload.cue });
          break;
        case 'cue': {
          const list = cueSentences.get(payload.rule) ?? [];
          list.push({ code: payload.code, sentence: sentenceIndexAt(starts, start) });
          cueSentences.set(payload.rule, list);
          break;
        }
      }
    };
    if (profile !== null) {
      profile.scan(document, take);
    } else {
      matcher.scan(document, (pattern, start, end) => {
        for (const payload of payloads[pattern] ?? []) {
          if (payload.capitals && !hasPatternCapitals(document, start, end, payloadText(payload))) continue;
          take(payload, start, end);
        }
      });
    }

    const zoneOf = (start: number, sentence: number): Zone => {
      if (start < title.length) return 'title';
      if (dateline !== null && start >= dateline.start && start < dateline.end) return 'dateline';
      return sentence < leadEnd ? 'lead' : 'body';
    };
    const resolveCode = (entry: GeoEntry, start: number, end: number, sentence: number): string | null => {
      // A profile checks its own compounds: Chinese and Urdu write them without a hyphen (中美, پاک امریکہ).
      if (entry.kind === 'compound' && profile === null && !isHyphenated(document, start, end)) return null;
      if (entry.kind === 'regionAbbreviation' && !followsComma(document, start)) return null;
      if (namesSomethingElse(document, end)) return null;
      const rule = entry.ambiguity;
      if (rule === undefined) return entry.code;
      if (rule.personName && isPersonNameContext(document, start, end, nameContext)) return null;
      if (rule.capsPronoun && isCapsPronoun(document, start, end)) return null;
      const votes = new Map<string | null, number>();
      for (const cue of cueSentences.get(rule) ?? []) {
        if (rule.scope === 'sentence' && cue.sentence !== sentence) continue;
        votes.set(cue.code, (votes.get(cue.code) ?? 0) + 1);
      }
      let best = rule.defaultCode;
      let bestVotes = votes.get(rule.defaultCode) ?? 0;
      for (const [code, count] of votes) {
        if (count > bestVotes) {
          best = code;
          bestVotes = count;
        }
      }
      return best;
    };

    const found: GeoMention[] = [];
    for (const span of leftmostLongest(geoSpans)) {
      const sentence = sentenceIndexAt(starts, span.start);
      const code = resolveCode(span.value, span.start, span.end, sentence);
      if (code === null) continue;
      found.push({
        code,
        kind: span.value.kind,
        role: 'plain',
        start: span.start,
        end: span.end,
        sentence,
        zone: zoneOf(span.start, sentence),
      });
    }

    const roles = readMentionRoles(document, starts, found, profile?.grammar ?? ENGLISH_ROLES);
    const { links } = roles;
    const mentions =
      dateline !== null && isOrganisationDateline(document.slice(dateline.start, dateline.end), document)
        ? withoutDatelineOnlyCountries(roles.mentions)
        : roles.mentions;
    const countriesBySentence = new Map<number, Set<string>>();
    for (const mention of mentions) {
      // A mediator or venue shares the sentence with the parties without being one.
      if (mention.role === 'broker') continue;
      const codes = countriesBySentence.get(mention.sentence) ?? new Set<string>();
      codes.add(mention.code);
      countriesBySentence.set(mention.sentence, codes);
    }
    // Overlaps are resolved within a topic: "counter-terrorism" hides "terrorism" there, but a
    // term of another topic inside the same words still counts for that topic.
    const spansByTopic = new Map<number, Span<TopicHit>[]>();
    for (const span of topicSpans) {
      const list = spansByTopic.get(span.value.topic);
      if (list === undefined) spansByTopic.set(span.value.topic, [span]);
      else list.push(span);
    }
    const topicHits = [...spansByTopic.values()].flatMap((spans) =>
      leftmostLongest(spans).map((span) => span.value),
    );
    const passingTopics = scoreTopics(articleTopics, topicHits);
    const statePresent = mentions.some(
      (mention) => mention.role === 'actor' || mention.kind === 'government' || mention.kind === 'leader',
    );
    const offTopic = isOffTopic(genreWeight(genreHits), affairsWeight(passingTopics), statePresent);
    const countries = salientCountries(scoreCountries(mentions)).filter(
      (country) => !offTopic || country.inHeadline,
    );
    const pairs = offTopic
      ? []
      : rankPairs({ salient: countries, countriesBySentence, relationBySentence, links });
    const relationOf = pairRelations({
      document,
      starts,
      countriesBySentence,
      hits: relationTypeHits,
      mentions,
      firstBodySentence,
      leadEnd,
      modifiers: profile?.relationModifiers,
    });
    // An off-topic story keeps the topics it shares with public life (health, technology, climate…).
    const scoredTopics = mainTopics(
      offTopic ? passingTopics.filter((scored) => !isAffairsTopic(scored.topic.id)) : passingTopics,
    );

    const sentenceTexts = new Map<number, string>();
    const evidence = (sentences: readonly number[]): string[] => {
      const texts: string[] = [];
      for (const sentence of sentences) {
        let text = sentenceTexts.get(sentence);
        if (text === undefined) {
          text = sentenceText(document, starts, sentence);
          sentenceTexts.set(sentence, text);
        }
        // The same words can open a story twice (headline repeated in the body): show them once.
        if (text !== '' && !texts.includes(text)) texts.push(text);
        if (texts.length === MAX_EVIDENCE) break;
      }
      return texts;
    };
    return {
      countries: countries.map((country) => ({
        code: country.code,
        name: displayNames.get(country.code) ?? country.code,
        score: country.score,
        mentions: country.mentions,
        evidence: evidence(country.sentences),
      })),
      pairs: pairs.map((pair) => ({
        pair: pair.pair,
        score: pair.score,
        evidence: evidence(pair.sentences),
        relation: relationOf(pair.pair),
      })),
      primaryPair: pairs[0]?.pair ?? null,
      topics: scoredTopics.map((scored) => ({
        id: scored.topic.id,
        score: scored.score,
        iptc: scored.topic.iptc,
        terms: scored.terms,
        evidence: evidence(scored.sentences),
      })),
    };
  }

  return { classify };
}
