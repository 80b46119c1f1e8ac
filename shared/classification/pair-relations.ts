/**
 * Pair relations: what the two countries of a pair do to each other, on the CAMEO QuadClass scale
 * GDELT uses (verbal or material, cooperation or conflict), with the sentence that shows it best.
 * The cue phrases (data/pair-relation-cues.json) are found by the classifier's one scan; here each
 * cue in a sentence naming both countries votes for its class, after the words just before it have
 * had their say ("did not attack" votes for nothing, "threatened to impose sanctions" is verbal
 * conflict, "suspended talks" material conflict, "delayed tariffs" material cooperation). The
 * headline, when it names one of the pair, outweighs the body: a story is what its headline reports.
 * See docs/classification.md, "Relations".
 */

import { foldTerm } from '../text/script-folding.ts';
import { sentenceText } from '../text/sentence-segmenter.ts';
import cueData from './data/pair-relation-cues.json' with { type: 'json' };

export type RelationType =
  | 'verbal-cooperation'
  | 'material-cooperation'
  | 'verbal-conflict'
  | 'material-conflict'
  | 'none';

export interface PairRelation {
  type: RelationType;
  /** The sentence that shows the relation best; null for 'none'. */
  evidence: string | null;
}

export const RELATION_TYPES: readonly RelationType[] = [
  'verbal-cooperation',
  'material-cooperation',
  'verbal-conflict',
  'material-conflict',
  'none',
];

/** A phrase that signals one relation type; type 'none' hides the cue words inside it ("war on terror"). */
export interface RelationTypeCue {
  phrase: string;
  /** Matches any word starting with the phrase (written with a trailing '*'). */
  openEnd: boolean;
  type: RelationType;
  weight: number;
}

/** A cue found in the article, as the classifier's scan reports it. */
export interface RelationCueHit {
  start: number;
  end: number;
  cue: RelationTypeCue;
}

export interface PairRelationInput {
  /** Title and text as the classifier scanned them, with the sentence starts it found. */
  document: string;
  starts: readonly number[];
  /** Countries named in each sentence. */
  countriesBySentence: ReadonlyMap<number, ReadonlySet<string>>;
  hits: readonly RelationCueHit[];
  /** Where each country is named. */
  mentions: readonly { code: string; start: number; sentence: number }[];
  /** Index of the first sentence of the body (the ones before are the title). */
  firstBodySentence: number;
  /** Index of the first sentence after the lead. */
  leadEnd: number;
  /** The modifier words of the article's language; absent: English (pair-relation-cues.json). */
  modifiers?: RelationModifiers;
}

type Acting = Exclude<RelationType, 'none'>;

interface Vote {
  type: Acting;
  weight: number;
  /** Where the cue starts in the document. */
  start: number;
}

export type Modifier = 'negation' | 'refusal' | 'hedge' | 'objection' | 'cutoff' | 'background';

/**
 * A language's modifier words (relations.json of data/languages/<lang>/), folded. Spaced languages
 * read them as word sequences: before the cue, as English does, and after it where the language
 * puts negation and cut-off on a verb that follows the noun ("حمله نکرد", "समझौता रद्द कर दिया").
 * Chinese reads them as character strings in the clause before the cue ("不会签署", "暂停会谈").
 */
export interface RelationModifiers {
  before: ReadonlyMap<string, Modifier>;
  after: ReadonlyMap<string, Modifier>;
  /** Modifiers are found by characters, not words (Chinese). */
  characters: boolean;
}

/** A material act reported as done outweighs talk about the same relation. */
const MATERIAL_PREFERENCE = 1.25;
/**
 * A story is what its headline reports (docs/classification.md, "Labelling conventions"): when the
 * headline names one of the pair, its cues outweigh those of several body sentences. The headline
 * often names one country and means the other ("Senators weigh additional sanctions", "US delaying
 * China tariffs").
 */
const HEADLINE_WEIGHT = 9;
/** A headline leads with its news; its later cues set the scene ("… amid Iran nuclear deal"). */
const LATER_HEADLINE_CUE_WEIGHT = 0.5;
/** Leads state what the story is about. */
const LEAD_WEIGHT = 1.25;
/**
 * When no sentence naming both countries carries a cue, sentences naming one of them and no other
 * country still tell what the story is about, at this weight.
 */
const SINGLE_COUNTRY_WEIGHT = 0.5;
/** A sentence naming a third country may be about another pair: its cues count half. */
const CROWDED_SENTENCE_WEIGHT = 0.5;
/**
 * "Russia attacked Ukraine", "Poland expelled a Russian diplomat": what one country does to the
 * other is mostly said between their names. A cue before or after both counts this much.
 */
const OUTSIDE_PAIR_WEIGHT = 0.5;
/** An act told as background ("years after they cut ties", "had agreed") counts this much. */
const BACKGROUND_WEIGHT = 0.5;
/** Words before a cue, within its clause, that may modify it. */
const MODIFIER_WINDOW = 6;
/** Of equal votes, the more material and the more conflictual class wins: it is the rarer news. */
const TIE_ORDER: readonly Acting[] = [
  'material-conflict',
  'material-cooperation',
  'verbal-conflict',
  'verbal-cooperation',
];
/** Marks and words that end the clause a modifier must share with its cue. */
const CLAUSE_MARKS = new Set([',', ';', ':', '(', ')', '[', ']']);
const CLAUSE_WORDS = new Set(['but', 'while', 'whereas', 'although', 'though', 'however']);

const MODIFIERS: ReadonlyMap<string, Modifier> = new Map(
  Object.entries(cueData.modifiers as Record<Modifier, string[]>).flatMap(([modifier, phrases]) =>
    phrases.map((phrase) => [phrase, modifier as Modifier] as const),
  ),
);
/** The longest modifier, in words. */
const MODIFIER_MAX_WORDS = Math.max(...[...MODIFIERS.keys()].map((phrase) => phrase.split(' ').length));
/** The last word of every modifier: most words before a cue are none, and are passed over at once. */
const MODIFIER_LAST_WORDS: ReadonlySet<string> = new Set(
  [...MODIFIERS.keys()].map((phrase) => phrase.slice(phrase.lastIndexOf(' ') + 1)),
);

/** The relation cues of data/pair-relation-cues.json, for the classifier's automaton. */
export function relationTypeCues(): RelationTypeCue[] {
  return Object.entries(cueData.cues as Record<RelationType, Record<string, number>>).flatMap(
    ([type, phrases]) =>
      Object.entries(phrases).map(([phrase, weight]) => ({
        phrase: phrase.endsWith('*') ? phrase.slice(0, -1) : phrase,
        openEnd: phrase.endsWith('*'),
        type: type as RelationType,
        weight,
      })),
  );
}

const isMaterial = (type: Acting): boolean => type.startsWith('material');
const isCooperation = (type: Acting): boolean => type.endsWith('cooperation');

/** What a modifier makes of a cue's class; null: the cue votes for nothing. */
function modify(type: Acting, modifier: Modifier): Acting | null {
  switch (modifier) {
    case 'background':
      return type;
    case 'negation':
      return null;
    case 'refusal':
      return isCooperation(type) ? 'verbal-conflict' : null;
    case 'hedge':
      return isCooperation(type) ? 'verbal-cooperation' : 'verbal-conflict';
    case 'objection':
      return 'verbal-conflict';
    case 'cutoff':
      // Halting cooperation is an act of conflict; halting conflict ("delayed tariffs", "lifted the
      // blockade") is one of cooperation, and easing tensions is talk.
      if (isCooperation(type)) return 'material-conflict';
      return isMaterial(type) ? 'material-cooperation' : 'verbal-cooperation';
  }
}

const isAsciiLetter = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/**
 * The lower-case words of the cue's clause before it, in order, at most MODIFIER_WINDOW. Read
 * backwards from the cue by hand: this runs for every cue about a reported pair, and regular
 * expressions over a slice cost the classifier several per cent of its speed.
 */
function wordsBefore(document: string, sentenceStart: number, cueStart: number): string[] {
  const words: string[] = [];
  let index = cueStart;
  while (words.length < MODIFIER_WINDOW) {
    while (index > sentenceStart && !isAsciiLetter(document.charCodeAt(index - 1))) {
      if (CLAUSE_MARKS.has(document.charAt(index - 1))) return words.reverse();
      index -= 1;
    }
    if (index <= sentenceStart) break;
    const end = index;
    while (index > sentenceStart && isAsciiLetter(document.charCodeAt(index - 1))) index -= 1;
    const word = document.slice(index, end).toLowerCase();
    if (CLAUSE_WORDS.has(word)) break;
    // The "t" of "didn't" is "not".
    const contracted =
      word === 't' && /n['’]$/i.test(document.slice(Math.max(sentenceStart, index - 2), index));
    words.push(contracted ? 'not' : word);
  }
  return words.reverse();
}

/** The longest modifier among the words ending at `end`, with its length in words. */
function modifierEndingAt(
  words: readonly string[],
  end: number,
): { modifier: Modifier; length: number } | null {
  if (!MODIFIER_LAST_WORDS.has(words[end - 1] ?? '')) return null;
  for (let length = Math.min(MODIFIER_MAX_WORDS, end); length > 0; length -= 1) {
    const modifier = MODIFIERS.get(words.slice(end - length, end).join(' '));
    if (modifier !== undefined) return { modifier, length };
  }
  return null;
}

const MODIFIER_KINDS: ReadonlySet<string> = new Set([
  'negation',
  'refusal',
  'hedge',
  'objection',
  'cutoff',
  'background',
]);
const WORD_RUN = /[\p{L}\p{M}\p{N}]+/gu;

/** Folded phrase (words joined by one space; no spaces for Chinese) → modifier. */
function modifierMap(
  lists: Readonly<Record<string, readonly string[]>> | undefined,
  characters: boolean,
): Map<string, Modifier> {
  const map = new Map<string, Modifier>();
  for (const [modifier, phrases] of Object.entries(lists ?? {})) {
    if (!MODIFIER_KINDS.has(modifier)) throw new Error(`unknown relation modifier "${modifier}"`);
    for (const phrase of phrases) {
      const words = foldTerm(phrase).match(WORD_RUN) ?? [];
      if (words.length > 0) map.set(words.join(characters ? '' : ' '), modifier as Modifier);
    }
  }
  return map;
}

/** The modifiers of a language's relations.json: `modifiers` before a cue, `modifiersAfter` after it. */
export function relationModifiers(
  before: Readonly<Record<string, readonly string[]>> | undefined,
  after: Readonly<Record<string, readonly string[]>> | undefined,
  characters: boolean,
): RelationModifiers {
  return { before: modifierMap(before, characters), after: modifierMap(after, characters), characters };
}

/** Clause marks of every script: a modifier beyond one belongs to another clause. */
const ANY_CLAUSE_MARK = /[,;:()[\]،؛，；：、。！？!?]/u;
/** Characters before a Chinese cue in which its modifiers stand ("拒绝与美国举行会谈"). */
const CHARACTER_WINDOW = 8;
/** Words after a cue where a verb-final language puts its negation or cut-off ("قرارداد گاز با ترکیه را لغو کرد"). */
const MODIFIER_AFTER_WINDOW = 5;
/** The longest modifier phrase, in words, of any language. */
const LANGUAGE_MODIFIER_MAX_WORDS = 5;
/** Characters read on either side of a cue: enough for the words of the windows. */
const READ_CHARACTERS = 120;

/** The phrase of `map` made of the most words of `words` ending at `end` (or starting at it). */
function phraseAt(
  map: ReadonlyMap<string, Modifier>,
  words: readonly string[],
  at: number,
  direction: 'ending' | 'starting',
): { modifier: Modifier; length: number } | null {
  const room = direction === 'ending' ? at : words.length - at;
  for (let length = Math.min(LANGUAGE_MODIFIER_MAX_WORDS, room); length > 0; length -= 1) {
    const slice = direction === 'ending' ? words.slice(at - length, at) : words.slice(at, at + length);
    const modifier = map.get(slice.join(' '));
    if (modifier !== undefined) return { modifier, length };
  }
  return null;
}

/** Chinese: the modifier strings in the characters before a cue, longest first, nearest first. */
function characterModifiers(before: string, modifiers: ReadonlyMap<string, Modifier>): Modifier[] {
  const window = foldTerm(before.slice(-CHARACTER_WINDOW)).replace(/\s+/gu, '');
  const used = new Array<boolean>(window.length).fill(false);
  const found: { modifier: Modifier; end: number }[] = [];
  const longestFirst = [...modifiers].sort((left, right) => right[0].length - left[0].length);
  for (const [phrase, modifier] of longestFirst) {
    for (let at = window.indexOf(phrase); at >= 0; at = window.indexOf(phrase, at + 1)) {
      if (used.slice(at, at + phrase.length).some(Boolean)) continue;
      used.fill(true, at, at + phrase.length);
      found.push({ modifier, end: at + phrase.length });
    }
  }
  return found.sort((left, right) => right.end - left.end).map((entry) => entry.modifier);
}

/**
 * The modifiers of a cue in a language with a profile, in the order they apply: those after it
 * (nearest first), then those before it (nearest first), as English reads its modifiers outwards.
 * Only the cue's clause is read.
 */
function languageModifiers(
  document: string,
  sentenceStart: number,
  sentenceEnd: number,
  hit: RelationCueHit,
  modifiers: RelationModifiers,
): Modifier[] {
  let beforeStart = hit.start;
  while (beforeStart > Math.max(sentenceStart, hit.start - READ_CHARACTERS)) {
    if (ANY_CLAUSE_MARK.test(document.charAt(beforeStart - 1))) break;
    beforeStart -= 1;
  }
  const before = document.slice(beforeStart, hit.start);
  if (modifiers.characters) return characterModifiers(before, modifiers.before);
  let after = document.slice(hit.end, Math.min(sentenceEnd, hit.end + READ_CHARACTERS));
  const afterBreak = after.search(ANY_CLAUSE_MARK);
  if (afterBreak >= 0) after = after.slice(0, afterBreak);

  const found: Modifier[] = [];
  const afterWords = (foldTerm(after).match(WORD_RUN) ?? []).slice(0, MODIFIER_AFTER_WINDOW);
  for (let at = 0; at < afterWords.length; ) {
    const phrase = phraseAt(modifiers.after, afterWords, at, 'starting');
    if (phrase !== null) found.push(phrase.modifier);
    at += phrase?.length ?? 1;
  }
  const beforeWords = (foldTerm(before).match(WORD_RUN) ?? []).slice(-MODIFIER_WINDOW);
  for (let at = beforeWords.length; at > 0; ) {
    const phrase = phraseAt(modifiers.before, beforeWords, at, 'ending');
    if (phrase !== null) found.push(phrase.modifier);
    at -= phrase?.length ?? 1;
  }
  return found;
}

/** The vote a cue casts once the words before it are read, nearest first; null for none. */
function voteOf(
  document: string,
  sentenceStart: number,
  sentenceEnd: number,
  hit: RelationCueHit,
  modifiers: RelationModifiers | undefined,
): Vote | null {
  let type: Acting | null = hit.cue.type === 'none' ? null : hit.cue.type;
  let weight = hit.cue.weight;
  if (modifiers !== undefined) {
    for (const modifier of languageModifiers(document, sentenceStart, sentenceEnd, hit, modifiers)) {
      if (type === null) break;
      type = modify(type, modifier);
      if (modifier === 'background') weight = hit.cue.weight * BACKGROUND_WEIGHT;
    }
    return type === null ? null : { type, weight, start: hit.start };
  }
  const words = wordsBefore(document, sentenceStart, hit.start);
  for (let end = words.length; type !== null && end > 0; ) {
    const found = modifierEndingAt(words, end);
    if (found === null) {
      end -= 1;
    } else {
      type = modify(type, found.modifier);
      if (found.modifier === 'background') weight = hit.cue.weight * BACKGROUND_WEIGHT;
      end -= found.length;
    }
  }
  return type === null ? null : { type, weight, start: hit.start };
}

/**
 * Of overlapping cues keep the one that starts first, then the longest ("war on terror" hides "war").
 * `hits` are in that order already.
 */
function leftmostLongest(hits: readonly RelationCueHit[]): RelationCueHit[] {
  const kept: RelationCueHit[] = [];
  let coveredUntil = -1;
  for (const hit of hits) {
    if (hit.start < coveredUntil) continue;
    kept.push(hit);
    coveredUntil = hit.end;
  }
  return kept;
}

/**
 * Compiles the article's cues once; the function returned gives the relation of a pair ('PK-US'),
 * 'none' when no sentence about the pair carries a cue.
 */
export function pairRelations(input: PairRelationInput): (pair: string) => PairRelation {
  const { document, starts, countriesBySentence, firstBodySentence, leadEnd } = input;
  const mentionsBySentence = new Map<number, { code: string; start: number }[]>();
  for (const mention of input.mentions) {
    const mentions = mentionsBySentence.get(mention.sentence);
    if (mentions === undefined) mentionsBySentence.set(mention.sentence, [mention]);
    else mentions.push(mention);
  }
  // The scan reports cues by where they end; sorted by start, they fall into sentences in one walk,
  // done once a pair asks for them.
  let hitsBySentence: Map<number, RelationCueHit[]> | null = null;
  const hitsIn = (sentence: number): readonly RelationCueHit[] => {
    if (hitsBySentence === null) {
      hitsBySentence = new Map();
      let current = 0;
      for (const hit of [...input.hits].sort(
        (left, right) => left.start - right.start || right.end - left.end,
      )) {
        while ((starts[current + 1] ?? Number.POSITIVE_INFINITY) <= hit.start) current += 1;
        const hits = hitsBySentence.get(current);
        if (hits === undefined) hitsBySentence.set(current, [hit]);
        else hits.push(hit);
      }
    }
    return hitsBySentence.get(sentence) ?? [];
  };
  // Only the sentences about a reported pair are read, each once.
  const votesBySentence = new Map<number, Vote[]>();
  const votesOf = (sentence: number): Vote[] => {
    let votes = votesBySentence.get(sentence);
    if (votes !== undefined) return votes;
    votes = [];
    for (const hit of leftmostLongest(hitsIn(sentence))) {
      const sentenceEnd = starts[sentence + 1] ?? document.length;
      const vote = voteOf(document, starts[sentence] ?? 0, sentenceEnd, hit, input.modifiers);
      if (vote !== null) votes.push(vote);
    }
    votesBySentence.set(sentence, votes);
    return votes;
  };
  const sentenceWeight = (sentence: number): number =>
    (sentence < firstBodySentence ? HEADLINE_WEIGHT : sentence < leadEnd ? LEAD_WEIGHT : 1) *
    ((countriesBySentence.get(sentence)?.size ?? 0) > 2 ? CROWDED_SENTENCE_WEIGHT : 1);

  /** Whether the cue at `start` stands between a mention of one country and a mention of the other. */
  const isBetween = (sentence: number, start: number, first: string, second: string): boolean => {
    let firstBefore = false;
    let firstAfter = false;
    let secondBefore = false;
    let secondAfter = false;
    for (const mention of mentionsBySentence.get(sentence) ?? []) {
      const before = mention.start < start;
      if (mention.code === first) {
        firstBefore ||= before;
        firstAfter ||= !before;
      } else if (mention.code === second) {
        secondBefore ||= before;
        secondAfter ||= !before;
      }
    }
    return (firstBefore && secondAfter) || (secondBefore && firstAfter);
  };

  /**
   * Votes of groups of sentences; `pair` set: the sentences name both countries, and a cue between
   * them counts more.
   */
  const tally = (
    groups: readonly { sentences: readonly number[]; scale: number; pair: [string, string] | null }[],
  ) => {
    const totals = new Map<Acting, number>();
    const bySentence = new Map<Acting, Map<number, number>>();
    for (const { sentences, scale, pair } of groups) {
      for (const sentence of sentences) {
        for (const [index, vote] of votesOf(sentence).entries()) {
          const placement =
            pair === null || isBetween(sentence, vote.start, pair[0], pair[1]) ? 1 : OUTSIDE_PAIR_WEIGHT;
          const order = sentence < firstBodySentence && index > 0 ? LATER_HEADLINE_CUE_WEIGHT : 1;
          const weight = vote.weight * placement * order * sentenceWeight(sentence) * scale;
          totals.set(vote.type, (totals.get(vote.type) ?? 0) + weight);
          const perSentence = bySentence.get(vote.type) ?? new Map<number, number>();
          perSentence.set(sentence, (perSentence.get(sentence) ?? 0) + weight);
          bySentence.set(vote.type, perSentence);
        }
      }
    }
    return { totals, bySentence };
  };

  /** The sentences of the title when one of them names a country of the pair; else none. */
  const headlineAbout = (first: string, second: string): number[] => {
    const headline: number[] = [];
    let namesPair = false;
    for (let sentence = 0; sentence < firstBodySentence; sentence += 1) {
      const codes = countriesBySentence.get(sentence);
      namesPair ||= codes?.has(first) === true || codes?.has(second) === true;
      headline.push(sentence);
    }
    return namesPair ? headline : [];
  };

  return (pair: string): PairRelation => {
    const [first = '', second = ''] = pair.split('-');
    const shared: number[] = [];
    const single: number[] = [];
    for (const [sentence, codes] of countriesBySentence) {
      const named = (codes.has(first) ? 1 : 0) + (codes.has(second) ? 1 : 0);
      if (named === 2) shared.push(sentence);
      else if (named === 1 && codes.size === 1) single.push(sentence);
    }
    if (shared.length === 0) return { type: 'none', evidence: null };
    // The body's sentences about the pair vote with the headline; the title is counted as a
    // whole, so "… Arrived in the U.S. Officials Revoked His Visa and Deported Him." counts its
    // second sentence too.
    let votes = tally([
      { sentences: headlineAbout(first, second), scale: 1, pair: null },
      {
        sentences: shared.filter((sentence) => sentence >= firstBodySentence),
        scale: 1,
        pair: [first, second],
      },
    ]);
    if (votes.totals.size === 0)
      votes = tally([{ sentences: single, scale: SINGLE_COUNTRY_WEIGHT, pair: null }]);

    let best: Acting | null = null;
    let bestScore = 0;
    for (const type of TIE_ORDER) {
      const score = (votes.totals.get(type) ?? 0) * (isMaterial(type) ? MATERIAL_PREFERENCE : 1);
      if (score > bestScore) {
        best = type;
        bestScore = score;
      }
    }
    if (best === null) return { type: 'none', evidence: null };
    let evidence = -1;
    let evidenceWeight = 0;
    for (const [sentence, weight] of votes.bySentence.get(best) ?? []) {
      if (weight > evidenceWeight || (weight === evidenceWeight && sentence < evidence)) {
        evidence = sentence;
        evidenceWeight = weight;
      }
    }
    return { type: best, evidence: sentenceText(document, starts, evidence) };
  };
}
