/**
 * `wirewatch bench classify [--data DIR] [--json]`: classifier speed on one core. The corpus is fixed:
 * Reuters-21578 bodies (DIR, default ../shared/data/reuters) joined in file order into ~5 KB articles,
 * or, without that data, the repository's sample article padded to ~5 KB. Reports articles/s, MB/s
 * (UTF-8 bytes of title + text), the one-time initialisation (CPU ms of createClassifier) and the process RSS; beside it, the speed
 * of the naive peer: one regular expression per gazetteer alias, run in turn over each article.
 * Throughput is per CPU-second of this process (one core), so other load on the machine does not skew it.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseReutersSgml } from '../evals/reuters.ts';
import { createClassifier } from '../shared/classification/classifier.ts';
import { buildGazetteer } from '../shared/classification/gazetteer.ts';
import { CliError } from '../tools/cli-error.ts';
import { cpuMs } from './measure.ts';

const USAGE = 'usage: wirewatch bench classify [--data DIR] [--json]';
const ARTICLE_BYTES = 5_000;
const ARTICLE_COUNT = 2_000;
const PEER_ARTICLE_COUNT = 100;
const MIN_BENCH_MS = 1_500;
const WARM_UP_ARTICLES = 50;
const SAMPLE_PATH = new URL('../samples/articles/bilateral-ties.txt', import.meta.url);

interface Article {
  title: string;
  text: string;
}

async function reutersBodies(dataDir: string): Promise<string[]> {
  const bodies: string[] = [];
  for (let file = 0; file < 14 && bodies.length < ARTICLE_COUNT * 3; file += 1) {
    const path = join(dataDir, `reut2-${String(file).padStart(3, '0')}.sgm`);
    for (const story of parseReutersSgml(await readFile(path, 'latin1'))) {
      if (story.text.trim() !== '') bodies.push(`${story.title}\n${story.text}`);
    }
  }
  return bodies;
}

/** ARTICLE_COUNT articles of ~5 KB, cycling through `pieces` in order. */
function assemble(pieces: readonly string[]): Article[] {
  const articles: Article[] = [];
  let next = 0;
  while (articles.length < ARTICLE_COUNT) {
    let text = '';
    while (text.length < ARTICLE_BYTES) {
      text += `${pieces[next % pieces.length] ?? ''}\n\n`;
      next += 1;
    }
    const [title = '', ...rest] = text.split('\n');
    articles.push({ title, text: rest.join('\n') });
  }
  return articles;
}

async function corpus(dataDir: string): Promise<{ articles: Article[]; source: string }> {
  if (existsSync(join(dataDir, 'reut2-000.sgm'))) {
    return { articles: assemble(await reutersBodies(dataDir)), source: `Reuters bodies from ${dataDir}` };
  }
  return { articles: assemble([await readFile(SAMPLE_PATH, 'utf8')]), source: 'the sample article' };
}

/**
 * Runs `work` over the articles until MIN_BENCH_MS of CPU time has passed; returns articles and MB
 * per CPU-second, i.e. the throughput of one core.
 */
function measure(
  articles: readonly Article[],
  work: (article: Article) => unknown,
): { perSec: number; mbPerSec: number } {
  const bytes = articles.map((article) => Buffer.byteLength(article.title) + Buffer.byteLength(article.text));
  // One untimed pass over a slice lets the JIT compile the hot paths first.
  for (const article of articles.slice(0, WARM_UP_ARTICLES)) work(article);
  let done = 0;
  let totalBytes = 0;
  const started = cpuMs();
  let elapsedMs = 0;
  while (elapsedMs < MIN_BENCH_MS) {
    articles.forEach((article, index) => {
      work(article);
      totalBytes += bytes[index] ?? 0;
    });
    done += articles.length;
    elapsedMs = cpuMs() - started;
  }
  return { perSec: (done / elapsedMs) * 1000, mbPerSec: totalBytes / 1e6 / (elapsedMs / 1000) };
}

/** The peer: one case-aware regular expression per alias, each run over the article in turn. */
function naiveRegexPeer(): (article: Article) => number {
  const expressions = buildGazetteer().map((entry) => {
    const escaped = entry.alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`\\b${escaped}(?![\\w])`, entry.alias === entry.alias.toLowerCase() ? 'gi' : 'g');
  });
  return (article) => {
    const text = `${article.title}\n${article.text}`;
    let found = 0;
    for (const expression of expressions) {
      expression.lastIndex = 0;
      while (expression.exec(text) !== null) found += 1;
    }
    return found;
  };
}

export async function main(args: string[]): Promise<number> {
  let values: { data?: string; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: { data: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help === true) {
    console.log(USAGE);
    return 0;
  }
  const initStarted = cpuMs();
  const classifier = createClassifier();
  const initMs = cpuMs() - initStarted;
  const { articles, source } = await corpus(values.data ?? '../shared/data/reuters');
  const ours = measure(articles, (article) => classifier.classify(article));
  const rssMB = process.memoryUsage().rss / 2 ** 20;
  const result = {
    articlesPerSec: Math.round(ours.perSec),
    mbPerSec: Math.round(ours.mbPerSec * 10) / 10,
    initMs: Math.round(initMs * 10) / 10,
    rssMB: Math.round(rssMB * 10) / 10,
  };
  if (values.json === true) {
    console.log(JSON.stringify(result));
    return 0;
  }
  const peer = measure(articles.slice(0, PEER_ARTICLE_COUNT), naiveRegexPeer());
  console.log(`bench classify: ${articles.length} articles of ~${ARTICLE_BYTES / 1000} KB (${source})`);
  console.log(
    `  wirewatch (Aho–Corasick, all layers): ${result.articlesPerSec} articles/s per core, ${result.mbPerSec} MB/s, init ${result.initMs} ms, RSS ${result.rssMB} MB`,
  );
  console.log(
    `  peer (regex per gazetteer alias, countries only): ${Math.round(peer.perSec)} articles/s per core, ${(Math.round(peer.mbPerSec * 10) / 10).toFixed(1)} MB/s`,
  );
  return 0;
}
