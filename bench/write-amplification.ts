/**
 * Measures what one article and one feed poll cost the pipeline, by running it: the local runtime
 * polls the bundled sample feeds once, with the real handlers, while a meter on the handlers' own
 * DynamoDB client counts write units by item type (bench/dynamodb-write-meter.ts). Also gives each
 * queue-consuming function's wall time per record, which the cost model bills as Lambda duration.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SAMPLES_DIR, startLocalRuntime } from '../cli/local-runtime.ts';
import type { FunctionName } from '../infra/resource-definitions.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/local-aws.ts';
import { LOCAL_NAMES } from '../local/local-pipeline.ts';
import { registerFeeds } from '../shared/pipeline/register-feeds.ts';
import { systemClock } from '../shared/ports/clock.ts';
import { meterWrites, type WriteTally, type WriteUnitsByType } from './dynamodb-write-meter.ts';

/** Item types written once per article (and its alerts); FeedState is written per poll instead. */
const PER_POLL_TYPES = new Set(['FeedState']);

export interface PipelineRunFigures {
  articles: number;
  polls: number;
  /** Write units by item type, over the whole run. */
  writes: Record<string, WriteTally>;
  /** Table + index write units per stored article (every type but FeedState). */
  writeUnitsPerArticle: number;
  /** Table + index write units per feed poll (FeedState). */
  writeUnitsPerPoll: number;
  /** Wall milliseconds per record handled, by queue-consuming function. */
  msPerRecord: Partial<Record<FunctionName, number>>;
}

const unitsOf = (tally: WriteTally) => tally.tableUnits + tally.indexUnits;

async function readJson<T>(path: string): Promise<T> {
  const { readFile } = await import('node:fs/promises');
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

/** One poll of the sample feeds through the local pipeline, metered. */
export async function measurePipelineRun(): Promise<PipelineRunFigures> {
  const outboxDir = await mkdtemp(join(tmpdir(), 'wirewatch-cost-'));
  const pipeline = await startLocalRuntime({ stateDir: null, outboxDir, verbose: false });
  try {
    const feeds = await readJson<{ url: string; title?: string }[]>(join(SAMPLES_DIR, 'feeds.json'));
    const rules = await readJson<{ id: string; name?: string; query: string }[]>(
      join(SAMPLES_DIR, 'rules.json'),
    );
    await registerFeeds(feeds, { feeds: pipeline.feedStore, clock: systemClock });
    for (const rule of rules) {
      await pipeline.ruleStore.putRule({
        id: rule.id,
        name: rule.name ?? rule.id,
        query: rule.query,
        createdAt: systemClock.now().toISOString(),
      });
    }
    // The handlers' client is created at their cold start, which starting the runtime performed:
    // importing the module now gives that same client, so the meter sees exactly what they send.
    const { dynamodb } = await import('../functions/commons/dynamodb-client.ts');
    const reader = new DynamoDBClient({
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      endpoint: pipeline.aws.endpoints.dynamodb,
    });
    const tally: WriteUnitsByType = new Map();
    const stopMetering = meterWrites(dynamodb, reader, LOCAL_NAMES.table, tally);
    try {
      await pipeline.tick();
    } finally {
      stopMetering();
      reader.destroy();
    }
    const articles = tally.get('Article')?.requests ?? 0;
    const polls = pipeline.invocationStats.get('fetchFeed')?.records ?? 0;
    let perArticle = 0;
    let perPoll = 0;
    for (const [type, each] of tally) {
      if (PER_POLL_TYPES.has(type)) perPoll += unitsOf(each);
      else perArticle += unitsOf(each);
    }
    return {
      articles,
      polls,
      writes: Object.fromEntries(tally),
      writeUnitsPerArticle: articles === 0 ? 0 : perArticle / articles,
      writeUnitsPerPoll: polls === 0 ? 0 : perPoll / polls,
      msPerRecord: Object.fromEntries(
        [...pipeline.invocationStats].map(([name, stats]) => [name, stats.ms / Math.max(1, stats.records)]),
      ),
    };
  } finally {
    await pipeline.close();
    await rm(outboxDir, { recursive: true, force: true });
  }
}
