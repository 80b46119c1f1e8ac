/**
 * `wirewatch eval news [--data FILE] [--split tuning|check|all] [--json] [--verbose]`: the classifier
 * on real news labelled by hand (docs/classification.md, "Labelling conventions"). FILE is JSONL,
 * one `{"id","title","text","source","labels"}` per line (default ../devset-private/news.jsonl: the
 * texts may not be redistributed, see evals/data/news/README.md). Each article's half is fixed by
 * its id; human output shows both halves unless --split picks one.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { type Classification, createClassifier } from '../shared/classification/classifier.ts';
import { RELATION_TYPES, type RelationType } from '../shared/classification/pair-relations.ts';
import { TOPIC_IDS } from '../shared/classification/topic-ids.ts';
import { HelpRequested, parseCommandArgs } from '../tools/cli-arguments.ts';
import { CliError } from '../tools/cli-error.ts';
import { jsonLines } from './json-lines.ts';

const USAGE = 'usage: wirewatch eval news [--data FILE] [--split tuning|check|all] [--json] [--verbose]';
const DEFAULT_DATA = '../devset-private/news.jsonl';

export type Split = 'tuning' | 'check';
export const SPLIT_NOTES: Record<Split, string> = {
  tuning: 'tuning half: the classifier was tuned on it',
  check: 'check half: never tuned on',
};

export interface NewsLabels {
  countries: string[];
  primaryPair: string | null;
  topics: string[];
  /** Pair → relation, e.g. { 'PK-US': 'verbal-cooperation' }. */
  relations: Record<string, RelationType>;
}

export interface NewsArticle {
  id: string;
  title: string;
  text: string;
  source: Record<string, string>;
  labels: NewsLabels;
}

/** What the eval reads of a classification. */
export interface NewsPrediction {
  countries: string[];
  primaryPair: string | null;
  topics: string[];
  /** The relation the classifier gives each reported pair. */
  relations: Map<string, RelationType>;
}

export interface PrecisionRecall {
  precision: number;
  recall: number;
  f1: number;
}

export interface NewsScores {
  docs: number;
  countries: PrecisionRecall;
  primaryPairAccuracy: number;
  topics: PrecisionRecall;
  /** Per topic id, over the topics expected or predicted at least once. */
  perTopic: Record<string, PrecisionRecall & { support: number }>;
  /**
   * Relation accuracy of the primary pair: `onMatchedPair` over articles whose gold pair is set and
   * predicted exactly; `onGoldPair` over every article with a gold pair, a wrong pair counting as
   * wrong.
   */
  relation: { onMatchedPair: number; matchedDocs: number; onGoldPair: number; goldPairDocs: number };
  /** Off-topic articles (no gold country) and how many of them the classifier gave a pair. */
  offTopic: { docs: number; givenPair: number };
}

export interface WrongArticle {
  id: string;
  mistakes: string[];
}

/** Each article's half: SHA-256 of its id, first byte below 128 → tuning. Never stored. */
export function splitOf(id: string): Split {
  return (createHash('sha256').update(id).digest()[0] ?? 0) < 128 ? 'tuning' : 'check';
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** The labels of one article, or why they cannot be used. */
export function labelsOf(value: unknown): NewsLabels | string {
  if (typeof value !== 'object' || value === null) return 'missing "labels" object';
  const { countries, primaryPair, topics, relations } = value as Record<string, unknown>;
  if (!isStringArray(countries)) return '"countries" must be an array of codes';
  if (primaryPair !== null && typeof primaryPair !== 'string') return '"primaryPair" must be a pair or null';
  if (!isStringArray(topics)) return '"topics" must be an array of topic ids';
  const unknownTopic = topics.find((topic) => !(TOPIC_IDS as readonly string[]).includes(topic));
  if (unknownTopic !== undefined) return `unknown topic "${unknownTopic}"`;
  if (typeof relations !== 'object' || relations === null) return '"relations" must be an object';
  for (const [pair, type] of Object.entries(relations)) {
    if (!(RELATION_TYPES as readonly unknown[]).includes(type))
      return `unknown relation "${String(type)}" for ${pair}`;
  }
  return { countries, primaryPair, topics, relations: relations as Record<string, RelationType> };
}

/** Articles of a JSONL file; throws naming the first malformed line. */
export function parseNewsJsonl(source: string, origin: string): NewsArticle[] {
  return Array.from(jsonLines(source, origin), ({ record, fail }) => {
    const { id, title, text, source: provenance } = record;
    if (typeof id !== 'string' || typeof title !== 'string' || typeof text !== 'string') {
      return fail('needs string "id", "title" and "text"');
    }
    const labels = labelsOf(record.labels);
    if (typeof labels === 'string') return fail(labels);
    return { id, title, text, source: (provenance ?? {}) as Record<string, string>, labels };
  });
}

/** What the eval compares of a classification. */
export function predictionOf(result: Classification): NewsPrediction {
  return {
    countries: result.countries.map((country) => country.code),
    primaryPair: result.primaryPair,
    topics: result.topics.map((topic) => topic.id),
    relations: new Map(result.pairs.map((pair) => [pair.pair, pair.relation.type])),
  };
}

interface Counts {
  truePositives: number;
  predicted: number;
  expected: number;
}

const round = (value: number): number => Math.round(value * 1000) / 1000;
const ratio = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

function precisionRecall({ truePositives, predicted, expected }: Counts): PrecisionRecall {
  const precision = ratio(truePositives, predicted);
  const recall = ratio(truePositives, expected);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: round(precision), recall: round(recall), f1: round(f1) };
}

function addSetCounts(counts: Counts, expected: readonly string[], predicted: readonly string[]): void {
  const gold = new Set(expected);
  const got = new Set(predicted);
  counts.expected += gold.size;
  counts.predicted += got.size;
  for (const item of got) if (gold.has(item)) counts.truePositives += 1;
}

const sameSet = (left: readonly string[], right: readonly string[]): boolean =>
  new Set(left).size === new Set(right).size && left.every((item) => right.includes(item));

/** Scores predictions against the labels; `predictions[i]` belongs to `articles[i]`. */
export function scoreNews(
  articles: readonly NewsArticle[],
  predictions: readonly NewsPrediction[],
): NewsScores {
  const countries: Counts = { truePositives: 0, predicted: 0, expected: 0 };
  const topics: Counts = { truePositives: 0, predicted: 0, expected: 0 };
  const byTopic = new Map<string, Counts>();
  let pairHits = 0;
  let matchedDocs = 0;
  let relationHits = 0;
  let goldPairDocs = 0;
  const offTopic = { docs: 0, givenPair: 0 };
  for (const [index, article] of articles.entries()) {
    const prediction = predictions[index];
    if (prediction === undefined) throw new Error(`no prediction for ${article.id}`);
    const gold = article.labels;
    addSetCounts(countries, gold.countries, prediction.countries);
    addSetCounts(topics, gold.topics, prediction.topics);
    for (const topic of new Set([...gold.topics, ...prediction.topics])) {
      const counts = byTopic.get(topic) ?? { truePositives: 0, predicted: 0, expected: 0 };
      addSetCounts(
        counts,
        gold.topics.includes(topic) ? [topic] : [],
        prediction.topics.includes(topic) ? [topic] : [],
      );
      byTopic.set(topic, counts);
    }
    if (prediction.primaryPair === gold.primaryPair) pairHits += 1;
    if (gold.primaryPair !== null) {
      goldPairDocs += 1;
      if (prediction.primaryPair === gold.primaryPair) {
        matchedDocs += 1;
        if (prediction.relations.get(gold.primaryPair) === gold.relations[gold.primaryPair])
          relationHits += 1;
      }
    }
    if (gold.countries.length === 0) {
      offTopic.docs += 1;
      if (prediction.primaryPair !== null) offTopic.givenPair += 1;
    }
  }
  const perTopic: NewsScores['perTopic'] = {};
  for (const topic of TOPIC_IDS) {
    const counts = byTopic.get(topic);
    if (counts !== undefined) perTopic[topic] = { ...precisionRecall(counts), support: counts.expected };
  }
  return {
    docs: articles.length,
    countries: precisionRecall(countries),
    primaryPairAccuracy: round(ratio(pairHits, articles.length)),
    topics: precisionRecall(topics),
    perTopic,
    relation: {
      onMatchedPair: round(ratio(relationHits, matchedDocs)),
      matchedDocs,
      onGoldPair: round(ratio(relationHits, goldPairDocs)),
      goldPairDocs,
    },
    offTopic,
  };
}

const listed = (items: readonly string[]): string => (items.length === 0 ? '(none)' : items.join(' '));

/** What the classifier got wrong on one article, for --verbose. */
export function mistakesOf(article: NewsArticle, prediction: NewsPrediction): string[] {
  const gold = article.labels;
  const mistakes: string[] = [];
  if (!sameSet(gold.countries, prediction.countries)) {
    mistakes.push(`countries ${listed(gold.countries)} → ${listed(prediction.countries)}`);
  }
  if (gold.primaryPair !== prediction.primaryPair) {
    mistakes.push(`pair ${gold.primaryPair ?? 'null'} → ${prediction.primaryPair ?? 'null'}`);
  } else if (gold.primaryPair !== null) {
    const expected = gold.relations[gold.primaryPair];
    const got = prediction.relations.get(gold.primaryPair);
    if (expected !== got) mistakes.push(`relation ${expected ?? '?'} → ${got ?? '(none)'}`);
  }
  if (!sameSet(gold.topics, prediction.topics)) {
    mistakes.push(`topics ${listed(gold.topics)} → ${listed(prediction.topics)}`);
  }
  return mistakes;
}

const fixed = (value: number): string => value.toFixed(3);
const prLine = (scores: PrecisionRecall): string =>
  `P ${fixed(scores.precision)}  R ${fixed(scores.recall)}  F1 ${fixed(scores.f1)}`;

function report(split: string, scores: NewsScores): string[] {
  const relation =
    `${fixed(scores.relation.onMatchedPair)} over ${scores.relation.matchedDocs} docs with the right pair, ` +
    `${fixed(scores.relation.onGoldPair)} over all ${scores.relation.goldPairDocs} with a gold pair`;
  return [
    `news ${split}: ${scores.docs} docs`,
    `  countries      ${prLine(scores.countries)}`,
    `  primary pair   accuracy ${fixed(scores.primaryPairAccuracy)}`,
    `  topics         ${prLine(scores.topics)}`,
    `  relation       ${relation}`,
    `  off-topic      ${scores.offTopic.givenPair} of ${scores.offTopic.docs} given a pair`,
  ];
}

function verboseReport(scores: NewsScores, wrong: readonly WrongArticle[]): string[] {
  const lines = ['  per topic (P R F1 support):'];
  for (const [topic, score] of Object.entries(scores.perTopic)) {
    lines.push(`    ${topic.padEnd(22)} ${prLine(score)}  ${score.support}`);
  }
  lines.push(`  wrong articles (${wrong.length}), expected → got:`);
  for (const article of wrong) lines.push(`    ${article.id}: ${article.mistakes.join('; ')}`);
  return lines;
}

function parseOptions(args: string[]) {
  const { values } = parseCommandArgs(
    args,
    {
      data: { type: 'string' },
      split: { type: 'string' },
      json: { type: 'boolean' },
      verbose: { type: 'boolean' },
    },
    USAGE,
  );
  if (values.split !== undefined && !['tuning', 'check', 'all'].includes(values.split)) {
    throw new CliError(`--split must be one of tuning, check, all\n\n${USAGE}`);
  }
  return values;
}

export async function main(args: string[]): Promise<number> {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(args);
  } catch (error) {
    if (!(error instanceof CliError) || error instanceof HelpRequested) throw error;
    console.error(error.message);
    return 2;
  }
  const dataPath = options.data ?? DEFAULT_DATA;
  let articles: NewsArticle[];
  try {
    articles = parseNewsJsonl(await readFile(dataPath, 'utf8'), dataPath);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    console.error(
      `cannot read ${dataPath}: ${reason} (the texts live outside the repository: evals/data/news/README.md)`,
    );
    return 2;
  }
  const classifier = createClassifier();
  const predictions = new Map(
    articles.map((article) => [article.id, predictionOf(classifier.classify(article))]),
  );
  const splits = options.split === undefined ? ['tuning', 'check'] : [options.split];
  const figures: Record<string, NewsScores> = {};
  for (const split of splits) {
    const chosen = articles.filter((article) => split === 'all' || splitOf(article.id) === split);
    const chosenPredictions = chosen.map((article) => predictions.get(article.id) as NewsPrediction);
    const scores = scoreNews(chosen, chosenPredictions);
    figures[split] = scores;
    if (options.json === true) continue;
    const note = split === 'all' ? 'both halves' : SPLIT_NOTES[split as Split];
    console.log([`${note}`, ...report(split, scores)].join('\n'));
    if (options.verbose === true) {
      const wrong = chosen
        .map((article, index) => ({
          id: article.id,
          mistakes: mistakesOf(article, chosenPredictions[index] as NewsPrediction),
        }))
        .filter((article) => article.mistakes.length > 0);
      console.log(verboseReport(scores, wrong).join('\n'));
    }
  }
  if (options.json === true) console.log(JSON.stringify(figures));
  return 0;
}
