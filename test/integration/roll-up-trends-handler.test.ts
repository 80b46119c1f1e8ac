/**
 * The roll-up-trends handler on the emulators, wired from the environment as the local runtime sets
 * it: after the seed is classified, one scheduled run rolls up hours of the heat map (newest first,
 * up to its per-run bound) and writes the archive's day shards, today's open with the seed in it.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbTrendRollups } from '../../adapters/dynamodb/trend-rollups.dynamodb.ts';
import { S3ArchiveShards } from '../../adapters/s3/archive-shards.s3.ts';
import { FUNCTIONS } from '../../infra/resource-definitions.ts';
import { lambdaContext, scheduledEvent } from '../../local/lambda-events.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/local-aws.ts';
import { LOCAL_NAMES } from '../../local/local-pipeline.ts';
import { createReader } from '../../reader/wirewatch-reader.ts';
import { ROLLUP_JOB_LIMITS } from '../../shared/console/heatmap-rollups.ts';
import {
  articleJobFor,
  type SamplePipeline,
  SEED_URL,
  startSamplePipeline,
} from '../support/sample-pipeline.ts';

let sample: SamplePipeline;
beforeAll(async () => {
  sample = await startSamplePipeline();
  sample.pipeline.queue('articleJobs').send(articleJobFor(SEED_URL));
  await sample.pipeline.drain();
}, 120_000);
afterAll(async () => {
  await sample?.stop();
});

describe('roll-up-trends', () => {
  it('rolls up the newest hours within its bound and shards the archive, today open with the seed', async () => {
    // Prepare
    const { handler } = await import('../../functions/roll-up-trends.ts');
    const now = new Date();
    const context = lambdaContext(
      'roll-up-trends',
      LOCAL_REGION,
      '000000000000',
      FUNCTIONS.rollUpTrends.timeoutSeconds,
    );
    const seed = await createReader(sample.pipeline.table).getArticleByUrl(SEED_URL);
    const s3 = new S3Client({
      endpoint: sample.pipeline.aws.endpoints.s3,
      forcePathStyle: true,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });

    // Act
    const summary = await handler(
      scheduledEvent('arn:aws:events:us-east-1:000000000000:rule/rollup', LOCAL_REGION, '000000000000', now),
      context,
    );
    const today = await new S3ArchiveShards(s3, LOCAL_NAMES.bucket).getDayShard(
      now.toISOString().slice(0, 10),
    );
    const newestHour = new Date(now.getTime() - 3_600_000 - 60_000).toISOString().slice(0, 13);
    const saved = await new DynamoDbTrendRollups(sample.pipeline.table).rollupsBetween(
      newestHour,
      newestHour,
    );

    // Assess
    expect(summary.rollups.rolledUp).toBe(ROLLUP_JOB_LIMITS.maxHoursPerRun);
    expect(summary.rollups.remaining).toBeGreaterThan(0);
    expect(saved.map(({ hour }) => hour)).toEqual([newestHour]);
    expect(summary.shards.written).toBe(32);
    expect(today?.sealed).toBe(false);
    expect(today?.documents.map(({ document }) => document.id)).toContain(seed?.id);
    s3.destroy();
  }, 120_000);
});
