/**
 * `wirewatch eval relations [--json] [--verbose]`: pair relations on hand-written wire-style stories
 * (evals/relation-stories.json), each labelled with its country pair and the relation a reader gives
 * it on the CAMEO QuadClass scale. Reports, per set and overall, how often the classifier's primary
 * pair is the labelled pair, and how often the labelled pair's relation is right (the target measure:
 * "relation type of the primary pair"). `--verbose` lists the misses with their evidence sentence.
 */
import { createClassifier } from '../shared/classification/classifier.ts';
import type { RelationType } from '../shared/classification/pair-relations.ts';
import { parseCommandArgs } from '../tools/cli-arguments.ts';
import storyData from './relation-stories.json' with { type: 'json' };

const USAGE = 'usage: wirewatch eval relations [--json] [--verbose]';

interface Story {
  set: string;
  title: string;
  text: string;
  pair: string;
  relation: RelationType;
}

interface Score {
  stories: number;
  primaryPair: number;
  relation: number;
}

const ratio = (count: number, total: number) => (total === 0 ? 0 : Math.round((count / total) * 1000) / 1000);

export async function main(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    { json: { type: 'boolean' }, verbose: { type: 'boolean' } },
    USAGE,
  );
  const classifier = createClassifier();
  const scores = new Map<string, Score>();
  const misses: string[] = [];
  for (const story of storyData.stories as Story[]) {
    const { primaryPair, pairs } = classifier.classify({ title: story.title, text: story.text });
    const relation = pairs.find(({ pair }) => pair === story.pair)?.relation;
    for (const key of [story.set, 'all']) {
      const score = scores.get(key) ?? { stories: 0, primaryPair: 0, relation: 0 };
      score.stories += 1;
      if (primaryPair === story.pair) score.primaryPair += 1;
      if (relation?.type === story.relation) score.relation += 1;
      scores.set(key, score);
    }
    if (relation?.type !== story.relation) {
      misses.push(
        `  ${story.set} ${story.pair} expected ${story.relation}, got ${relation?.type ?? 'no such pair'}: ${story.title}\n    ${relation?.evidence ?? ''}`,
      );
    }
  }
  const summary = Object.fromEntries(
    [...scores]
      .sort(
        ([left], [right]) => Number(left === 'all') - Number(right === 'all') || left.localeCompare(right),
      )
      .map(([key, score]) => [
        key,
        {
          stories: score.stories,
          primaryPairAccuracy: ratio(score.primaryPair, score.stories),
          relationAccuracy: ratio(score.relation, score.stories),
        },
      ]),
  );
  if (values.json === true) {
    console.log(JSON.stringify(summary));
    return 0;
  }
  for (const [key, score] of Object.entries(summary)) {
    console.log(
      `relations ${key.padEnd(3)}: ${score.stories} stories  primary pair ${score.primaryPairAccuracy.toFixed(3)}  relation ${score.relationAccuracy.toFixed(3)}`,
    );
  }
  if (values.verbose === true) console.log(misses.join('\n'));
  return 0;
}
