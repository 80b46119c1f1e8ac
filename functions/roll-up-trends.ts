/**
 * roll-up-trends: run by an EventBridge schedule every ROLLUP_SCHEDULE_MINUTES; saves the heat map's
 * rollup of each closed hour of the last 31 days that has none or whose labels changed since
 * (shared/console/heatmap-rollups.ts), newest first, and leaves the rest to the next run.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { DynamoDbTrendRollups } from '../adapters/dynamodb/trend-rollups.dynamodb.ts';
import { ENV } from '../infra/resource-definitions.ts';
import { createReader } from '../reader/wirewatch-reader.ts';
import { ROLLUP_JOB_LIMITS, rollUpHeatmapHours } from '../shared/console/heatmap-rollups.ts';
import { systemClock } from '../shared/ports/clock.ts';
import { requiredEnv } from './commons/config.ts';
import { dynamodb } from './commons/dynamodb-client.ts';
import { logger, metrics } from './commons/observability.ts';

const table = { client: dynamodb, tableName: requiredEnv(ENV.tableName) };
const deps = { listings: createReader(table), rollups: new DynamoDbTrendRollups(table), clock: systemClock };

export const handler = async (event: ScheduledEvent, context: Context) => {
  logger.addContext(context);
  if (event['detail-type'] !== 'Scheduled Event') {
    throw new TypeError(
      `roll-up-trends expects an EventBridge Scheduled Event, got "${event['detail-type']}"`,
    );
  }
  const summary = await rollUpHeatmapHours(deps, {
    maxHours: ROLLUP_JOB_LIMITS.maxHoursPerRun,
    // Stop while there is time to save the hour in hand; the next run carries on.
    timeUp: () => context.getRemainingTimeInMillis() < ROLLUP_JOB_LIMITS.reserveMilliseconds,
  });
  metrics.addMetric('TrendHoursRolledUp', MetricUnit.Count, summary.rolledUp);
  metrics.addMetric('TrendHoursBehind', MetricUnit.Count, summary.remaining);
  metrics.publishStoredMetrics();
  logger.info('Rolled up heat map hours', { ...summary });
  return summary;
};
