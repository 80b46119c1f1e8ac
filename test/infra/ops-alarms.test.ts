/**
 * OpsAlarms: each helper alarms on the right metric, notifies the ops topic, and takes overrides.
 */

import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { OpsAlarms } from '../../infra/constructs/ops-alarms.ts';
import { newTestApp } from './test-app.ts';

function prepare() {
  const stack = new Stack(newTestApp(), 'OpsAlarmsTest');
  const opsTopic = new Topic(stack, 'OpsTopic');
  const queue = new Queue(stack, 'Queue');
  const alarms = new OpsAlarms(stack, 'Alarms', { opsTopic });
  return { stack, opsTopic, queue, alarms };
}

describe('OpsAlarms', () => {
  it('alarms on the first dead letter and notifies the ops topic on alarm and recovery', () => {
    // Prepare
    const { stack, opsTopic, queue, alarms } = prepare();

    // Act
    alarms.alarmOnDeadLetters('DeadLetters', queue);

    // Assess
    const opsTopicRef = stack.resolve(opsTopic.topicArn);
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: stack.resolve(queue.queueName) }],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
      TreatMissingData: 'notBreaching',
      AlarmActions: [opsTopicRef],
      OKActions: [opsTopicRef],
    });
  });

  it('alarms when the oldest message is older than the given age, with overrides applied', () => {
    // Prepare
    const { stack, queue, alarms } = prepare();

    // Act
    alarms.alarmOnBacklogAge('BacklogAge', queue, Duration.minutes(10), { evaluationPeriods: 6 });

    // Assess
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
      Statistic: 'Maximum',
      Threshold: 600,
      EvaluationPeriods: 6,
      AlarmDescription: Match.stringLikeRegexp('10 minutes'),
    });
  });

  it('alarms at 80% of the timeout on the slowest invocation', () => {
    // Prepare
    const { stack, alarms } = prepare();
    const fn = new LambdaFunction(stack, 'Fn', {
      runtime: Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: Code.fromInline('export const handler = () => {};'),
    });

    // Act
    alarms.alarmOnDurationNearTimeout('Slow', fn, Duration.seconds(90));

    // Assess
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Duration',
      Statistic: 'Maximum',
      Threshold: 72_000,
    });
  });

  it('sums table and index throttle events, missing values as zero, over two periods', () => {
    // Prepare
    const { stack, alarms } = prepare();
    const table = new Table(stack, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } });

    // Act
    alarms.alarmOnTableThrottles('Throttled', table, ['gsi1']);

    // Assess
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      EvaluationPeriods: 2,
      Metrics: Match.arrayWith([
        Match.objectLike({
          Expression: 'FILL(tableReads, 0) + FILL(tableWrites, 0) + FILL(index0Writes, 0)',
        }),
      ]),
    });
    expect(JSON.stringify(template.toJSON())).toContain('"Name":"GlobalSecondaryIndexName","Value":"gsi1"');
  });

  it('keeps every alarm it creates, for a dashboard', () => {
    // Prepare
    const { stack, opsTopic, queue, alarms } = prepare();

    // Act
    alarms.alarmOnDeadLetters('DeadLetters', queue);
    alarms.alarmOnFailedDeliveries('Failed', opsTopic);

    // Assess
    expect(alarms.alarms).toHaveLength(2);
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'NumberOfNotificationsFailed',
      Dimensions: [{ Name: 'TopicName', Value: stack.resolve(opsTopic.topicName) }],
    });
  });
});
