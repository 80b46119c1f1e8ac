/**
 * TrendRollups on the table (schema 1.4): one HeatmapRollup item per rolled-up hour in the partition
 * `TRENDS#HEATMAP`, and one TrendHour item per hour in `TRENDS#HOURS` saying when the hour's labels
 * last changed (`labelsChangedAt`, written by the article catalogue whenever it writes an article's
 * labels: recordLabelChange) and when its rollup was read (`rolledUpFrom`). Both partitions are
 * sorted by hour, so a period's rollups or states are one query each. Every write keeps the later
 * time, so an older job run or a change recorded late never hides a newer one.
 */
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type {
  HeatmapRollup,
  TrendHourState,
  TrendRollups,
  UtcHour,
} from '../../shared/ports/trend-rollups.ts';
import { appliedUnlessConditionFails, queryAll, type TableClient } from './table-client.ts';
import {
  HEATMAP_ROLLUPS_PK,
  heatmapRollupKey,
  SCHEMA_VERSION,
  TREND_HOURS_PK,
  TREND_SCHEMA_MINOR_VERSION,
  trendHourKey,
} from './table-keys.ts';

/** Sets `attribute` of the hour's TrendHour item to `at` unless it already holds a later time. */
async function setLaterTime(table: TableClient, hour: UtcHour, attribute: string, at: string): Promise<void> {
  await appliedUnlessConditionFails(
    table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: trendHourKey(hour),
        UpdateExpression:
          'SET #type = :type, schemaVersion = :version, schemaMinorVersion = :minor, #hour = :hour, #at = :at',
        ConditionExpression: 'attribute_not_exists(#at) OR #at < :at',
        ExpressionAttributeNames: { '#type': 'type', '#hour': 'hour', '#at': attribute },
        ExpressionAttributeValues: {
          ':type': 'TrendHour',
          ':version': SCHEMA_VERSION,
          ':minor': TREND_SCHEMA_MINOR_VERSION,
          ':hour': hour,
          ':at': at,
        },
      }),
    ),
  );
}

/** Records that labels of an article sorted in `hour` were written at `at`. */
export function recordLabelChange(table: TableClient, hour: UtcHour, at: string): Promise<void> {
  return setLaterTime(table, hour, 'labelsChangedAt', at);
}

const between = (pk: string, first: UtcHour, last: UtcHour) => ({
  KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
  ExpressionAttributeValues: { ':pk': pk, ':first': first, ':last': last },
});

export class DynamoDbTrendRollups implements TrendRollups {
  constructor(private readonly table: TableClient) {}

  rollupsBetween(first: UtcHour, last: UtcHour): Promise<HeatmapRollup[]> {
    return queryAll<HeatmapRollup>(this.table, between(HEATMAP_ROLLUPS_PK, first, last));
  }

  hourStates(first: UtcHour, last: UtcHour): Promise<TrendHourState[]> {
    return queryAll<TrendHourState>(this.table, between(TREND_HOURS_PK, first, last));
  }

  async saveRollup(rollup: HeatmapRollup): Promise<void> {
    const saved = await appliedUnlessConditionFails(
      this.table.client.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: {
            ...heatmapRollupKey(rollup.hour),
            type: 'HeatmapRollup',
            schemaVersion: SCHEMA_VERSION,
            schemaMinorVersion: TREND_SCHEMA_MINOR_VERSION,
            ...rollup,
          },
          // A run that read later has saved this hour already: keep its counts.
          ConditionExpression: 'attribute_not_exists(pk) OR readFrom < :readFrom',
          ExpressionAttributeValues: { ':readFrom': rollup.readFrom },
        }),
      ),
    );
    if (saved) await setLaterTime(this.table, rollup.hour, 'rolledUpFrom', rollup.readFrom);
  }
}
