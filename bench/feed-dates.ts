/**
 * `wirewatch bench feed-dates [--json] [--data DIR] [--rounds N] [--limit-ms M]`: how long one feed
 * date can hold up parsing. Reads every date field of the feedparser corpus (RSS, Atom, RDF and JSON
 * Feed date elements under DIR/feedparser/tests, when present) and generated hostile dates of 3, 4 and
 * 9 KB, the kind that once stalled wirewatch's parseFeedDate for seconds; times each input alone,
 * `--rounds` times, with wirewatch's parseFeedDate and with the baseline, Node's own `Date.parse`
 * (no third-party date parser is installed); prints each input's worst (slowest) time side by side.
 * Exits 1 when wirewatch's worst time on any input exceeds `--limit-ms`. --json prints exactly
 * {"limitMs", "inputs": [{"name", "chars", "wirewatchMs", "baselineMs"}], "overLimit": [names]}.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesUnder } from '../evals/corpus-files.ts';
import { parseFeedDate } from '../shared/feeds/feed-date.ts';
import { parseCommandArgs } from '../tools/cli-arguments.ts';
import { CliError } from '../tools/cli-error.ts';

const USAGE = 'usage: wirewatch bench feed-dates [--json] [--data DIR] [--rounds N] [--limit-ms M]';

/** Elements feeds carry dates in, with any namespace prefix (dc:date, dcterms:modified, atom:updated …). */
const DATE_ELEMENT =
  /<((?:[\w-]+:)?(?:pubDate|lastBuildDate|date|updated|published|issued|modified|created))\b[^>]*>([^<]*)<\/\1>/g;
const JSON_DATE_KEYS = ['date_published', 'date_modified'];

export interface DateInput {
  readonly name: string;
  readonly text: string;
}

/** The date fields of one feed file's text: element contents for XML, item date keys for JSON Feed. */
export function feedDateFields(text: string, isJson: boolean): string[] {
  if (!isJson) return [...text.matchAll(DATE_ELEMENT)].map((match) => match[2] ?? '');
  try {
    const items = (JSON.parse(text) as { items?: unknown }).items;
    if (!Array.isArray(items)) return [];
    return items.flatMap((item: Record<string, unknown>) =>
      JSON_DATE_KEYS.map((key) => item[key]).filter((value): value is string => typeof value === 'string'),
    );
  } catch {
    return [];
  }
}

/** Dates built to make backtracking patterns slow: long runs of what a lax pattern lets repeat. */
export function hostileDates(): DateInput[] {
  return [3000, 4000, 9000].flatMap((size) => [
    { name: `month-first, ${size} spaces before the year`, text: `Jan 1 1:00 ${' '.repeat(size)}x` },
    { name: `month-first, ${size} chars of words as zone`, text: `Jan 1 1:00 ${'a '.repeat(size / 2)}x` },
    {
      name: `RFC 822, ${size} chars of spaces and digits`,
      text: `1 Jan 2020 10:00${' 1'.repeat(size / 2)}x`,
    },
    { name: `ISO, ${size} fraction digits`, text: `2003-12-31T10:14:55.${'1'.repeat(size)}Z` },
    { name: `valid date in ${size} chars of padding`, text: `${' '.repeat(size)}2003-12-31T10:14:55Z` },
  ]);
}

function corpusDates(data: string): DateInput[] {
  const tests = join(data, 'feedparser', 'tests');
  if (!existsSync(tests)) return [];
  return filesUnder(tests).flatMap((path) =>
    feedDateFields(readFileSync(path, 'utf8'), path.endsWith('.json')).map((text, index) => ({
      name: `${path.slice(tests.length + 1)}#${index + 1}`,
      text,
    })),
  );
}

/** The slowest of `rounds` timings of one call, in milliseconds. */
function worstMs(rounds: number, parse: () => unknown): number {
  let worst = 0;
  for (let round = 0; round < rounds; round += 1) {
    const started = performance.now();
    parse();
    worst = Math.max(worst, performance.now() - started);
  }
  return worst;
}

export async function main(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      data: { type: 'string', default: '../shared/data/feeds' },
      json: { type: 'boolean', default: false },
      rounds: { type: 'string', default: '5' },
      'limit-ms': { type: 'string', default: '50' },
    },
    USAGE,
  );
  const rounds = Number(values.rounds);
  const limitMs = Number(values['limit-ms']);
  if (!Number.isInteger(rounds) || rounds < 1) throw new CliError('--rounds takes a whole number ≥ 1');
  if (!(limitMs > 0)) throw new CliError('--limit-ms takes a number of milliseconds > 0');
  const corpus = corpusDates(values.data);
  const hostile = hostileDates();
  const measure = (input: DateInput) => ({
    name: input.name,
    chars: input.text.length,
    wirewatchMs: Number(worstMs(rounds, () => parseFeedDate(input.text)).toFixed(3)),
    baselineMs: Number(worstMs(rounds, () => Date.parse(input.text)).toFixed(3)),
  });
  // A warm-up pass, so that the first inputs do not carry the patterns' compilation.
  for (const input of [...corpus, ...hostile]) measure(input);
  const corpusResults = corpus.map(measure);
  const hostileResults = hostile.map(measure);
  const inputs = [...corpusResults, ...hostileResults];
  const overLimit = inputs.filter((input) => input.wirewatchMs > limitMs).map((input) => input.name);
  if (values.json) {
    console.log(JSON.stringify({ limitMs, inputs, overLimit }));
    return overLimit.length === 0 ? 0 : 1;
  }
  const row = (name: string, chars: string, wirewatchMs: number, baselineMs: number) =>
    `${name.padEnd(48)} ${chars.padStart(6)} ${wirewatchMs.toFixed(3).padStart(10)} ${baselineMs.toFixed(3).padStart(10)}`;
  console.log(`worst of ${rounds} timings per input, wall ms; baseline is Node's Date.parse`);
  console.log(
    `${'input'.padEnd(48)} ${'chars'.padStart(6)} ${'wirewatch'.padStart(10)} ${'baseline'.padStart(10)}`,
  );
  if (corpusResults.length === 0) {
    console.log(`(no feedparser corpus under ${values.data}: hostile inputs only)`);
  } else {
    const slowest = (key: 'wirewatchMs' | 'baselineMs') =>
      Math.max(...corpusResults.map((input) => input[key]));
    const longest = Math.max(...corpusResults.map((input) => input.chars));
    console.log(
      row(
        `feedparser corpus, ${corpusResults.length} dates: slowest`,
        `≤${longest}`,
        slowest('wirewatchMs'),
        slowest('baselineMs'),
      ),
    );
  }
  for (const input of hostileResults)
    console.log(row(input.name, String(input.chars), input.wirewatchMs, input.baselineMs));
  if (overLimit.length > 0) {
    console.log(`over the ${limitMs} ms limit: ${overLimit.join(', ')}`);
    return 1;
  }
  console.log(`every input under the ${limitMs} ms limit`);
  return 0;
}
