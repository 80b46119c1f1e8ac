/**
 * `wirewatch eval extraction [--data DIR] [--json]`: article-body quality of extractArticle on the
 * scrapinghub article-extraction-benchmark pages (`html/<id>.html.gz` + `ground-truth.json`), scored
 * with the benchmark's own shingle metric (shared/extraction/shingle-score.ts).
 *
 * The pages fall into two fixed halves by the SHA-1 of their file name: an even first byte puts a
 * page in the tuning half, the only one whose errors may guide changes to the extractor, an odd one
 * in the check half, which stands in for unseen pages. Both are reported; the worst pages listed
 * come from the tuning half only, so that reading the output never means tuning on the check half.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ExtractionError, extractArticle } from '../shared/extraction/extract-article.ts';
import {
  aggregateScores,
  pagePrecision,
  pageRecall,
  type ShingleCounts,
  shingleCounts,
} from '../shared/extraction/shingle-score.ts';
import { decodeText } from '../shared/text/decode-text.ts';
import { parseCommandArgs } from '../tools/cli-arguments.ts';
import { CliError } from '../tools/cli-error.ts';

const DEFAULT_DATA = '../shared/data/extraction/dev/';
const WORST_SHOWN = 10;
const PAGE_FILE_SUFFIX = '.html.gz';

export type CorpusHalf = 'tuning' | 'check';

/** The half a page belongs to, fixed by its file name (`<id>.html.gz`) alone. */
export function corpusHalf(fileName: string): CorpusHalf {
  const firstByte = createHash('sha1').update(fileName).digest()[0] ?? 0;
  return firstByte % 2 === 0 ? 'tuning' : 'check';
}

export interface CorpusPage {
  readonly id: string;
  readonly url: string;
  readonly html: string;
  readonly half: CorpusHalf;
}

interface GroundTruth {
  readonly articleBody: string;
  readonly url: string;
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new CliError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

export async function loadGroundTruth(dataDir: string): Promise<Record<string, GroundTruth>> {
  return (await readJson(join(dataDir, 'ground-truth.json'))) as Record<string, GroundTruth>;
}

/** The corpus pages, decoded, in id order. */
export async function loadCorpusPages(dataDir: string): Promise<CorpusPage[]> {
  const truth = await loadGroundTruth(dataDir);
  const htmlDir = join(dataDir, 'html');
  let files: string[];
  try {
    files = (await readdir(htmlDir)).filter((file) => file.endsWith(PAGE_FILE_SUFFIX)).sort();
  } catch (error) {
    throw new CliError(`cannot read ${htmlDir}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  return Promise.all(
    files.map(async (file) => {
      const id = file.slice(0, -PAGE_FILE_SUFFIX.length);
      const { text: html } = decodeText(gunzipSync(await readFile(join(htmlDir, file))), { kind: 'html' });
      return { id, url: truth[id]?.url ?? `https://example.invalid/${id}`, html, half: corpusHalf(file) };
    }),
  );
}

/** The extracted text, or '' when extraction refuses the page (scored as an empty prediction). */
export function predictedBody(page: CorpusPage): string {
  try {
    return extractArticle(page.html, { url: page.url }).text;
  } catch (error) {
    if (error instanceof ExtractionError) return '';
    throw error;
  }
}

interface PageResult {
  readonly id: string;
  readonly url: string;
  readonly half: CorpusHalf;
  readonly counts: ShingleCounts;
}

function pageF1(counts: ShingleCounts): number {
  const precision = pagePrecision(counts);
  const recall = pageRecall(counts);
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

function scoresOf(results: readonly PageResult[]) {
  return { pages: results.length, ...aggregateScores(results.map((result) => result.counts)) };
}

const USAGE = 'usage: wirewatch eval extraction [--data DIR] [--json]';

export async function main(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    { data: { type: 'string', default: DEFAULT_DATA }, json: { type: 'boolean', default: false } },
    USAGE,
  );
  const dataDir = values.data;
  const truth = await loadGroundTruth(dataDir);
  const pages = await loadCorpusPages(dataDir);
  const results: PageResult[] = pages.map((page) => ({
    id: page.id,
    url: page.url,
    half: page.half,
    counts: shingleCounts(truth[page.id]?.articleBody ?? '', predictedBody(page)),
  }));
  const tuningResults = results.filter((result) => result.half === 'tuning');
  const halves = {
    tuning: scoresOf(tuningResults),
    check: scoresOf(results.filter((result) => result.half === 'check')),
    all: scoresOf(results),
  };
  if (values.json) {
    console.log(JSON.stringify(halves));
    return 0;
  }
  console.log(`extraction on ${results.length} pages (${dataDir})`);
  console.log('halves by SHA-1 of the file name: first byte even → tuning, odd → check');
  for (const [name, scores] of Object.entries(halves)) {
    console.log(
      `  ${name.padEnd(6)} ${String(scores.pages).padStart(3)} pages  precision ${scores.precision.toFixed(3)}  recall ${scores.recall.toFixed(3)}  F1 ${scores.f1.toFixed(3)}`,
    );
  }
  console.log('the extractor was tuned on the tuning half only; the check half stands for unseen pages');
  console.log(`\nworst ${WORST_SHOWN} tuning-half pages by F1:`);
  const worst = [...tuningResults].sort((a, b) => pageF1(a.counts) - pageF1(b.counts)).slice(0, WORST_SHOWN);
  for (const { id, url, counts } of worst) {
    console.log(
      `  F1 ${pageF1(counts).toFixed(3)}  P ${pagePrecision(counts).toFixed(3)}  R ${pageRecall(counts).toFixed(3)}  ${id.slice(0, 12)}  ${url}`,
    );
  }
  return 0;
}
