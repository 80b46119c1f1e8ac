/**
 * OpsAlarms: the alarms an operator must hear about, all notifying one ops topic when they fire and
 * when they recover. Each helper picks the metric and a default threshold (docs/operations.md says
 * why each threshold); every default is overridable. Missing data counts as "all is well": a queue
 * or function with no traffic is not a fault.
 */

import { Duration } from 'aws-cdk-lib';
import type { IHttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  type AlarmProps,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OpsAlarmsProps {
  /** Every alarm notifies this topic when it fires and when it recovers. */
  readonly opsTopic: ITopic;
}

/** Overrides for one alarm; the metric and the action always come from the helper. */
export type AlarmOverrides = Partial<Omit<AlarmProps, 'metric'>>;

/** Share of the timeout above which a function is one slow call away from timing out. */
export const DURATION_ALARM_SHARE_OF_TIMEOUT = 0.8;

export class OpsAlarms extends Construct {
  /** Every alarm created so far, e.g. for a dashboard's alarm status widget. */
  public readonly alarms: Alarm[] = [];
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: OpsAlarmsProps) {
    super(scope, id);
    this.action = new SnsAction(props.opsTopic);
  }

  /** Any visible message in a dead-letter queue is work the pipeline gave up on. */
  public alarmOnDeadLetters(id: string, deadLetterQueue: IQueue, overrides: AlarmOverrides = {}): Alarm {
    return this.addAlarm(
      id,
      deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      {
        alarmDescription: 'Messages are waiting in a dead-letter queue: inspect, fix, then redrive.',
        ...overrides,
      },
    );
  }

  /** Any invocation error in five minutes; partial batch failures are retried, errors are not expected. */
  public alarmOnErrors(id: string, fn: IFunction, overrides: AlarmOverrides = {}): Alarm {
    return this.addAlarm(id, fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }), {
      alarmDescription: 'A pipeline function failed: see its log group.',
      ...overrides,
    });
  }

  /**
   * Throttles in three five-minute periods running: a burst absorbed by retries is fine, a function
   * held at its concurrency limit for a quarter of an hour is a backlog in the making.
   */
  public alarmOnThrottles(id: string, fn: IFunction, overrides: AlarmOverrides = {}): Alarm {
    return this.addAlarm(id, fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }), {
      evaluationPeriods: 3,
      alarmDescription: 'The function is throttled: raise its concurrency cap or find what floods it.',
      ...overrides,
    });
  }

  /**
   * The slowest invocation in 15 minutes took over 80% of the timeout: one slower site or table and
   * the whole batch times out and is retried.
   */
  public alarmOnDurationNearTimeout(
    id: string,
    fn: IFunction,
    timeout: Duration,
    overrides: AlarmOverrides = {},
  ): Alarm {
    const threshold = Math.round(timeout.toMilliseconds() * DURATION_ALARM_SHARE_OF_TIMEOUT);
    return this.addAlarm(id, fn.metricDuration({ period: Duration.minutes(15), statistic: 'Maximum' }), {
      threshold,
      alarmDescription: `An invocation took over ${threshold / 1000}s of its ${timeout.toSeconds()}s timeout.`,
      ...overrides,
    });
  }

  /** The oldest message has waited longer than `maxAge`: consumers are stuck or falling behind. */
  public alarmOnBacklogAge(
    id: string,
    queue: IQueue,
    maxAge: Duration,
    overrides: AlarmOverrides = {},
  ): Alarm {
    return this.addAlarm(
      id,
      queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' }),
      {
        threshold: maxAge.toSeconds(),
        evaluationPeriods: 3,
        alarmDescription: `Messages have waited over ${maxAge.toHumanString()}: consumers are stuck or too slow.`,
        ...overrides,
      },
    );
  }

  /**
   * Read or write throttle events on the table or its indexes in two five-minute periods running.
   * The SDK retries a throttled request, so one period can pass unnoticed; two mean requests fail.
   */
  public alarmOnTableThrottles(
    id: string,
    table: ITable,
    indexNames: readonly string[],
    overrides: AlarmOverrides = {},
  ): Alarm {
    const period = Duration.minutes(5);
    const metrics: Record<string, IMetric> = {
      tableReads: table.metric('ReadThrottleEvents', { period, statistic: 'Sum' }),
      tableWrites: table.metric('WriteThrottleEvents', { period, statistic: 'Sum' }),
    };
    indexNames.forEach((indexName, index) => {
      // A throttled index write throttles the base-table write that caused it.
      metrics[`index${index}Writes`] = table.metric('WriteThrottleEvents', {
        period,
        statistic: 'Sum',
        dimensionsMap: { TableName: table.tableName, GlobalSecondaryIndexName: indexName },
      });
    });
    const throttles = new MathExpression({
      expression: Object.keys(metrics)
        .map((name) => `FILL(${name}, 0)`)
        .join(' + '),
      usingMetrics: metrics,
      period,
      label: 'Throttle events',
    });
    return this.addAlarm(id, throttles, {
      evaluationPeriods: 2,
      alarmDescription: 'DynamoDB is throttling the table: find the hot key or the runaway writer.',
      ...overrides,
    });
  }

  /** Any notification SNS could not deliver in five minutes: an alert or digest never reached its reader. */
  public alarmOnFailedDeliveries(id: string, topic: ITopic, overrides: AlarmOverrides = {}): Alarm {
    return this.addAlarm(
      id,
      topic.metricNumberOfNotificationsFailed({ period: Duration.minutes(5), statistic: 'Sum' }),
      {
        alarmDescription: 'SNS failed to deliver notifications: check the subscriptions and their endpoints.',
        ...overrides,
      },
    );
  }

  /**
   * dispatch-feeds found more feeds due than one run may lease (its `DispatchCapReached` metric): the
   * feeds beyond the cap wait for the next run, and a backlog of overdue feeds builds unnoticed.
   */
  public alarmOnDispatchCapReached(
    id: string,
    metrics: { namespace: string; serviceName: string },
    overrides: AlarmOverrides = {},
  ): Alarm {
    return this.addAlarm(
      id,
      new Metric({
        namespace: metrics.namespace,
        metricName: 'DispatchCapReached',
        dimensionsMap: { service: metrics.serviceName },
        period: Duration.minutes(15),
        statistic: 'Maximum',
      }),
      {
        alarmDescription:
          'More feeds were due than one dispatch-feeds run may lease: raise WIREWATCH_DISPATCH_MAX_FEEDS_PER_RUN.',
        ...overrides,
      },
    );
  }

  /**
   * Any 5xx from the console API in five minutes: its handlers answer bad input with a 4xx, so a 5xx
   * is a failed or timed-out function, or API Gateway itself failing to reach it.
   */
  public alarmOnApiServerErrors(id: string, stage: IHttpStage, overrides: AlarmOverrides = {}): Alarm {
    return this.addAlarm(id, stage.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }), {
      alarmDescription: 'The console API answered with a server error: see the console-api log group.',
      ...overrides,
    });
  }

  /**
   * The console API's 90th-percentile latency stayed above `threshold` for three five-minute periods:
   * analysts wait on every page, and the previews are near their time bound.
   */
  public alarmOnApiLatency(
    id: string,
    stage: IHttpStage,
    threshold: Duration,
    overrides: AlarmOverrides = {},
  ): Alarm {
    return this.addAlarm(id, stage.metricLatency({ period: Duration.minutes(5), statistic: 'p90' }), {
      threshold: threshold.toMilliseconds(),
      evaluationPeriods: 3,
      alarmDescription: `The console API's p90 latency has been over ${threshold.toHumanString()} for 15 minutes.`,
      ...overrides,
    });
  }

  private addAlarm(id: string, metric: IMetric, props: AlarmOverrides): Alarm {
    const alarm = new Alarm(this, id, {
      metric,
      threshold: 0,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      ...props,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }
}
