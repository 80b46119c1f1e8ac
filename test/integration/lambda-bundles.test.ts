/**
 * What ships, not just the source: each function is bundled by esbuild as the CDK stack bundles it
 * (ESM, AWS SDK inside, the createRequire banner, minified), and the local runtime runs the seed
 * article through those bundles. A bundle that cannot load its data files or its SDK fails here.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESM_REQUIRE_BANNER } from '../../infra/constructs/pipeline-function.ts';
import { FUNCTIONS, type FunctionName } from '../../infra/resource-definitions.ts';
import { LocalPipeline } from '../../local/local-pipeline.ts';
import { createReader } from '../../reader/wirewatch-reader.ts';
import { articleIdFor } from '../../shared/urls/canonical-url.ts';

const ROOT = join(import.meta.dirname, '../..');
const SEED_URL = 'http://samples.wirewatch.localhost/articles/pakistan-us-bilateral-ties.html';
let bundles: string;
let pipeline: LocalPipeline;

beforeAll(async () => {
  bundles = await mkdtemp(join(tmpdir(), 'wirewatch-bundles-'));
  const handlerModules: Partial<Record<FunctionName, string>> = {};
  for (const [name, definition] of Object.entries(FUNCTIONS) as [FunctionName, { entry: string }][]) {
    const outfile = join(bundles, name, 'index.mjs');
    await build({
      entryPoints: [join(ROOT, definition.entry)],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      mainFields: ['module', 'main'],
      banner: { js: ESM_REQUIRE_BANNER },
      minify: true,
      logLevel: 'silent',
    });
    handlerModules[name] = pathToFileURL(outfile).href;
  }
  pipeline = await LocalPipeline.start({
    stateDir: null,
    outboxDir: join(bundles, 'outbox'),
    sampleRoot: join(ROOT, 'samples/site'),
    verbose: false,
    handlerModules,
  });
}, 120_000);

afterAll(async () => {
  await pipeline?.close();
  await rm(bundles, { recursive: true, force: true });
});

describe('the Lambda bundles', () => {
  it('fetch, extract, classify and alert on the seed exactly as the source does', async () => {
    // Prepare
    await pipeline.ruleStore.putRule({
      id: 'ct-dialogue',
      name: 'Counterterrorism dialogue',
      query: '"counterterrorism dialogue"',
      createdAt: '2026-11-27T00:00:00.000Z',
    });
    const job = {
      articleId: articleIdFor(SEED_URL),
      url: SEED_URL,
      feedId: 'bundle-test',
      feedUrl: 'http://samples.wirewatch.localhost/feeds/world.rss',
      entry: { title: null, publishedAt: null },
    };
    pipeline.queue('articleJobs').send(JSON.stringify(job));

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
});
