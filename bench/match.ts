/**
 * `wirewatch bench match [--json] [--sizes 1,1000,10000,100000]`: how fast a compiled rule set
 * matches news articles, for rule sets of 1, 1k, 10k and 100k rules, on one core, in CPU time;
 * and what it takes to have the set ready: compiled from the rules in this process, or loaded
 * precompiled (precompileRuleSet's JSON) by a fresh `node` process, bundled as the functions are,
 * as a classify-article cold start loads it (CPU time and the process's peak RSS, median of 3).
 *
 * The rules and articles are generated (bench/match-workload.ts), the same on every run. Beside the
 * presearcher runs an in-house baseline, brute force: wirewatch's own rule evaluator with the
 * presearcher off, every rule evaluated for every article (for the smaller sets only). The two
 * alternate which runs first, round by round; each figure is the median round.
 * `--json` prints one {"rules","docsPerSec","compileMs","rssMB","precompiledBytes","readyMs","readyPeakRssMB"}
 * line per size (presearcher only).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import {
  compileRuleSet,
  type MatchableArticle,
  precompileRuleSet,
  type RuleDefinition,
  type RuleSet,
} from '../shared/rules/rule-set.ts';
import { parseCommandArgs } from '../tools/cli-arguments.ts';
import { CliError } from '../tools/cli-error.ts';
import { generateArticles, generateRules } from './match-workload.ts';
import { alternatingRounds, cpuMs, median } from './measure.ts';

const USAGE = 'usage: wirewatch bench match [--json] [--sizes 1,1000,10000,100000]';
const DEFAULT_SIZES = [1, 1_000, 10_000, 100_000];
/** The brute-force baseline evaluates every rule for every article: only for sets up to this size. */
const BRUTE_FORCE_LIMIT = 10_000;
const CORPUS_SIZE = 400;
const ROUNDS = 5;
/** Each round of a contestant runs for at least this much CPU time, and over at least MIN_ARTICLES articles. */
const ROUND_MS = 400;
const MIN_ARTICLES = 20;
const WARM_UP_ARTICLES = 300;

interface Measurement {
  rules: number;
  docsPerSec: number;
  compileMs: number;
  rssMB: number;
  bruteForceDocsPerSec: number | null;
  matchesPerDoc: number;
  precompiled: PrecompiledReadiness;
}

/** A precompiled set loaded by a fresh process: its size, load CPU time and peak RSS. */
interface PrecompiledReadiness {
  bytes: number;
  readyMs: number;
  peakRssMB: number;
  baseRssMB: number;
}

const READY_RUNS = 3;

/** The loader process's entry, bundled once per bench run. */
async function bundleLoader(outdir: string): Promise<string> {
  const outfile = join(outdir, 'load-precompiled-rules.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'precompiled-rules-process.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    minify: true,
    logLevel: 'silent',
  });
  return outfile;
}

async function precompiledReadiness(
  definitions: readonly RuleDefinition[],
  loader: string,
  outdir: string,
): Promise<PrecompiledReadiness> {
  const file = join(outdir, `rules-${definitions.length}.json`);
  await writeFile(file, JSON.stringify(precompileRuleSet(definitions)));
  const runs: { rules: number; readyMs: number; peakRssMB: number; baseRssMB: number }[] = [];
  for (let run = 0; run < READY_RUNS; run += 1) {
    const { stdout } = await promisify(execFile)(process.execPath, [loader, file], { maxBuffer: 1 << 20 });
    runs.push(JSON.parse(stdout));
  }
  if (runs.some(({ rules }) => rules !== definitions.length)) {
    throw new Error(`The precompiled set of ${definitions.length} rules loaded with another size`);
  }
  return {
    bytes: (await stat(file)).size,
    readyMs: median(runs.map(({ readyMs }) => readyMs)),
    peakRssMB: median(runs.map(({ peakRssMB }) => peakRssMB)),
    baseRssMB: median(runs.map(({ baseRssMB }) => baseRssMB)),
  };
}

/** Collects garbage between sizes so each memory figure is not inflated by the previous size's garbage. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
}

/**
 * Articles matched per second of CPU time, the measure of one core's throughput: on a machine
 * shared with other work, wall-clock time would also count the time spent waiting for a core.
 */
function docsPerSecond(ruleSet: RuleSet, corpus: readonly MatchableArticle[]): number {
  let processed = 0;
  const started = cpuMs();
  let elapsed = 0;
  while (elapsed < ROUND_MS || processed < MIN_ARTICLES) {
    ruleSet.match(corpus[processed % corpus.length] as MatchableArticle);
    processed += 1;
    elapsed = cpuMs() - started;
  }
  return (processed * 1000) / elapsed;
}

function warmUp(ruleSet: RuleSet, corpus: readonly MatchableArticle[], articles: number): void {
  for (let at = 0; at < articles; at += 1) ruleSet.match(corpus[at % corpus.length] as MatchableArticle);
}

async function measure(
  size: number,
  corpus: readonly MatchableArticle[],
  withBaseline: boolean,
  loader: { file: string; outdir: string },
): Promise<Measurement> {
  const definitions = generateRules(size);
  const precompiled = await precompiledReadiness(definitions, loader.file, loader.outdir);
  collectGarbage();
  const started = cpuMs();
  const presearcher = compileRuleSet(definitions);
  const compileMs = cpuMs() - started;
  // Warm up, so the figure is the steady state a long-lived worker runs in: code optimised, and
  // the presearcher past its first re-indexing by the clauses articles satisfy least.
  warmUp(presearcher, corpus, WARM_UP_ARTICLES);
  const contestants = [presearcher];
  if (withBaseline && size <= BRUTE_FORCE_LIMIT) {
    const bruteForce = compileRuleSet(definitions, { presearch: false });
    warmUp(bruteForce, corpus, MIN_ARTICLES);
    contestants.push(bruteForce);
  }
  const [ours = [], baseline] = await alternatingRounds(contestants, ROUNDS, (ruleSet) =>
    docsPerSecond(ruleSet, corpus),
  );
  const matches = corpus.reduce((sum, article) => sum + presearcher.match(article).length, 0);
  return {
    rules: size,
    docsPerSec: median(ours),
    compileMs,
    rssMB: process.memoryUsage().rss / 1_048_576,
    bruteForceDocsPerSec: baseline === undefined ? null : median(baseline),
    matchesPerDoc: matches / corpus.length,
    precompiled,
  };
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function parseSizes(value: string | undefined): number[] {
  if (value === undefined) return DEFAULT_SIZES;
  const sizes = value.split(',').map(Number);
  if (sizes.some((size) => !Number.isInteger(size) || size < 1)) {
    throw new CliError(`--sizes: expected positive whole numbers separated by commas\n${USAGE}`);
  }
  return sizes;
}

export async function main(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { json: { type: 'boolean' }, sizes: { type: 'string' } }, USAGE);
  const json = values.json === true;
  const sizes = parseSizes(values.sizes);
  const corpus = generateArticles(CORPUS_SIZE);
  if (!json) {
    const averageBytes = corpus.reduce((sum, article) => sum + article.text.length, 0) / corpus.length;
    console.log(
      `corpus: ${corpus.length} generated articles, ${Math.round(averageBytes)} characters each on average`,
    );
    console.log(
      `docs/s per CPU-second, median of ${ROUNDS} rounds alternating which runs first; brute force is an in-house baseline (wirewatch's evaluator without the presearcher), up to ${BRUTE_FORCE_LIMIT} rules`,
    );
    console.log(
      `ready: loading the precompiled set in a fresh node process (bundled), CPU ms and peak RSS, median of ${READY_RUNS}`,
    );
    console.log(
      'rules    compile ms   docs/s presearcher   docs/s brute force   matches/doc   rss MB   precompiled KB   ready ms   ready peak rss MB',
    );
  }
  const outdir = await mkdtemp(join(tmpdir(), 'wirewatch-bench-match-'));
  try {
    const loader = { file: await bundleLoader(outdir), outdir };
    for (const size of sizes) printMeasurement(await measure(size, corpus, !json, loader), json);
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
  return 0;
}

function printMeasurement(result: Measurement, json: boolean): void {
  if (json) {
    const { rules: count, docsPerSec, compileMs, rssMB, precompiled } = result;
    console.log(
      JSON.stringify({
        rules: count,
        docsPerSec: round(docsPerSec, 1),
        compileMs: round(compileMs, 1),
        rssMB: round(rssMB, 1),
        precompiledBytes: precompiled.bytes,
        readyMs: round(precompiled.readyMs, 1),
        readyPeakRssMB: round(precompiled.peakRssMB, 1),
      }),
    );
  } else {
    const bruteForce = result.bruteForceDocsPerSec === null ? '—' : result.bruteForceDocsPerSec.toFixed(0);
    console.log(
      [
        String(result.rules).padStart(6),
        result.compileMs.toFixed(1).padStart(12),
        result.docsPerSec.toFixed(0).padStart(21),
        bruteForce.padStart(20),
        result.matchesPerDoc.toFixed(2).padStart(13),
        result.rssMB.toFixed(0).padStart(8),
        (result.precompiled.bytes / 1024).toFixed(0).padStart(16),
        result.precompiled.readyMs.toFixed(1).padStart(10),
        result.precompiled.peakRssMB.toFixed(0).padStart(19),
      ].join(' '),
    );
  }
}
