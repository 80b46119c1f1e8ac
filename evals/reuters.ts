/**
 * `wirewatch eval reuters [--data DIR] [--json] [--files 000-009|010-013|all] [--verbose]`: country
 * labelling quality on Reuters-21578. Each story is classified with title = TITLE and
 * text = DATELINE + BODY; its expected countries are its PLACES mapped to ISO codes by
 * DIR/places-iso.json. Prints micro precision, recall, F1 and exact-set accuracy of the predicted
 * `countries` codes over the stories with a place; stories with no place are the false-positive
 * check (how many got a country all the same); stories without a body, or whose places have no ISO
 * code, are skipped and counted.
 * The gazetteer and lexicon were tuned on files 000–009; 010–013 are the check. Human output says
 * so and shows both splits unless --files picks one.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createClassifier } from '../shared/classification/classifier.ts';
import { parseCommandArgs } from '../tools/cli-arguments.ts';
import { CliError } from '../tools/cli-error.ts';

const USAGE = 'usage: wirewatch eval reuters [--data DIR] [--json] [--files 000-009|010-013|all] [--verbose]';

/** The tuning split, the check split, and both. */
export const SPLITS: Record<string, readonly number[]> = {
  '000-009': [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  '010-013': [10, 11, 12, 13],
  all: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
};

/** The split the gazetteer and the topic lexicon were tuned on. */
export const TUNING_SPLIT = '000-009';

/** How far a split's figure is a tuned one: the reader's first question about any score. */
export function provenanceOf(split: string): string {
  if (split === TUNING_SPLIT) return 'tuned on: the gazetteer and lexicon were tuned on these files';
  if (split === 'all')
    return `partly tuned on: includes ${TUNING_SPLIT}, which the gazetteer and lexicon were tuned on`;
  return 'check: not used for tuning';
}

export interface ReutersStory {
  id: string;
  title: string;
  text: string;
  places: string[];
}

export interface CountryScores {
  docs: number;
  precision: number;
  recall: number;
  f1: number;
  exact: number;
}

/** The false-positive check: stories Reuters gave no place, and how many got a country all the same. */
export interface NoPlaceCheck {
  docs: number;
  withCountries: number;
}

function decodeEntities(value: string): string {
  return value
    .replace(/&#(\d+);/g, (_, code: string) => {
      const unit = Number(code);
      // Control characters (&#2; &#3; &#31;) are wire framing, not text.
      return unit < 32 && unit !== 9 && unit !== 10 ? '' : String.fromCharCode(unit);
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function element(source: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(source);
  return match?.[1] === undefined ? undefined : decodeEntities(match[1]);
}

/** Stories of one reut2-NNN.sgm file, parsed leniently (SGML, not XML). */
export function parseReutersSgml(source: string): ReutersStory[] {
  const stories: ReutersStory[] = [];
  for (const match of source.matchAll(/<REUTERS([^>]*)>([\s\S]*?)<\/REUTERS>/g)) {
    const attributes = match[1] ?? '';
    const body = match[2] ?? '';
    const places = [...(element(body, 'PLACES') ?? '').matchAll(/<D>([^<]*)<\/D>/g)].map((place) =>
      (place[1] ?? '').trim(),
    );
    stories.push({
      id: /NEWID="(\d+)"/.exec(attributes)?.[1] ?? '',
      title: (element(body, 'TITLE') ?? '').trim(),
      text: `${element(body, 'DATELINE') ?? ''}${element(body, 'BODY') ?? ''}`,
      places: places.filter((place) => place !== ''),
    });
  }
  return stories;
}

export interface Tally {
  docs: number;
  noPlaces: NoPlaceCheck;
  /** Countries predicted for stories with no place, for --verbose. */
  noPlaceCountries: Map<string, number>;
  /** Stories with no dateline and no body: nothing to classify. */
  withoutBody: number;
  /** Stories whose places all lack an ISO code in places-iso.json: nothing to score against. */
  unmappedPlaces: number;
  truePositives: number;
  predicted: number;
  expected: number;
  exact: number;
  falsePositives: Map<string, number>;
  falseNegatives: Map<string, number>;
}

export function emptyTally(): Tally {
  return {
    docs: 0,
    noPlaces: { docs: 0, withCountries: 0 },
    noPlaceCountries: new Map(),
    withoutBody: 0,
    unmappedPlaces: 0,
    truePositives: 0,
    predicted: 0,
    expected: 0,
    exact: 0,
    falsePositives: new Map(),
    falseNegatives: new Map(),
  };
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

export function scoresOf(tally: Tally): CountryScores {
  const precision = tally.predicted === 0 ? 0 : tally.truePositives / tally.predicted;
  const recall = tally.expected === 0 ? 0 : tally.truePositives / tally.expected;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    docs: tally.docs,
    precision: round(precision),
    recall: round(recall),
    f1: round(f1),
    exact: round(tally.docs === 0 ? 0 : tally.exact / tally.docs),
  };
}

export async function readOrFail(path: string, encoding: 'latin1' | 'utf8'): Promise<string> {
  try {
    return await readFile(path, encoding);
  } catch (error) {
    throw new CliError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

function count(counts: Map<string, number>, code: string): void {
  counts.set(code, (counts.get(code) ?? 0) + 1);
}

/**
 * Adds one story to the tally: `predicted` are the country codes the classifier gave it, `placeCodes`
 * maps Reuters places to ISO codes.
 */
export function tallyStory(
  tally: Tally,
  story: ReutersStory,
  predicted: ReadonlySet<string>,
  placeCodes: Record<string, string>,
): void {
  if (story.text.trim() === '') {
    tally.withoutBody += 1;
    return;
  }
  if (story.places.length === 0) {
    tally.noPlaces.docs += 1;
    if (predicted.size > 0) tally.noPlaces.withCountries += 1;
    for (const code of predicted) count(tally.noPlaceCountries, code);
    return;
  }
  const expected = new Set(story.places.flatMap((place) => placeCodes[place] ?? []));
  if (expected.size === 0) {
    tally.unmappedPlaces += 1;
    return;
  }
  tally.docs += 1;
  tally.expected += expected.size;
  tally.predicted += predicted.size;
  let hits = 0;
  for (const code of predicted) {
    if (expected.has(code)) hits += 1;
    else count(tally.falsePositives, code);
  }
  for (const code of expected) if (!predicted.has(code)) count(tally.falseNegatives, code);
  tally.truePositives += hits;
  if (hits === expected.size && hits === predicted.size) tally.exact += 1;
}

async function evaluate(
  dataDir: string,
  files: readonly number[],
  placeCodes: Record<string, string>,
): Promise<Tally> {
  const classifier = createClassifier();
  const tally = emptyTally();
  for (const file of files) {
    const name = `reut2-${String(file).padStart(3, '0')}.sgm`;
    for (const story of parseReutersSgml(await readOrFail(join(dataDir, name), 'latin1'))) {
      const predicted =
        story.text.trim() === ''
          ? new Set<string>()
          : new Set(classifier.classify(story).countries.map((country) => country.code));
      tallyStory(tally, story, predicted, placeCodes);
    }
  }
  return tally;
}

/** The commonest labels of a count, for --verbose error listings. */
export function topCounts(counts: Map<string, number>, limit: number): string {
  return [...counts]
    .sort((left, right) => right[1] - left[1])
    .slice(0, limit)
    .map(([label, n]) => `${label} ${n}`)
    .join(', ');
}

/** The options both Reuters evals take. */
export function parseReutersArgs(args: string[], usage: string) {
  const { values } = parseCommandArgs(
    args,
    {
      data: { type: 'string' },
      json: { type: 'boolean' },
      files: { type: 'string' },
      verbose: { type: 'boolean' },
    },
    usage,
  );
  if (values.files !== undefined && SPLITS[values.files] === undefined) {
    throw new CliError(`--files must be one of ${Object.keys(SPLITS).join(', ')}\n${usage}`);
  }
  return { ...values, data: values.data ?? '../shared/data/reuters' };
}

export async function main(args: string[]): Promise<number> {
  const values = parseReutersArgs(args, USAGE);
  const dataDir = values.data;
  const placeCodes = JSON.parse(await readOrFail(join(dataDir, 'places-iso.json'), 'utf8')) as Record<
    string,
    string
  >;
  if (values.json === true) {
    const files = values.files ?? 'all';
    const tally = await evaluate(dataDir, SPLITS[files] ?? [], placeCodes);
    console.log(
      JSON.stringify({ ...scoresOf(tally), noPlaces: tally.noPlaces, files, tunedOn: TUNING_SPLIT }),
    );
    return 0;
  }
  console.log(
    `Reuters-21578 (${dataDir}), countries against PLACES; the gazetteer and lexicon were tuned on files ${TUNING_SPLIT}`,
  );
  const splits = values.files === undefined ? [TUNING_SPLIT, '010-013'] : [values.files];
  for (const split of splits) {
    const tally = await evaluate(dataDir, SPLITS[split] ?? [], placeCodes);
    const scores = scoresOf(tally);
    const { docs, withCountries } = tally.noPlaces;
    console.log(
      `reuters ${split} (${provenanceOf(split)}): ${scores.docs} docs  precision ${scores.precision.toFixed(3)}  recall ${scores.recall.toFixed(3)}  micro-F1 ${scores.f1.toFixed(3)}  exact ${scores.exact.toFixed(3)}`,
    );
    console.log(
      `  false-positive check: ${docs} stories with no PLACES, ${withCountries} of them (${percent(withCountries, docs)}) got ≥1 country predicted (an upper bound on false positives: Reuters left many stories untagged)`,
    );
    console.log(
      `  skipped: ${tally.withoutBody} stories without a body, ${tally.unmappedPlaces} whose places have no ISO code`,
    );
    if (values.verbose === true) {
      console.log(`  false positives: ${topCounts(tally.falsePositives, 12)}`);
      console.log(`  false negatives: ${topCounts(tally.falseNegatives, 12)}`);
      console.log(`  predicted for stories with no PLACES: ${topCounts(tally.noPlaceCountries, 12)}`);
    }
  }
  return 0;
}

function percent(part: number, whole: number): string {
  return `${whole === 0 ? '0.0' : ((100 * part) / whole).toFixed(1)}%`;
}
