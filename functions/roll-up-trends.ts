/**
 * roll-up-trends: run by an EventBridge schedule every ROLLUP_SCHEDULE_MINUTES; saves the heat map's
 * rollup of each closed hour of the last 31 days that has none or whose labels changed since
 * (shared/console/heatmap-rollups.ts), newest first; then, with the time left, the archive's day
 * shards of today and of the last 31 days not sealed yet (shared/console/archive-day-shards.ts). What does
 * not fit is left to the next run.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { DynamoDbTrendRollups } from '../adapters/dynamodb/trend-rollups.dynamodb.ts';
import { S3ArchiveShards } from '../adapters/s3/archive-shards.s3.ts';
import { S3ArticleArchive } from '../adapters/s3/article-archive.s3.ts';
import { ENV } from '../infra/resource-definitions.ts';
import { createReader } from '../reader/wirewatch-reader.ts';
import { buildDayShards } from '../shared/console/archive-day-shards.ts';
import { ROLLUP_JOB_LIMITS, rollUpHeatmapHours } from '../shared/console/heatmap-rollups.ts';
import { systemClock } from '../shared/ports/clock.ts';
import { requiredEnv } from './commons/config.ts';
import { dynamodb } from './commons/dynamodb-client.ts';
import { logger, metrics } from './commons/observability.ts';
import { s3 } from './commons/s3-client.ts';

const table = { client: dynamodb, tableName: requiredEnv(ENV.tableName) };
const bucket = requiredEnv(ENV.bucketName);
const deps = {
  listings: createReader(table),
  rollups: new DynamoDbTrendRollups(table),
  archive: new S3ArticleArchive(s3, bucket),
  shards: new S3ArchiveShards(s3, bucket),
  clock: systemClock,
};

export const handler = async (event: ScheduledEvent, context: Context) => {
  logger.addContext(context);
  if (event['detail-type'] !== 'Scheduled Event') {
    throw new TypeError(
      `roll-up-trends expects an EventBridge Scheduled Event, got "${event['detail-type']}"`,
    );
  }
  // Stop while there is time to save the hour or the day in hand; the next run carries on.
  const timeUp = () => context.getRemainingTimeInMillis() < ROLLUP_JOB_LIMITS.reserveMilliseconds;
  const rollups = await rollUpHeatmapHours(deps, { maxHours: ROLLUP_JOB_LIMITS.maxHoursPerRun, timeUp });
  const shards = await buildDayShards(deps, timeUp);
  metrics.addMetric('TrendHoursRolledUp', MetricUnit.Count, rollups.rolledUp);
  metrics.addMetric('TrendHoursBehind', MetricUnit.Count, rollups.remaining);
  metrics.addMetric('ArchiveDayShardsWritten', MetricUnit.Count, shards.written);
  metrics.publishStoredMetrics();
  logger.info('Rolled up heat map hours and archive days', {
    hoursRolledUp: rollups.rolledUp,
    hoursBehind: rollups.remaining,
    labelItems: rollups.labelItems,
    dayShardsWritten: shards.written,
    documentsRead: shards.documentsRead,
  });
  return { rollups, shards };
};
