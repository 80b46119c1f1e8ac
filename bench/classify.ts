/**
 * `wirewatch bench classify [--data DIR] [--json]`: classifier speed on one core. The corpus is fixed:
 * Reuters-21578 bodies (DIR, default ../shared/data/reuters) joined in file order into ~5 KB articles,
 * or, without that data, the repository's sample article padded to ~5 KB. Reports articles/s, MB/s
 * (UTF-8 bytes of title + text), the one-time initialisation (CPU ms of createClassifier) and the
 * process RSS; beside it, an in-house baseline written for this bench (no third-party library): one
 * regular expression per gazetteer alias, run in turn over each article, finding countries only.
 * Throughput is per CPU-second of this process (one core), so other load on the machine does not
 * skew it; the two alternate which runs first, round by round, and each figure is the median round.
 * `--json` prints {"articlesPerSec","mbPerSec","initMs","rssMB"} for wirewatch alone.
 * Without --json, when the multilingual dev set's texts are at MULTI (--multilingual, default
 * ../devset-private/multilingual, one <lang>.jsonl per language), it also reports the speed on them,
 * each article read with its own language's profile, and the CPU time each profile took to compile
 * on its language's first article.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseReutersSgml } from '../evals/reuters.ts';
import { createClassifier } from '../shared/classification/classifier.ts';
import { buildGazetteer } from '../shared/classification/gazetteer.ts';
import { parseCommandArgs } from '../tools/cli-arguments.ts';
import { alternatingRounds, cpuMs, median } from './measure.ts';

const USAGE = 'usage: wirewatch bench classify [--data DIR] [--multilingual MULTI] [--json]';
const ARTICLE_BYTES = 5_000;
const ARTICLE_COUNT = 2_000;
/** The baseline is ~30× slower: a slice of the articles keeps each of its rounds short. */
const BASELINE_ARTICLE_COUNT = 20;
const ROUNDS = 5;
/** Each round of a contestant runs for at least this much CPU time. */
const ROUND_MS = 400;
const WARM_UP_ARTICLES = 50;
const SAMPLE_PATH = new URL('../samples/articles/bilateral-ties.txt', import.meta.url);

interface Article {
  title: string;
  text: string;
  lang?: string;
}

/** The multilingual dev set's texts, every language's articles in turn; empty when they are absent. */
async function multilingualArticles(directory: string): Promise<Article[]> {
  if (!existsSync(directory)) return [];
  const byLanguage: Article[][] = [];
  for (const file of (await readdir(directory)).filter((name) => name.endsWith('.jsonl')).sort()) {
    const lines = (await readFile(join(directory, file), 'utf8'))
      .split('\n')
      .filter((line) => line.trim() !== '');
    byLanguage.push(
      lines.map((line) => {
        const { title, text, lang } = JSON.parse(line) as Article;
        return { title, text, lang };
      }),
    );
  }
  const articles: Article[] = [];
  for (let index = 0; byLanguage.some((list) => index < list.length); index += 1) {
    for (const list of byLanguage) {
      const article = list[index];
      if (article !== undefined) articles.push(article);
    }
  }
  return articles;
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

interface Throughput {
  perSec: number;
  mbPerSec: number;
}

/** A contestant: the articles it runs over and the work it does on each. */
interface Contestant {
  articles: readonly Article[];
  work: (article: Article) => unknown;
}

/**
 * Runs the work over the articles, in turn and cycling, until ROUND_MS of CPU time has passed;
 * returns articles and MB per CPU-second, i.e. the throughput of one core.
 */
function measureRound({ articles, work }: Contestant): Throughput {
  const sizes = articles.map((article) => Buffer.byteLength(article.title) + Buffer.byteLength(article.text));
  let done = 0;
  let bytes = 0;
  const started = cpuMs();
  let elapsedMs = 0;
  while (elapsedMs < ROUND_MS) {
    const at = done % articles.length;
    work(articles[at] as Article);
    bytes += sizes[at] ?? 0;
    done += 1;
    elapsedMs = cpuMs() - started;
  }
  return { perSec: (done / elapsedMs) * 1000, mbPerSec: bytes / 1e6 / (elapsedMs / 1000) };
}

/** Each contestant's median round, after one untimed pass over a slice so the JIT compiles the hot paths. */
async function measure(contestants: readonly Contestant[]): Promise<Throughput[]> {
  for (const { articles, work } of contestants)
    for (const article of articles.slice(0, WARM_UP_ARTICLES)) work(article);
  const rounds = await alternatingRounds(contestants, ROUNDS, measureRound);
  return rounds.map((figures) => ({
    perSec: median(figures.map((figure) => figure.perSec)),
    mbPerSec: median(figures.map((figure) => figure.mbPerSec)),
  }));
}

/** The in-house baseline: one case-aware regular expression per alias, each run over the article in turn. */
function naiveRegexBaseline(): (article: Article) => number {
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
  const { values } = parseCommandArgs(
    args,
    { data: { type: 'string' }, multilingual: { type: 'string' }, json: { type: 'boolean' } },
    USAGE,
  );
  const json = values.json === true;
  const initStarted = cpuMs();
  const classifier = createClassifier();
  const initMs = cpuMs() - initStarted;
  const { articles, source } = await corpus(values.data ?? '../shared/data/reuters');
  const wirewatch: Contestant = { articles, work: (article) => classifier.classify(article) };
  const baseline: Contestant = {
    articles: articles.slice(0, BASELINE_ARTICLE_COUNT),
    work: naiveRegexBaseline(),
  };
  const [ours, theirs] = await measure(json ? [wirewatch] : [wirewatch, baseline]);
  const rssMB = process.memoryUsage().rss / 2 ** 20;
  const result = {
    articlesPerSec: Math.round(ours?.perSec ?? 0),
    mbPerSec: Math.round((ours?.mbPerSec ?? 0) * 10) / 10,
    initMs: Math.round(initMs * 10) / 10,
    rssMB: Math.round(rssMB * 10) / 10,
  };
  if (json) {
    console.log(JSON.stringify(result));
    return 0;
  }
  console.log(`bench classify: ${articles.length} articles of ~${ARTICLE_BYTES / 1000} KB (${source})`);
  console.log(`  per CPU-second of one core, median of ${ROUNDS} rounds alternating which runs first`);
  console.log(
    `  wirewatch (Aho–Corasick, all layers): ${result.articlesPerSec} articles/s, ${result.mbPerSec} MB/s, init ${result.initMs} ms, RSS ${result.rssMB} MB`,
  );
  console.log(
    `  in-house baseline (naive regex per gazetteer alias, countries only; not a third-party library): ${Math.round(theirs?.perSec ?? 0)} articles/s, ${(theirs?.mbPerSec ?? 0).toFixed(1)} MB/s`,
  );
  const multilingualDirectory = values.multilingual ?? '../devset-private/multilingual';
  const mixed = await multilingualArticles(multilingualDirectory);
  if (mixed.length === 0) {
    console.log(`  mixed languages: skipped, no texts in ${multilingualDirectory}`);
    return 0;
  }
  // A fresh classifier, so each profile's compile is timed on its language's first article.
  const multilingual = createClassifier();
  const compileMs: string[] = [];
  for (const lang of [...new Set(mixed.map((article) => article.lang))].sort()) {
    const first = mixed.find((article) => article.lang === lang) as Article;
    const started = cpuMs();
    multilingual.classify(first);
    compileMs.push(`${lang} ${Math.round(cpuMs() - started)}`);
  }
  const [mixedFigures] = await measure([
    { articles: mixed, work: (article) => multilingual.classify(article) },
  ]);
  console.log(
    `  mixed languages (${mixed.length} dev set articles from ${multilingualDirectory}, each with its own profile): ${Math.round(mixedFigures?.perSec ?? 0)} articles/s, ${(mixedFigures?.mbPerSec ?? 0).toFixed(1)} MB/s; first article per language (profile compile included), CPU ms: ${compileMs.join(', ')}`,
  );
  return 0;
}
