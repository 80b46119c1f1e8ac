/**
 * Topic scoring. Each distinct term adds its weight, repeats add half again up to twice, a term in
 * the title counts half as much again and one in the lead a quarter. A topic passes when the total
 * reaches its threshold, comes from at least two distinct terms (or from one term strong enough on
 * its own) and from at least two evidence units (sentences; a quotation counts once), so neither
 * "attack" alone nor one quoted line makes an article about terrorism. Of the topics that pass, the
 * article's main ones are reported: at most three, each with a fair share of the leading topic's
 * weight, so a passing mention of elections does not label a diplomatic story domestic politics.
 * The score maps the total to 0..1: 0.5 at the threshold, rising towards 1.
 */
import { roundScore } from './round-score.ts';
import type { TopicDefinition, TopicTerm } from './topic-lexicon.ts';

export interface TopicHit {
  topic: number;
  term: TopicTerm;
  sentence: number;
  /** The sentence, or the first sentence of the quotation holding it. */
  unit: number;
  zone: 'title' | 'lead' | 'body';
}

export interface ScoredTopic {
  topic: TopicDefinition;
  score: number;
  /** Matched terms as written in the lexicon, strongest first (at most MAX_TERMS). */
  terms: string[];
  /** Sentences carrying the most topic weight, strongest first. */
  sentences: number[];
  /** The evidence total behind the score. */
  weight: number;
}

const REPEAT_FACTOR = 0.5;
const MAX_REPEATS = 2;
const ZONE_FACTORS = { title: 1.5, lead: 1.25, body: 1 } as const;
/** Distinct evidence units (sentences or quotations) a topic needs. */
const MIN_UNITS = 2;
/** Topics reported per article. */
export const MAX_TOPICS = 3;
/**
 * Share of the leading topic's weight a topic needs to be one of the main ones, compared on a log
 * scale: each further term adds less, so a topic with twenty terms does not bury one with six.
 */
export const MAIN_TOPIC_SHARE = 0.5;
/** Evidence terms reported per topic. */
const MAX_TERMS = 10;

/** A term's weight when it occurs `count` times: repeats add half again, up to twice. */
export function repeatedTermWeight(weight: number, count: number): number {
  return weight * (1 + REPEAT_FACTOR * Math.min(count - 1, MAX_REPEATS));
}

interface TermTally {
  term: TopicTerm;
  count: number;
  /** The strongest zone factor among the term's hits. */
  zoneFactor: number;
}

/** The topics that pass their thresholds, strongest first. */
export function scoreTopics(topics: readonly TopicDefinition[], hits: readonly TopicHit[]): ScoredTopic[] {
  const hitsByTopic = new Map<number, TopicHit[]>();
  for (const hit of hits) {
    const list = hitsByTopic.get(hit.topic);
    if (list === undefined) hitsByTopic.set(hit.topic, [hit]);
    else list.push(hit);
  }
  const scored: ScoredTopic[] = [];
  for (const [index, topicHits] of hitsByTopic) {
    const topic = topics[index];
    if (topic === undefined) continue;
    const tallies = new Map<TopicTerm, TermTally>();
    const sentenceWeights = new Map<number, number>();
    const units = new Set<number>();
    for (const hit of topicHits) {
      const tally = tallies.get(hit.term) ?? { term: hit.term, count: 0, zoneFactor: 1 };
      tally.count += 1;
      tally.zoneFactor = Math.max(tally.zoneFactor, ZONE_FACTORS[hit.zone]);
      tallies.set(hit.term, tally);
      sentenceWeights.set(hit.sentence, (sentenceWeights.get(hit.sentence) ?? 0) + hit.term.weight);
      units.add(hit.unit);
    }
    const termTallies = [...tallies.values()];
    const contributions = termTallies.map((tally) => ({
      text: tally.term.openEnd ? `${tally.term.text}*` : tally.term.text,
      value: repeatedTermWeight(tally.term.weight, tally.count) * tally.zoneFactor,
    }));
    const total = contributions.reduce((sum, contribution) => sum + contribution.value, 0);
    const strongest = Math.max(0, ...termTallies.map((tally) => tally.term.weight));
    const enoughEvidence = termTallies.length >= 2 || strongest >= topic.threshold;
    if (total < topic.threshold || !enoughEvidence || units.size < MIN_UNITS) continue;
    scored.push({
      topic,
      weight: total,
      score: roundScore(1 - 0.5 ** (total / topic.threshold)),
      terms: contributions
        .sort((left, right) => right.value - left.value)
        .slice(0, MAX_TERMS)
        .map((contribution) => contribution.text),
      sentences: [...sentenceWeights.entries()]
        .sort((left, right) => right[1] - left[1] || left[0] - right[0])
        .map(([sentence]) => sentence),
    });
  }
  return scored.sort(
    (left, right) => right.weight - left.weight || left.topic.id.localeCompare(right.topic.id),
  );
}

/** The article's main topics among those that pass (strongest first): see the module comment. */
export function mainTopics(passing: readonly ScoredTopic[]): ScoredTopic[] {
  const leading = passing[0]?.weight ?? 0;
  return passing
    .filter((topic) => Math.log1p(topic.weight) >= MAIN_TOPIC_SHARE * Math.log1p(leading))
    .slice(0, MAX_TOPICS);
}
