/**
 * Country pairs: which two countries an article is about together. Each sentence naming two salient
 * countries adds to their pair, more when it carries a relation cue ("bilateral", "talks between",
 * "ties", "visit", "delegation": data/relation-cues.json) and more again when it links them as the
 * parties ("Pak-US relations", "talks between Pakistan and the US"). The pair score weighs that co-occurrence by the salience of both countries.
 */

import type { CountrySalience } from './country-salience.ts';
import relationCueData from './data/relation-cues.json' with { type: 'json' };
import { roundScore } from './round-score.ts';

export interface RelationCue {
  phrase: string;
  weight: number;
}

export interface RankedPair {
  /** ISO codes sorted and joined by '-', e.g. 'PK-US'. */
  pair: string;
  score: number;
  /** Sentences that support the pair, strongest first. */
  sentences: number[];
}

/** Relation cue phrases from data/relation-cues.json. */
export function relationCues(): RelationCue[] {
  return Object.entries(relationCueData.cues as Record<string, number>).map(([phrase, weight]) => ({
    phrase,
    weight,
  }));
}

/** Pairs reported per article. */
export const MAX_PAIRS = 5;
/** Extra weight of a sentence that links two countries as parties: "Pak-US", "between X and Y". */
const LINK_BONUS = 1;
/** Co-occurrence weight at which the co-occurrence factor reaches about 63%. */
const COOCCURRENCE_SCALE = 2;
/**
 * Score a pair needs to be reported: below it the second country is background (a name in passing,
 * a place someone came from), and the article has no pair.
 */
export const MIN_PAIR_SCORE = 0.3;
/** Share of the salience product a pair keeps when its countries never share a sentence. */
const SEPARATE_FACTOR = 0.15;

export interface PairInput {
  salient: readonly CountrySalience[];
  /** Countries named in each sentence (only sentences naming two or more matter). */
  countriesBySentence: ReadonlyMap<number, ReadonlySet<string>>;
  /** Strongest relation cue weight in each sentence that has one. */
  relationBySentence: ReadonlyMap<number, number>;
  /**
   * Sentences that link two countries as the parties of one relation: a compound ("Pak-US",
   * "Sino-Indian") or "between Pakistan and the US".
   */
  links: readonly { sentence: number; codes: [string, string] }[];
}

function pairKey(first: string, second: string): string {
  return first < second ? `${first}-${second}` : `${second}-${first}`;
}

/** Pairs of salient countries, best first, at most MAX_PAIRS. */
export function rankPairs(input: PairInput): RankedPair[] {
  const { salient, countriesBySentence, relationBySentence, links } = input;
  if (salient.length < 2) return [];
  const salience = new Map(salient.map((country) => [country.code, country.score]));
  const support = new Map<string, Map<number, number>>();
  const addSupport = (key: string, sentence: number, weight: number): void => {
    let sentences = support.get(key);
    if (sentences === undefined) {
      sentences = new Map();
      support.set(key, sentences);
    }
    sentences.set(sentence, (sentences.get(sentence) ?? 0) + weight);
  };
  for (const [sentence, codes] of countriesBySentence) {
    const present = [...codes].filter((code) => salience.has(code));
    for (let first = 0; first < present.length; first += 1) {
      for (let second = first + 1; second < present.length; second += 1) {
        const key = pairKey(present[first] ?? '', present[second] ?? '');
        addSupport(key, sentence, 1 + (relationBySentence.get(sentence) ?? 0));
      }
    }
  }
  for (const { sentence, codes } of links) {
    if (salience.has(codes[0]) && salience.has(codes[1]) && codes[0] !== codes[1]) {
      addSupport(pairKey(codes[0], codes[1]), sentence, LINK_BONUS);
    }
  }
  const pairs: RankedPair[] = [];
  for (let first = 0; first < salient.length; first += 1) {
    for (let second = first + 1; second < salient.length; second += 1) {
      const a = salient[first];
      const b = salient[second];
      if (a === undefined || b === undefined) continue;
      const key = pairKey(a.code, b.code);
      const sentences = support.get(key) ?? new Map<number, number>();
      const cooccurrence = [...sentences.values()].reduce((total, weight) => total + weight, 0);
      const factor = cooccurrence > 0 ? 1 - Math.exp(-cooccurrence / COOCCURRENCE_SCALE) : SEPARATE_FACTOR;
      pairs.push({
        pair: key,
        score: roundScore(Math.sqrt(a.score * b.score) * factor),
        sentences: [...sentences.entries()]
          .sort((left, right) => right[1] - left[1] || left[0] - right[0])
          .map(([sentence]) => sentence),
      });
    }
  }
  return pairs
    .filter((pair) => pair.score >= MIN_PAIR_SCORE)
    .sort((left, right) => right.score - left.score || left.pair.localeCompare(right.pair))
    .slice(0, MAX_PAIRS);
}
