/**
 * `wirewatch bench extraction [--json] [--data DIR]`: pages per second of wirewatch's extractArticle
 * beside the usual Node setup, Readability on jsdom, over the same benchmark pages in one process.
 * Rounds alternate between the two so that machine load affects both alike; the median round counts.
 */

import { createRequire } from 'node:module';
import { Readability } from '@mozilla/readability';
import { type CorpusPage, loadCorpusPages } from '../evals/extraction.ts';
import { ExtractionError, extractArticle } from '../shared/extraction/extract-article.ts';
import { parseCommandArgs } from '../tools/cli-arguments.ts';
import { median } from './measure.ts';

const DEFAULT_DATA = '../shared/data/extraction/dev/';
const DEFAULT_ROUNDS = 3;

type Extractor = (page: CorpusPage) => void;

/** The part of jsdom's API the peer uses (jsdom ships no types and @types/jsdom is not installed). */
interface JsdomWindow {
  readonly document: unknown;
  close(): void;
}
interface Jsdom {
  JSDOM: new (
    html: string,
    options: { url: string; virtualConsole: unknown },
  ) => { readonly window: JsdomWindow };
  VirtualConsole: new () => unknown;
}
const { JSDOM, VirtualConsole } = createRequire(import.meta.url)('jsdom') as Jsdom;

const wirewatch: Extractor = (page) => {
  try {
    extractArticle(page.html, { url: page.url });
  } catch (error) {
    if (!(error instanceof ExtractionError)) throw error;
  }
};

// A silent console: jsdom reports every stylesheet it cannot parse. On one benchmark page jsdom's
// CSS parser throws while building the document; that page still counts, as a failed extraction.
const readabilityOnJsdom: Extractor = (page) => {
  let window: JsdomWindow | undefined;
  try {
    window = new JSDOM(page.html, { url: page.url, virtualConsole: new VirtualConsole() }).window;
    new Readability(window.document as never).parse();
  } catch {
    // counted as processed, like wirewatch's refusals
  } finally {
    window?.close();
  }
};

function pagesPerSecond(extract: Extractor, pages: readonly CorpusPage[]): number {
  const start = performance.now();
  for (const page of pages) extract(page);
  return pages.length / ((performance.now() - start) / 1000);
}

const USAGE = 'usage: wirewatch bench extraction [--data DIR] [--rounds N] [--json]';

export async function main(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      data: { type: 'string', default: DEFAULT_DATA },
      json: { type: 'boolean', default: false },
      rounds: { type: 'string', default: String(DEFAULT_ROUNDS) },
    },
    USAGE,
  );
  const rounds = Math.max(1, Number.parseInt(values.rounds, 10) || DEFAULT_ROUNDS);
  const pages = await loadCorpusPages(values.data);
  // One untimed page each first: module loading and JIT warm-up are not extraction speed.
  for (const page of pages.slice(0, 3)) {
    wirewatch(page);
    readabilityOnJsdom(page);
  }
  const ours: number[] = [];
  const peer: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    ours.push(pagesPerSecond(wirewatch, pages));
    peer.push(pagesPerSecond(readabilityOnJsdom, pages));
  }
  const result = {
    wirewatch: { pagesPerSec: median(ours) },
    'readability-jsdom': { pagesPerSec: median(peer) },
  };
  if (values.json) {
    console.log(JSON.stringify(result));
    return 0;
  }
  console.log(`extraction speed on ${pages.length} pages, median of ${rounds} alternating rounds`);
  console.log(`  wirewatch extractArticle   ${result.wirewatch.pagesPerSec.toFixed(1)} pages/s`);
  console.log(`  Readability on jsdom       ${result['readability-jsdom'].pagesPerSec.toFixed(1)} pages/s`);
  console.log(
    `  ratio                      ${(result.wirewatch.pagesPerSec / result['readability-jsdom'].pagesPerSec).toFixed(1)}×`,
  );
  return 0;
}
