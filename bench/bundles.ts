/**
 * `wirewatch bench bundles [--json] [--runs N] [--function NAME]…`: each Lambda function bundled as
 * the CDK stack bundles it, with its size and its median cold import: the CPU time a fresh `node`
 * process spends importing the bundle, run as Lambda runs it (`--enable-source-maps`, the variables
 * the function reads at cold start set). Each run is its own process, so nothing is cached between
 * runs; runs alternate between functions so that other load on the machine affects all of them alike.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { PIPELINE_BUNDLING } from '../infra/constructs/pipeline-function.ts';
import { ENV, FUNCTIONS, type FunctionName } from '../infra/resource-definitions.ts';
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
  readonly coldImportMsMedian: number;
}

/**
 * esbuild with the options every PipelineFunction is bundled with (PIPELINE_BUNDLING: nothing is
 * external, the SDK included); gives the path of the bundle, `index.mjs` as in the Lambda asset.
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
    NODE_OPTIONS: '--enable-source-maps',
    POWERTOOLS_SERVICE_NAME: 'wirewatch-bench',
    POWERTOOLS_METRICS_NAMESPACE: 'WirewatchBench',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...resources,
    [ENV.feedQueueUrl]: 'https://sqs.us-east-1.amazonaws.com/123456789012/bench-feeds',
    [ENV.articleQueueUrl]: 'https://sqs.us-east-1.amazonaws.com/123456789012/bench-articles',
  };
}

// Timed inside the child, so the process's own start-up (the same for every bundle) is left out, in
// CPU time rather than wall time: on a shared machine a process waiting for a core is not importing.
const IMPORT_AND_TIME =
  'const start = process.cpuUsage(); await import(process.argv[1]); const used = process.cpuUsage(start); ' +
  'process.stdout.write(String((used.user + used.system) / 1000));';

/** CPU milliseconds a fresh `node` process spends importing the bundle at `file`. */
export async function coldImportMs(file: string): Promise<number> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '--eval', IMPORT_AND_TIME, pathToFileURL(file).href],
    { env: lambdaLikeEnvironment(), cwd: tmpdir() },
  );
  const ms = Number(stdout);
  if (stdout === '' || !Number.isFinite(ms)) throw new Error(`Importing ${file} printed no time: ${stdout}`);
  return ms;
}

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
        coldImportMsMedian: Math.round(median(timings[index] ?? []) * 10) / 10,
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
  note('Cold import is CPU time: this machine is shared, and wall time would count waiting for a core;');
  note('other load still slows it, so compare figures measured together, not across machines or days.');
  if (values.json) {
    for (const figure of figures) console.log(JSON.stringify(figure));
    return 0;
  }
  for (const figure of figures) {
    console.log(
      `  ${figure.function.padEnd(16)} ${(figure.bytes / 1024).toFixed(0).padStart(6)} KB ${figure.coldImportMsMedian.toFixed(1).padStart(8)} ms`,
    );
  }
  return 0;
}
