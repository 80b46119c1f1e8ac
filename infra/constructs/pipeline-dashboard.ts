/**
 * PipelineDashboard: one CloudWatch dashboard an operator opens first. Top to bottom: is work flowing
 * (articles and alerts per hour, rule matches per rule), are feeds healthy, are functions healthy
 * (p95 duration, errors, throttles), are queues draining (depth, age, dead letters), and which alarms
 * are firing. Counts come from the metrics the functions already emit (Powertools, one namespace,
 * dimension `service`); rule matches come from classify-article's "Article classified" log lines,
 * which name the rules an article matched.
 */

import { Duration } from 'aws-cdk-lib';
import {
  AlarmStatusWidget,
  Dashboard,
  type DashboardProps,
  GraphWidget,
  type IAlarm,
  type IMetric,
  LogQueryWidget,
  Metric,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface PipelineDashboardProps {
  /** Where the functions' Powertools metrics go, and their `service` dimension. */
  readonly metricsNamespace: string;
  readonly serviceName: string;
  /** Each function by name, in pipeline order. */
  readonly functions: Readonly<Record<string, IFunction>>;
  /** Each work queue by name, with its dead-letter queue. */
  readonly queues: Readonly<Record<string, { queue: IQueue; deadLetterQueue: IQueue }>>;
  /** Dead-letter queues that belong to no work queue (e.g. the schedules'). */
  readonly otherDeadLetterQueues: Readonly<Record<string, IQueue>>;
  /** classify-article's log group, whose "Article classified" lines list the matched rules. */
  readonly classifyLogGroup: ILogGroup;
  readonly alarms: readonly IAlarm[];
  /** Overrides for the dashboard itself (CDK's own props). */
  readonly dashboardProps?: DashboardProps;
}

const HOUR = Duration.hours(1);
const FIVE_MINUTES = Duration.minutes(5);
const FULL_WIDTH = 24;
const HALF_WIDTH = 12;
const THIRD_WIDTH = 8;

/** Each article JSON that classify-article stored, split into one row per rule it matched. */
export const RULE_MATCHES_QUERY = [
  'fields jsonParse(@message) as log',
  'filter log.message = "Article classified"',
  'unnest log.matchedRules into ruleId',
  'stats count(*) as matches by ruleId',
  'sort matches desc',
].join('\n| ');

export class PipelineDashboard extends Construct {
  public readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: PipelineDashboardProps) {
    super(scope, id);
    const count = (metricName: string, label: string, period = HOUR): IMetric =>
      new Metric({
        namespace: props.metricsNamespace,
        metricName,
        dimensionsMap: { service: props.serviceName },
        statistic: 'Sum',
        period,
        label,
      });
    const functions = Object.entries(props.functions);
    const queues = Object.entries(props.queues);
    const deadLetterQueues = [
      ...queues.map(([name, { deadLetterQueue }]) => [name, deadLetterQueue] as const),
      ...Object.entries(props.otherDeadLetterQueues),
    ];

    this.dashboard = new Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(1),
      ...props.dashboardProps,
    });
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Articles per hour',
        width: HALF_WIDTH,
        left: [
          count('ArticlesEnqueued', 'new in feeds'),
          count('ArticlesArchived', 'fetched and stored'),
          count('ArticlesClassified', 'classified'),
        ],
      }),
      new GraphWidget({
        title: 'Alerts sent per hour',
        width: HALF_WIDTH,
        left: [count('AlertsSent', 'alerts sent'), count('DigestsSent', 'digests sent')],
      }),
    );
    this.dashboard.addWidgets(
      new LogQueryWidget({
        title: 'Rule matches per rule (dashboard time range)',
        width: HALF_WIDTH,
        logGroupNames: [props.classifyLogGroup.logGroupName],
        queryString: RULE_MATCHES_QUERY,
      }),
      new GraphWidget({
        title: 'Feed polls per hour',
        width: HALF_WIDTH,
        left: [
          count('Feed_fetched', 'fetched'),
          count('Feed_not-modified', 'not modified'),
          count('Feed_failed', 'failed'),
          count('FeedsBroken', 'marked broken'),
          count('PoisonMessages', 'poison messages (any function)'),
        ],
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Duration p95 (ms)',
        width: HALF_WIDTH,
        left: functions.map(([name, fn]) =>
          fn.metricDuration({ statistic: 'p95', period: FIVE_MINUTES, label: name }),
        ),
      }),
      new GraphWidget({
        title: 'Errors and throttles',
        width: HALF_WIDTH,
        left: functions.map(([name, fn]) =>
          fn.metricErrors({ statistic: 'Sum', period: FIVE_MINUTES, label: `${name} errors` }),
        ),
        right: functions.map(([name, fn]) =>
          fn.metricThrottles({ statistic: 'Sum', period: FIVE_MINUTES, label: `${name} throttles` }),
        ),
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Queue depth',
        width: THIRD_WIDTH,
        left: queues.map(([name, { queue }]) =>
          queue.metricApproximateNumberOfMessagesVisible({
            statistic: 'Maximum',
            period: FIVE_MINUTES,
            label: name,
          }),
        ),
      }),
      new GraphWidget({
        title: 'Oldest message age (s)',
        width: THIRD_WIDTH,
        left: queues.map(([name, { queue }]) =>
          queue.metricApproximateAgeOfOldestMessage({
            statistic: 'Maximum',
            period: FIVE_MINUTES,
            label: name,
          }),
        ),
      }),
      new GraphWidget({
        title: 'Dead letters',
        width: THIRD_WIDTH,
        left: deadLetterQueues.map(([name, queue]) =>
          queue.metricApproximateNumberOfMessagesVisible({
            statistic: 'Maximum',
            period: FIVE_MINUTES,
            label: name,
          }),
        ),
      }),
    );
    this.dashboard.addWidgets(
      new AlarmStatusWidget({ title: 'Alarms', width: FULL_WIDTH, alarms: [...props.alarms] }),
    );
  }
}
