/**
 * `wirewatch eval extraction [--data DIR] [--json]`: article-body quality of extractArticle on the
 * scrapinghub article-extraction-benchmark pages (`html/<id>.html.gz` + `ground-truth.json`), scored
 * with the benchmark's own shingle metric (shared/extraction/shingle-score.ts).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
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
import { CliError } from '../tools/cli-error.ts';

const DEFAULT_DATA = '../shared/data/extraction/dev/';
const WORST_SHOWN = 10;

export interface CorpusPage {
  readonly id: string;
  readonly url: string;
  readonly html: string;
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
    files = (await readdir(htmlDir)).filter((file) => file.endsWith('.html.gz')).sort();
  } catch (error) {
    throw new CliError(`cannot read ${htmlDir}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  return Promise.all(
    files.map(async (file) => {
      const id = file.slice(0, -'.html.gz'.length);
      const { text: html } = decodeText(gunzipSync(await readFile(join(htmlDir, file))), { kind: 'html' });
      return { id, url: truth[id]?.url ?? `https://example.invalid/${id}`, html };
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
  readonly counts: ShingleCounts;
}

function pageF1(counts: ShingleCounts): number {
  const precision = pagePrecision(counts);
  const recall = pageRecall(counts);
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { data: { type: 'string', default: DEFAULT_DATA }, json: { type: 'boolean', default: false } },
  });
  const dataDir = values.data;
  const truth = await loadGroundTruth(dataDir);
  const pages = await loadCorpusPages(dataDir);
  const results: PageResult[] = pages.map((page) => ({
    id: page.id,
    url: page.url,
    counts: shingleCounts(truth[page.id]?.articleBody ?? '', predictedBody(page)),
  }));
  const scores = aggregateScores(results.map((result) => result.counts));
  if (values.json) {
    console.log(JSON.stringify({ pages: results.length, ...scores }));
    return 0;
  }
  console.log(`extraction on ${results.length} pages (${dataDir})`);
  console.log(
    `precision ${scores.precision.toFixed(3)}  recall ${scores.recall.toFixed(3)}  F1 ${scores.f1.toFixed(3)}`,
  );
  console.log(`\nworst ${WORST_SHOWN} pages by F1:`);
  const worst = [...results].sort((a, b) => pageF1(a.counts) - pageF1(b.counts)).slice(0, WORST_SHOWN);
  for (const { id, url, counts } of worst) {
    console.log(
      `  F1 ${pageF1(counts).toFixed(3)}  P ${pagePrecision(counts).toFixed(3)}  R ${pageRecall(counts).toFixed(3)}  ${id.slice(0, 12)}  ${url}`,
    );
  }
  return 0;
}
