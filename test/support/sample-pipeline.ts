/**
 * The local runtime on the bundled sample site, in memory, on the test backend (test-backend.ts), for
 * integration tests: start it, hand it an article job, add the sample rule, stop it and remove its outbox.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalPipeline, type LocalPipelineOptions } from '../../local/local-pipeline.ts';
import type { StoredRule } from '../../shared/ports/rule-store.ts';
import { articleIdFor } from '../../shared/urls/canonical-url.ts';
import { startTestAws } from './test-backend.ts';

export const SAMPLE_SITE = 'http://samples.wirewatch.localhost';
export const SEED_URL = `${SAMPLE_SITE}/articles/pakistan-us-bilateral-ties.html`;

export const CT_DIALOGUE_RULE: StoredRule = {
  id: 'ct-dialogue',
  name: 'Counterterrorism dialogue',
  query: '"counterterrorism dialogue"',
  createdAt: '2026-11-27T00:00:00.000Z',
};

/** A rule of the sample set (samples/rules.json) as the rule store keeps it. */
export async function sampleRule(id: string): Promise<StoredRule> {
  const rules = JSON.parse(
    await readFile(join(import.meta.dirname, '../../samples/rules.json'), 'utf8'),
  ) as Omit<StoredRule, 'createdAt'>[];
  const rule = rules.find((each) => each.id === id);
  if (rule === undefined) throw new Error(`samples/rules.json has no rule ${id}`);
  return { ...rule, createdAt: '2026-11-27T00:00:00.000Z' };
}

/** The message fetch-feed would enqueue for an article at `url`. */
export function articleJobFor(url: string): string {
  return JSON.stringify({
    articleId: articleIdFor(url),
    url,
    feedId: 'feed-test',
    feedUrl: `${SAMPLE_SITE}/feeds/world.rss`,
    entry: { title: null, publishedAt: null },
  });
}

export interface SamplePipeline {
  pipeline: LocalPipeline;
  outbox: string;
  stop(): Promise<void>;
}

export async function startSamplePipeline(
  options: Pick<LocalPipelineOptions, 'handlerModules'> = {},
): Promise<SamplePipeline> {
  const outbox = await mkdtemp(join(tmpdir(), 'wirewatch-outbox-'));
  const pipeline = await LocalPipeline.start({
    stateDir: null,
    outboxDir: outbox,
    sampleRoot: join(import.meta.dirname, '../../samples/site'),
    verbose: false,
    startAws: startTestAws,
    ...options,
  });
  return {
    pipeline,
    outbox,
    async stop() {
      await pipeline.close();
      await rm(outbox, { recursive: true, force: true });
    },
  };
}
