/**
 * OpsAlarms: the alarms an operator must hear about, all notifying one ops topic. A dead letter, a
 * function error and a classify backlog that keeps ageing each mean articles are not reaching
 * analysts, so each alarm fires on the first sign and treats missing data as "all is well".
 */

import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  type AlarmProps,
  ComparisonOperator,
  type IMetric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
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

export class OpsAlarms extends Construct {
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
    return alarm;
  }
}
