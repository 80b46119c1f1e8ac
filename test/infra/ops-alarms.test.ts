/**
 * OpsAlarms: each helper alarms on the right metric, notifies the ops topic, and takes overrides.
 */

import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { describe, it } from 'vitest';
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
});
