/**
 * `wirewatch bench bundles [--json] [--runs N] [--function NAME]…`: each Lambda function bundled as
 * the CDK stack bundles it, with its size and its median cold import: the CPU time a fresh `node`
 * process spends importing the bundle, and beside it the wall time of that import (what Lambda's
 * INIT duration counts), run as Lambda runs it (no source maps loaded, the variables the function
 * reads at cold start set). Each run is its own process, so nothing is cached between runs; runs
 * alternate between functions so that other load on the machine affects all of them alike.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import {
  BUNDLE_ALIASES,
  BUNDLE_CHARSET,
  externalModules,
  PIPELINE_BUNDLING,
} from '../infra/constructs/pipeline-function.ts';
import { ENV, FUNCTIONS, type FunctionName } from '../infra/resource-definitions.ts';
import { DEFAULT_STAGE_CONFIG } from '../infra/stage-config.ts';
import { parseCommandArgs } from '../tools/cli-arguments.ts';
import { CliError } from '../tools/cli-error.ts';
import { alternatingRounds, median } from './measure.ts';

const ROOT = join(import.meta.dirname, '..');
const DEFAULT_RUNS = 15;
const MIN_RUNS = 10;
const USAGE = `usage: wirewatch bench bundles [--json] [--runs N, at least ${MIN_RUNS}] [--function NAME]…`;

export interface BundleFigures {
  readonly function: FunctionName;
  readonly bytes: number;
  /** CPU milliseconds of the import: the figure to compare, as other load inflates it least. */
  readonly coldImportMsMedian: number;
  /** Wall milliseconds of the same imports: what Lambda's INIT duration counts, waits included. */
  readonly coldImportWallMsMedian: number;
}

interface ImportTiming {
  readonly cpuMs: number;
  readonly wallMs: number;
}

/**
 * esbuild with the options every PipelineFunction is bundled with (PIPELINE_BUNDLING: nothing is
 * external but the tracer when the default stage does not trace AWS SDK calls, the SDK included; its
 * `--alias` arguments are BUNDLE_ALIASES, its `--charset` BUNDLE_CHARSET); gives the path of the
 * bundle, `index.mjs` as in the Lambda asset.
 */
export async function buildFunctionBundle(name: FunctionName, outdir: string): Promise<string> {
  const outfile = join(outdir, name, 'index.mjs');
  await build({
    entryPoints: [join(ROOT, FUNCTIONS[name].entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: PIPELINE_BUNDLING.target,
    format: PIPELINE_BUNDLING.format,
    mainFields: [...PIPELINE_BUNDLING.mainFields],
    banner: { js: PIPELINE_BUNDLING.banner },
    minify: PIPELINE_BUNDLING.minify,
    sourcemap: PIPELINE_BUNDLING.sourceMap,
    sourcesContent: PIPELINE_BUNDLING.sourcesContent,
    alias: BUNDLE_ALIASES,
    charset: BUNDLE_CHARSET,
    external: externalModules(DEFAULT_STAGE_CONFIG.tracing),
    logLevel: 'silent',
  });
  return outfile;
}

/**
 * What a function finds in its environment on Lambda, with stand-in resource names: handlers read
 * their variables at cold start and refuse to start without them. Importing sends no request.
 */
function lambdaLikeEnvironment(): NodeJS.ProcessEnv {
  const resources = Object.fromEntries(
    [ENV.tableName, ENV.bucketName, ENV.topicArn, ENV.digestTopicArn, ENV.deadLetterQueueUrl].map((name) => [
      name,
      `bench-${name.toLowerCase()}`,
    ]),
  );
  return {
    PATH: process.env.PATH,
    AWS_REGION: 'us-east-1',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    POWERTOOLS_SERVICE_NAME: 'wirewatch-bench',
    // As PipelineFunction sets it from the stage's tracing: on, the X-Ray SDK loads at import.
    POWERTOOLS_TRACE_ENABLED: String(DEFAULT_STAGE_CONFIG.tracing),
    POWERTOOLS_METRICS_NAMESPACE: 'WirewatchBench',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...resources,
    [ENV.feedQueueUrl]: 'https://sqs.us-east-1.amazonaws.com/123456789012/bench-feeds',
    [ENV.articleQueueUrl]: 'https://sqs.us-east-1.amazonaws.com/123456789012/bench-articles',
    [ENV.deadLetterQueueUrls]: 'feedJobs=https://sqs.us-east-1.amazonaws.com/123456789012/bench-feeds-dlq',
  };
}

// Timed inside the child, so the process's own start-up (the same for every bundle) is left out. CPU
// time is the figure to compare: on a shared machine a process waiting for a core is not importing.
// Wall time is what Lambda's INIT duration counts, so it is reported beside it.
const IMPORT_AND_TIME =
  'const wall = performance.now(); const start = process.cpuUsage(); await import(process.argv[1]); ' +
  'const used = process.cpuUsage(start); const wallMs = performance.now() - wall; ' +
  'process.stdout.write(JSON.stringify({ cpuMs: (used.user + used.system) / 1000, wallMs }));';

/** CPU and wall milliseconds a fresh `node` process spends importing the bundle at `file`. */
export async function coldImportMs(file: string): Promise<ImportTiming> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '--eval', IMPORT_AND_TIME, pathToFileURL(file).href],
    { env: lambdaLikeEnvironment(), cwd: tmpdir() },
  );
  let timing: Partial<ImportTiming> = {};
  try {
    timing = JSON.parse(stdout);
  } catch {
    // Reported below, with what the child printed.
  }
  const { cpuMs, wallMs } = timing;
  if (!Number.isFinite(cpuMs) || !Number.isFinite(wallMs))
    throw new Error(`Importing ${file} printed no time: ${stdout}`);
  return { cpuMs, wallMs } as ImportTiming;
}

const roundedMedian = (values: readonly number[]) => Math.round(median(values) * 10) / 10;

export async function measureBundles(names: readonly FunctionName[], runs: number): Promise<BundleFigures[]> {
  const outdir = await mkdtemp(join(tmpdir(), 'wirewatch-bench-bundles-'));
  try {
    const bundles = new Map<FunctionName, string>();
    for (const name of names) bundles.set(name, await buildFunctionBundle(name, outdir));
    const timings = await alternatingRounds(names, runs, (name) => coldImportMs(bundles.get(name) as string));
    return Promise.all(
      names.map(async (name, index) => ({
        function: name,
        bytes: (await stat(bundles.get(name) as string)).size,
        coldImportMsMedian: roundedMedian((timings[index] ?? []).map((timing) => timing.cpuMs)),
        coldImportWallMsMedian: roundedMedian((timings[index] ?? []).map((timing) => timing.wallMs)),
      })),
    );
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

function functionNames(requested: readonly string[]): FunctionName[] {
  const all = Object.keys(FUNCTIONS) as FunctionName[];
  if (requested.length === 0) return all;
  const unknown = requested.filter((name) => !all.includes(name as FunctionName));
  if (unknown.length > 0)
    throw new CliError(`unknown function ${unknown.join(', ')}; expected ${all.join(', ')}\n${USAGE}`);
  return requested as FunctionName[];
}

export async function main(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      json: { type: 'boolean', default: false },
      runs: { type: 'string', default: String(DEFAULT_RUNS) },
      function: { type: 'string', multiple: true, default: [] },
    },
    USAGE,
  );
  const runs = Number.parseInt(values.runs, 10);
  if (!(runs >= MIN_RUNS))
    throw new CliError(`--runs must be at least ${MIN_RUNS}, got "${values.runs}"\n${USAGE}`);
  const figures = await measureBundles(functionNames(values.function), runs);
  // The note goes to stderr with --json, so that stdout stays one JSON line per function.
  const note = values.json ? console.error : console.log;
  note(`Lambda bundles as the stack builds them; cold import: median of ${runs} fresh processes.`);
  note('Compare the CPU time: this machine is shared, and wall time also counts waiting for a core.');
  note("Wall time is what Lambda's INIT duration counts; here it is only as good as the machine is idle.");
  note('Other load slows both, so compare figures measured together, not across machines or days.');
  if (values.json) {
    for (const figure of figures) console.log(JSON.stringify(figure));
    return 0;
  }
  console.log(
    `  ${'function'.padEnd(16)} ${'size'.padStart(9)} ${'CPU'.padStart(11)} ${'wall'.padStart(11)}`,
  );
  for (const figure of figures) {
    console.log(
      `  ${figure.function.padEnd(16)} ${(figure.bytes / 1024).toFixed(0).padStart(6)} KB ${figure.coldImportMsMedian.toFixed(1).padStart(8)} ms ${figure.coldImportWallMsMedian.toFixed(1).padStart(8)} ms`,
    );
  }
  return 0;
}
