import { join } from 'node:path';
import { createClassifier } from '../shared/classification/classifier.ts';
import { TOPIC_IDS, type TopicId } from '../shared/classification/topic-ids.ts';
import {
  parseReutersArgs,
  parseReutersSgml,
  provenanceOf,
  type ReutersStory,
  readOrFail,
  SPLITS,
  TUNING_SPLIT,
  topCounts,
} from './reuters.ts';
import mapData from './reuters-topic-map.json' with { type: 'json' };

const USAGE =
  'usage: wirewatch eval reuters-topics [--data DIR] [--json] [--files 000-009|010-013|all] [--verbose]';

export interface ReutersTopicStory extends ReutersStory {
  /** The story's Reuters TOPICS categories, e.g. ['crude', 'nat-gas']. */
  topics: string[];
  /** TOPICS="YES": the indexer considered the story's categories, so a missing one is a negative. */
  indexed: boolean;
}

export interface TopicMap {
  /** Reuters category → wirewatch topic. */
  labels: ReadonlyMap<string, TopicId>;
  /** The wirewatch topics the map can judge, in TOPIC_IDS order. */
  judged: readonly TopicId[];
}

export interface TopicScore {
  precision: number;
  recall: number;
  f1: number;
  /** Stories expected to carry the topic. */
  support: number;
}

export interface TopicScores {
  docs: number;
  topics: Record<string, TopicScore>;
  microPrecision: number;
  microRecall: number;
  microF1: number;
  macroF1: number;
}

interface Counts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Reuters categories (or "(none)") of the stories behind each false positive / negative. */
  falsePositiveLabels: Map<string, number>;
  falseNegativeLabels: Map<string, number>;
}

export interface TopicTally {
  docs: number;
  byTopic: Map<TopicId, Counts>;
}

/** Stories of one reut2-NNN.sgm file with their TOPICS categories. */
export function parseReutersTopicStories(source: string): ReutersTopicStory[] {
  const stories: ReutersTopicStory[] = [];
  for (const match of source.matchAll(/<REUTERS([^>]*)>[\s\S]*?<\/REUTERS>/g)) {
    const [story] = parseReutersSgml(match[0]);
    if (story === undefined) continue;
    const topicsField = /<TOPICS>([\s\S]*?)<\/TOPICS>/.exec(match[0])?.[1] ?? '';
    const topics = [...topicsField.matchAll(/<D>([^<]*)<\/D>/g)]
      .map((topic) => (topic[1] ?? '').trim())
      .filter((topic) => topic !== '');
    stories.push({ ...story, topics, indexed: /\bTOPICS="YES"/.test(match[1] ?? '') });
  }
  return stories;
}

/** Validates a map file's contents (default evals/reuters-topic-map.json). */
export function loadTopicMap(data: unknown = mapData): TopicMap {
  const map = (data as { map?: unknown }).map;
  if (typeof map !== 'object' || map === null) throw new Error('topic map: missing "map" object');
  const known = new Set<string>(TOPIC_IDS);
  const labels = new Map<string, TopicId>();
  for (const [label, topic] of Object.entries(map)) {
    if (typeof topic !== 'string' || !known.has(topic)) {
      throw new Error(`topic map: "${label}" maps to unknown topic ${JSON.stringify(topic)}`);
    }
    labels.set(label, topic as TopicId);
  }
  const targets = new Set(labels.values());
  return { labels, judged: TOPIC_IDS.filter((id) => targets.has(id)) };
}

/** The judged wirewatch topics a story's Reuters categories stand for. */
export function expectedTopics(categories: readonly string[], map: TopicMap): Set<TopicId> {
  return new Set(categories.flatMap((category) => map.labels.get(category) ?? []));
}

export function emptyTopicTally(map: TopicMap): TopicTally {
  return {
    docs: 0,
    byTopic: new Map(
      map.judged.map((topic) => [
        topic,
        {
          truePositives: 0,
          falsePositives: 0,
          falseNegatives: 0,
          falsePositiveLabels: new Map(),
          falseNegativeLabels: new Map(),
        },
      ]),
    ),
  };
}

/**
 * Adds the judgeable stories (indexed, with a body) to the tally; `predict` returns the topic ids the
 * classifier reports, of which only the judged ones count.
 */
export function tallyStories(
  tally: TopicTally,
  stories: Iterable<ReutersTopicStory>,
  predict: (story: ReutersTopicStory) => Iterable<string>,
  map: TopicMap,
): TopicTally {
  const bump = (counts: Map<string, number>, categories: readonly string[]): void => {
    for (const category of categories.length === 0 ? ['(none)'] : categories) {
      counts.set(category, (counts.get(category) ?? 0) + 1);
    }
  };
  for (const story of stories) {
    if (!story.indexed || story.text.trim() === '') continue;
    const expected = expectedTopics(story.topics, map);
    const predicted = new Set(predict(story));
    tally.docs += 1;
    for (const [topic, counts] of tally.byTopic) {
      const want = expected.has(topic);
      const got = predicted.has(topic);
      if (want && got) counts.truePositives += 1;
      else if (got) {
        counts.falsePositives += 1;
        bump(counts.falsePositiveLabels, story.topics);
      } else if (want) {
        counts.falseNegatives += 1;
        bump(counts.falseNegativeLabels, story.topics);
      }
    }
  }
  return tally;
}

const round = (value: number): number => Math.round(value * 1000) / 1000;
const ratio = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);
const harmonic = (precision: number, recall: number): number =>
  precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);

export function topicScoresOf(tally: TopicTally): TopicScores {
  const topics: Record<string, TopicScore> = {};
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let f1Sum = 0;
  for (const [topic, counts] of tally.byTopic) {
    const precision = ratio(counts.truePositives, counts.truePositives + counts.falsePositives);
    const recall = ratio(counts.truePositives, counts.truePositives + counts.falseNegatives);
    const f1 = harmonic(precision, recall);
    f1Sum += f1;
    topics[topic] = {
      precision: round(precision),
      recall: round(recall),
      f1: round(f1),
      support: counts.truePositives + counts.falseNegatives,
    };
    truePositives += counts.truePositives;
    falsePositives += counts.falsePositives;
    falseNegatives += counts.falseNegatives;
  }
  const microPrecision = ratio(truePositives, truePositives + falsePositives);
  const microRecall = ratio(truePositives, truePositives + falseNegatives);
  return {
    docs: tally.docs,
    topics,
    microPrecision: round(microPrecision),
    microRecall: round(microRecall),
    microF1: round(harmonic(microPrecision, microRecall)),
    macroF1: round(ratio(f1Sum, tally.byTopic.size)),
  };
}

async function evaluate(dataDir: string, files: readonly number[], map: TopicMap): Promise<TopicTally> {
  const classifier = createClassifier();
  const judged = new Set<string>(map.judged);
  const predict = (story: ReutersTopicStory): string[] =>
    classifier
      .classify(story)
      .topics.map((topic) => topic.id)
      .filter((id) => judged.has(id));
  const tally = emptyTopicTally(map);
  for (const file of files) {
    const name = `reut2-${String(file).padStart(3, '0')}.sgm`;
    tallyStories(
      tally,
      parseReutersTopicStories(await readOrFail(join(dataDir, name), 'latin1')),
      predict,
      map,
    );
  }
  return tally;
}

export async function main(args: string[]): Promise<number> {
  const values = parseReutersArgs(args, USAGE);
  const dataDir = values.data;
  const map = loadTopicMap();
  if (values.json === true) {
    const files = values.files ?? 'all';
    const scores = topicScoresOf(await evaluate(dataDir, SPLITS[files] ?? [], map));
    console.log(
      JSON.stringify({
        docs: scores.docs,
        topics: scores.topics,
        microF1: scores.microF1,
        macroF1: scores.macroF1,
        files,
        tunedOn: TUNING_SPLIT,
      }),
    );
    return 0;
  }
  console.log(
    `Reuters-21578 (${dataDir}), the ${map.judged.length} topics its TOPICS categories can judge; the lexicon was tuned on files ${TUNING_SPLIT}`,
  );
  const splits = values.files === undefined ? [TUNING_SPLIT, '010-013'] : [values.files];
  for (const split of splits) {
    const tally = await evaluate(dataDir, SPLITS[split] ?? [], map);
    const scores = topicScoresOf(tally);
    console.log(
      `reuters topics ${split} (${provenanceOf(split)}): ${scores.docs} docs  micro precision ${scores.microPrecision.toFixed(3)}  recall ${scores.microRecall.toFixed(3)}  F1 ${scores.microF1.toFixed(3)}  macro-F1 ${scores.macroF1.toFixed(3)}`,
    );
    for (const [topic, score] of Object.entries(scores.topics)) {
      console.log(
        `  ${topic.padEnd(16)} precision ${score.precision.toFixed(3)}  recall ${score.recall.toFixed(3)}  F1 ${score.f1.toFixed(3)}  support ${score.support}`,
      );
      const counts = tally.byTopic.get(topic as TopicId);
      if (values.verbose === true && counts !== undefined) {
        console.log(
          `    false positives (${counts.falsePositives}): ${topCounts(counts.falsePositiveLabels, 10)}`,
        );
        console.log(
          `    false negatives (${counts.falseNegatives}): ${topCounts(counts.falseNegativeLabels, 10)}`,
        );
      }
    }
  }
  return 0;
}
