/**
 * Topic scoring. Each distinct term adds its weight, repeats add half again up to twice, a term in
 * the title counts half as much again. A topic is reported when the total reaches its threshold and
 * comes from at least two distinct terms, or from one term strong enough on its own; so "attack"
 * alone never makes an article about terrorism. The score maps the total to 0..1: 0.5 at the
 * threshold, rising towards 1.
 */
import { roundScore } from './round-score.ts';
import type { TopicDefinition, TopicTerm } from './topic-lexicon.ts';

export interface TopicHit {
  topic: number;
  term: TopicTerm;
  sentence: number;
  inTitle: boolean;
}

export interface ScoredTopic {
  topic: TopicDefinition;
  score: number;
  /** Matched terms as written in the lexicon, strongest first (at most MAX_TERMS). */
  terms: string[];
  /** Sentences carrying the most topic weight, strongest first. */
  sentences: number[];
}

const REPEAT_FACTOR = 0.5;
const MAX_REPEATS = 2;
const TITLE_FACTOR = 1.5;
/** Evidence terms reported per topic. */
const MAX_TERMS = 10;

interface TermTally {
  term: TopicTerm;
  count: number;
  inTitle: boolean;
}

/** The topics that pass their thresholds, highest score first. */
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
    for (const hit of topicHits) {
      const tally = tallies.get(hit.term) ?? { term: hit.term, count: 0, inTitle: false };
      tally.count += 1;
      tally.inTitle ||= hit.inTitle;
      tallies.set(hit.term, tally);
      sentenceWeights.set(hit.sentence, (sentenceWeights.get(hit.sentence) ?? 0) + hit.term.weight);
    }
    const termTallies = [...tallies.values()];
    const contributions = termTallies.map((tally) => ({
      text: tally.term.openEnd ? `${tally.term.text}*` : tally.term.text,
      value:
        tally.term.weight *
        (1 + REPEAT_FACTOR * Math.min(tally.count - 1, MAX_REPEATS)) *
        (tally.inTitle ? TITLE_FACTOR : 1),
    }));
    const total = contributions.reduce((sum, contribution) => sum + contribution.value, 0);
    const strongest = Math.max(0, ...termTallies.map((tally) => tally.term.weight));
    const enoughEvidence = termTallies.length >= 2 || strongest >= topic.threshold;
    if (total < topic.threshold || !enoughEvidence) continue;
    scored.push({
      topic,
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
    (left, right) => right.score - left.score || left.topic.id.localeCompare(right.topic.id),
  );
}
