/**
 * QueueWithDlq: secure defaults, redrive wiring, overrides and the maxReceiveCount guard.
 */

import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { QueueWithDlq } from '../../infra/constructs/queue-with-dlq.ts';
import { newTestApp } from './test-app.ts';

const FOURTEEN_DAYS_IN_SECONDS = 14 * 24 * 60 * 60;

function newStack(): Stack {
  return new Stack(newTestApp(), 'QueueWithDlqTest');
}

describe('QueueWithDlq', () => {
  it('redrives to an encrypted dead-letter queue that keeps messages 14 days', () => {
    // Prepare
    const stack = newStack();

    // Act
    const created = new QueueWithDlq(stack, 'Jobs', {
      maxReceiveCount: 4,
      visibilityTimeout: Duration.seconds(90),
    });

    // Assess
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: 90,
      SqsManagedSseEnabled: true,
      RedrivePolicy: {
        maxReceiveCount: 4,
        deadLetterTargetArn: stack.resolve(created.deadLetterQueue.queueArn),
      },
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      MessageRetentionPeriod: FOURTEEN_DAYS_IN_SECONDS,
      SqsManagedSseEnabled: true,
      RedrivePolicy: Match.absent(),
    });
  });

  it('denies any access over plain HTTP to both queues', () => {
    // Prepare
    const stack = newStack();

    // Act
    const created = new QueueWithDlq(stack, 'Jobs', {
      maxReceiveCount: 3,
      visibilityTimeout: Duration.seconds(30),
    });

    // Assess
    const template = Template.fromStack(stack);
    for (const queue of [created.queue, created.deadLetterQueue]) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [stack.resolve(queue.queueUrl)],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  it('lets the caller override a default while keeping the others', () => {
    // Prepare
    const stack = newStack();

    // Act
    new QueueWithDlq(stack, 'Jobs', {
      maxReceiveCount: 3,
      visibilityTimeout: Duration.seconds(30),
      deadLetterQueueProps: { retentionPeriod: Duration.days(7) },
    });

    // Assess
    Template.fromStack(stack).hasResourceProperties('AWS::SQS::Queue', {
      MessageRetentionPeriod: 7 * 24 * 60 * 60,
      SqsManagedSseEnabled: true,
    });
  });

  it.each([0, 1.5, 1001])('rejects maxReceiveCount %s', (maxReceiveCount) => {
    // Prepare
    const stack = newStack();

    // Act
    const build = () =>
      new QueueWithDlq(stack, 'Jobs', { maxReceiveCount, visibilityTimeout: Duration.seconds(30) });

    // Assess
    expect(build).toThrow(/maxReceiveCount must be a whole number from 1 to 1000/);
  });
});
