/**
 * What ships, not just the source: each function is bundled by esbuild as the CDK stack bundles it
 * (ESM, AWS SDK inside, the createRequire banner, minified), and the local runtime runs the seed
 * article through those bundles. A bundle that cannot load its data files or its SDK fails here.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFunctionBundle } from '../../bench/bundles.ts';
import { TRACER_MODULE } from '../../infra/constructs/pipeline-function.ts';
import { FUNCTIONS, type FunctionName } from '../../infra/resource-definitions.ts';
import { DEFAULT_STAGE_CONFIG } from '../../infra/stage-config.ts';
import { createReader } from '../../reader/wirewatch-reader.ts';
import {
  articleJobFor,
  CT_DIALOGUE_RULE,
  type SamplePipeline,
  SEED_URL,
  startSamplePipeline,
} from '../support/sample-pipeline.ts';

let bundles: string;
let sample: SamplePipeline;

beforeAll(async () => {
  bundles = await mkdtemp(join(tmpdir(), 'wirewatch-bundles-'));
  const handlerModules: Partial<Record<FunctionName, string>> = {};
  for (const name of Object.keys(FUNCTIONS) as FunctionName[]) {
    const outfile = await buildFunctionBundle(name, bundles);
    handlerModules[name] = pathToFileURL(outfile).href;
  }
  sample = await startSamplePipeline({ handlerModules });
}, 120_000);

afterAll(async () => {
  await sample?.stop();
  await rm(bundles, { recursive: true, force: true });
});

describe('the Lambda bundles', () => {
  it('fetch, extract, classify and alert on the seed exactly as the source does', async () => {
    // Prepare
    const { pipeline } = sample;
    await pipeline.ruleStore.putRule(CT_DIALOGUE_RULE);
    pipeline.queue('articleJobs').send(articleJobFor(SEED_URL));

    // Act
    await pipeline.drain();

    // Assess
    const reader = createReader(pipeline.table);
    const article = await reader.getArticleByUrl(SEED_URL);
    expect(article).toMatchObject({ primaryPair: 'PK-US' });
    expect(await reader.alertsForArticle(article?.id as string)).toMatchObject([
      { ruleId: 'ct-dialogue', status: 'published' },
    ]);
    expect([...pipeline.deadLetterQueues.values()].map((queue) => queue.size)).toEqual([0, 0, 0]);
  });

  it('leave the tracer and the X-Ray SDK out, as the default stage traces no AWS SDK call', async () => {
    // Prepare
    const bundle = await readFile(join(bundles, 'dispatchFeeds', 'index.mjs'), 'utf8');

    // Act
    const mentions = {
      xraySdk: bundle.includes('aws-xray-sdk'),
      tracerImport: bundle.includes(TRACER_MODULE),
    };

    // Assess
    expect(DEFAULT_STAGE_CONFIG.tracing).toBe(false);
    expect(mentions).toEqual({ xraySdk: false, tracerImport: true });
  });
});
