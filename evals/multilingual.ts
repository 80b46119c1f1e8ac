/**
 * `wirewatch eval multilingual [--data DIR] [--labels DIR] [--half tuning|check|all] [--lang L,…]
 * [--json] [--verbose]`: the classifier on real news in languages other than English, labelled by
 * hand like the English set (docs/classification.md, "Labelling conventions"). Labels and halves live
 * in the repository, one folder per language (evals/data/multilingual/<lang>/labels.jsonl); texts
 * come from that folder's articles.jsonl when their licence lets them live there, otherwise from
 * DIR/<lang>.jsonl outside the repository (default ../devset-private/multilingual, rebuilt by
 * scripts/assemble-multilingual-devset.ts). Scores use the metric code of the English set (news.ts).
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClassifier } from '../shared/classification/classifier.ts';
import { HelpRequested, parseCommandArgs } from '../tools/cli-arguments.ts';
import { CliError } from '../tools/cli-error.ts';
import { jsonLines } from './json-lines.ts';
import {
  labelsOf,
  mistakesOf,
  type NewsArticle,
  type NewsLabels,
  type NewsPrediction,
  type NewsScores,
  type PrecisionRecall,
  predictionOf,
  scoreNews,
} from './news.ts';

const USAGE =
  'usage: wirewatch eval multilingual [--data DIR] [--labels DIR] [--half tuning|check|all] [--lang L,…] [--json] [--verbose]';
export const LABELS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'data', 'multilingual');
const DEFAULT_DATA = '../devset-private/multilingual';
const HALVES = ['tuning', 'check'] as const;

export type Half = (typeof HALVES)[number];
export const HALF_NOTES: Record<Half | 'all', string> = {
  tuning: 'tuning half: classifier work may tune on it',
  check: 'check half: never tuned on',
  all: 'both halves together (the tuning half may have been tuned on)',
};

/** One line of a language's labels.jsonl. */
export interface LabelledItem {
  id: string;
  half: Half;
  labels: NewsLabels;
}

export interface MultilingualArticle extends NewsArticle {
  lang: string;
  half: Half;
}

/** A language left out of the run, and why. */
export interface SkippedLanguage {
  lang: string;
  reason: string;
}

/** The labels of one language; throws naming the first malformed line. */
export function parseLabelLines(source: string, origin: string): LabelledItem[] {
  return Array.from(jsonLines(source, origin), ({ record, fail }) => {
    const { id, half } = record;
    if (typeof id !== 'string') return fail('needs a string "id"');
    if (!(HALVES as readonly unknown[]).includes(half)) return fail('"half" must be "tuning" or "check"');
    const labels = labelsOf(record.labels);
    if (typeof labels === 'string') return fail(labels);
    return { id, half: half as Half, labels };
  });
}

/** Title and text by id, from a JSONL file of `{"id","title","text",…}`; other fields are ignored. */
export function parseTextLines(source: string, origin: string): Map<string, { title: string; text: string }> {
  const texts = new Map<string, { title: string; text: string }>();
  for (const { record, fail } of jsonLines(source, origin)) {
    const { id, title, text } = record;
    if (typeof id !== 'string' || typeof title !== 'string' || typeof text !== 'string') {
      return fail('needs string "id", "title" and "text"');
    }
    texts.set(id, { title, text });
  }
  return texts;
}

/** Each labelled article with its text; throws listing the labelled ids that have no text. */
export function joinTexts(
  lang: string,
  items: readonly LabelledItem[],
  texts: ReadonlyMap<string, { title: string; text: string }>,
  origin: string,
): MultilingualArticle[] {
  const missing = items.filter((item) => !texts.has(item.id)).map((item) => item.id);
  if (missing.length > 0) {
    throw new Error(
      `${origin} lacks ${missing.length} of ${items.length} labelled ${lang} articles (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}): rebuild it with scripts/assemble-multilingual-devset.ts`,
    );
  }
  return items.map((item) => {
    const { title, text } = texts.get(item.id) as { title: string; text: string };
    return { id: item.id, title, text, source: {}, labels: item.labels, lang, half: item.half };
  });
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The labelled languages under `labelsDir` (those of `only` when given), each joined with its texts:
 * the folder's articles.jsonl when present, else `dataDir/<lang>.jsonl`. A language with no texts at
 * all is skipped; one whose texts miss labelled ids is an error (the texts are stale).
 */
export async function loadLanguages(
  labelsDir: string,
  dataDir: string,
  only?: readonly string[],
): Promise<{ articles: MultilingualArticle[]; skipped: SkippedLanguage[] }> {
  const entries = await readdir(labelsDir, { withFileTypes: true });
  const langs = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const unknown = (only ?? []).filter((lang) => !langs.includes(lang));
  if (unknown.length > 0) throw new CliError(`no labels for ${unknown.join(', ')} in ${labelsDir}`);
  const articles: MultilingualArticle[] = [];
  const skipped: SkippedLanguage[] = [];
  for (const lang of langs) {
    if (only !== undefined && !only.includes(lang)) continue;
    const labelsPath = join(labelsDir, lang, 'labels.jsonl');
    const labelSource = await readIfPresent(labelsPath);
    if (labelSource === undefined) continue;
    const inRepo = join(labelsDir, lang, 'articles.jsonl');
    const outside = join(dataDir, `${lang}.jsonl`);
    const inRepoTexts = await readIfPresent(inRepo);
    const textPath = inRepoTexts === undefined ? outside : inRepo;
    const textSource = inRepoTexts ?? (await readIfPresent(outside));
    if (textSource === undefined) {
      skipped.push({ lang, reason: `no texts (${outside} is missing)` });
      continue;
    }
    const items = parseLabelLines(labelSource, labelsPath);
    articles.push(...joinTexts(lang, items, parseTextLines(textSource, textPath), textPath));
  }
  return { articles, skipped };
}

/** Scores per language and over all of them (`all`); `predictions[i]` belongs to `articles[i]`. */
export function scoreByLanguage(
  articles: readonly MultilingualArticle[],
  predictions: readonly NewsPrediction[],
): Record<string, NewsScores> {
  const byLang = new Map<string, { articles: MultilingualArticle[]; predictions: NewsPrediction[] }>();
  for (const [index, article] of articles.entries()) {
    const prediction = predictions[index];
    if (prediction === undefined) throw new Error(`no prediction for ${article.id}`);
    const group = byLang.get(article.lang) ?? { articles: [], predictions: [] };
    group.articles.push(article);
    group.predictions.push(prediction);
    byLang.set(article.lang, group);
  }
  const scores: Record<string, NewsScores> = {};
  for (const lang of [...byLang.keys()].sort()) {
    const group = byLang.get(lang) as { articles: MultilingualArticle[]; predictions: NewsPrediction[] };
    scores[lang] = scoreNews(group.articles, group.predictions);
  }
  scores.all = scoreNews(articles, predictions);
  return scores;
}

const fixed = (value: number): string => value.toFixed(3);
const triple = (scores: PrecisionRecall): string =>
  `${fixed(scores.precision)} ${fixed(scores.recall)} ${fixed(scores.f1)}`;

/** The figures of one half as a table: one row per language, then `all`. */
export function reportTable(scores: Record<string, NewsScores>): string[] {
  const header = [
    'lang'.padEnd(5),
    'docs'.padStart(4),
    '  countries P R F1 ',
    ' pair acc',
    '  topics P R F1    ',
    '  relation: right pair | gold pair',
    '  off-topic given a pair',
  ].join('');
  const rows = Object.entries(scores).map(([lang, score]) =>
    [
      lang.padEnd(5),
      String(score.docs).padStart(4),
      `  ${triple(score.countries)}`,
      `  ${fixed(score.primaryPairAccuracy)}  `,
      `  ${triple(score.topics)}`,
      `  ${fixed(score.relation.onMatchedPair)} of ${String(score.relation.matchedDocs).padEnd(3)}| ${fixed(score.relation.onGoldPair)} of ${String(score.relation.goldPairDocs).padEnd(3)}`,
      `        ${score.offTopic.givenPair} of ${score.offTopic.docs}`,
    ].join(''),
  );
  return [header, ...rows];
}

function parseOptions(args: string[]) {
  const { values } = parseCommandArgs(
    args,
    {
      data: { type: 'string' },
      labels: { type: 'string' },
      half: { type: 'string' },
      lang: { type: 'string' },
      json: { type: 'boolean' },
      verbose: { type: 'boolean' },
    },
    USAGE,
  );
  if (values.half !== undefined && !['tuning', 'check', 'all'].includes(values.half)) {
    throw new CliError(`--half must be one of tuning, check, all\n\n${USAGE}`);
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
  const labelsDir = options.labels ?? LABELS_DIR;
  const dataDir = options.data ?? DEFAULT_DATA;
  const half = (options.half ?? 'check') as Half | 'all';
  const only = options.lang
    ?.split(',')
    .map((lang) => lang.trim())
    .filter((lang) => lang !== '');
  let loaded: Awaited<ReturnType<typeof loadLanguages>>;
  try {
    loaded = await loadLanguages(labelsDir, dataDir, only);
  } catch (error) {
    console.error(`cannot read the multilingual set: ${(error as Error).message}`);
    return 2;
  }
  const chosen = loaded.articles.filter((article) => half === 'all' || article.half === half);
  if (options.json !== true) {
    console.log(
      `multilingual dev set: labels ${labelsDir}, texts ${dataDir} (evals/data/multilingual/README.md)`,
    );
    for (const { lang, reason } of loaded.skipped) console.log(`  ${lang}: skipped, ${reason}`);
  }
  if (chosen.length === 0) {
    if (options.json === true) console.log(JSON.stringify({ [half]: {} }));
    else console.log('multilingual: skipped, no language has texts to score');
    return 0;
  }
  const classifier = createClassifier();
  const predictions = chosen.map((article) => {
    // The article's language goes with it so a language-aware classifier can use it.
    const input = { title: article.title, text: article.text, lang: article.lang };
    return predictionOf(classifier.classify(input));
  });
  const scores = scoreByLanguage(chosen, predictions);
  if (options.json === true) {
    console.log(JSON.stringify({ [half]: scores }));
    return 0;
  }
  console.log([HALF_NOTES[half], ...reportTable(scores)].join('\n'));
  if (options.verbose === true) {
    console.log('wrong articles, expected → got:');
    for (const [index, article] of chosen.entries()) {
      const mistakes = mistakesOf(article, predictions[index] as NewsPrediction);
      if (mistakes.length > 0) console.log(`  ${article.lang} ${article.id}: ${mistakes.join('; ')}`);
    }
  }
  return 0;
}
