/**
 * Bind helpers: each grants only what its access needs, sets the matching ENV variable, and the
 * queue consumer refuses a queue whose visibility timeout is shorter than the function timeout.
 */

import { fileURLToPath } from 'node:url';
import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { PipelineFunction } from '../../infra/constructs/pipeline-function.ts';
import { QueueWithDlq } from '../../infra/constructs/queue-with-dlq.ts';
import { bindBucket, bindQueueConsumer, bindTable } from '../../infra/resource-bindings.ts';
import { ENV } from '../../infra/resource-definitions.ts';
import { grantedActionsOf, grantedStatementsOf } from './policy-statements.ts';
import { newTestApp } from './test-app.ts';

function prepare(timeout: Duration) {
  const stack = new Stack(newTestApp(), 'BindingsTest');
  const fn = new PipelineFunction(stack, 'Handler', {
    entry: fileURLToPath(new URL('./fixtures/sdk-handler.ts', import.meta.url)),
    serviceName: 'test-service',
    metricsNamespace: 'TestNamespace',
    timeout,
  });
  return { stack, fn };
}

describe('bindBucket', () => {
  it('gives a writer object puts only, and the bucket name', () => {
    // Prepare
    const { stack, fn } = prepare(Duration.seconds(30));
    const bucket = new Bucket(stack, 'Bucket');

    // Act
    bindBucket(fn, bucket, 'write');

    // Assess
    const template = Template.fromStack(stack);
    const s3Actions = grantedActionsOf(stack, fn, 's3:');
    expect(s3Actions).toContain('s3:PutObject');
    expect(s3Actions.filter((action) => !/^s3:(PutObject|Abort)/.test(action))).toEqual([]);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ [ENV.bucketName]: stack.resolve(bucket.bucketName) }) },
    });
  });
});

describe('bindBucket key patterns', () => {
  it('gives a reader GetObject alone, on the given prefixes only, and a writer puts on each prefix', () => {
    // Prepare
    const { stack, fn } = prepare(Duration.seconds(30));
    const writer = prepare(Duration.seconds(30));
    const bucket = new Bucket(stack, 'Bucket');
    const writerBucket = new Bucket(writer.stack, 'Bucket');

    // Act
    bindBucket(fn, bucket, 'read', ['articles/*']);
    bindBucket(writer.fn, writerBucket, 'write', ['raw/*', 'articles/*']);

    // Assess
    const readStatements = grantedStatementsOf(stack, fn).filter((statement) =>
      statement.actions.some((action) => action.startsWith('s3:')),
    );
    expect(readStatements).toEqual([
      { actions: ['s3:GetObject'], resources: [stack.resolve(bucket.arnForObjects('articles/*'))] },
    ]);
    const writeResources = grantedStatementsOf(writer.stack, writer.fn)
      .filter((statement) => statement.actions.includes('s3:PutObject'))
      .flatMap((statement) => statement.resources);
    expect(new Set(writeResources)).toEqual(
      new Set(
        ['raw/*', 'articles/*'].map((pattern) => writer.stack.resolve(writerBucket.arnForObjects(pattern))),
      ),
    );
  });
});

describe('bindTable', () => {
  it('gives a delivery recorder reads and single-item writes, never deletes or batch writes', () => {
    // Prepare
    const { stack, fn } = prepare(Duration.seconds(30));
    const table = new Table(stack, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } });

    // Act
    bindTable(fn, table, 'read-and-record');

    // Assess
    const actions = grantedActionsOf(stack, fn, 'dynamodb:');
    expect(actions).toEqual(
      expect.arrayContaining([
        'dynamodb:Query',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
      ]),
    );
    expect(actions.filter((action) => /Delete|BatchWrite/.test(action))).toEqual([]);
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ [ENV.tableName]: stack.resolve(table.tableName) }) },
    });
  });
});

describe('bindQueueConsumer', () => {
  it('reports batch item failures with the given batch size, window and concurrency cap', () => {
    // Prepare
    const { stack, fn } = prepare(Duration.seconds(30));
    const queues = new QueueWithDlq(stack, 'Jobs', {
      maxReceiveCount: 3,
      visibilityTimeout: Duration.seconds(60),
    });

    // Act
    bindQueueConsumer(fn, queues, { batchSize: 7, maxBatchingWindowSeconds: 2, maxConcurrency: 4 });

    // Assess
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: stack.resolve(queues.queue.queueArn),
      BatchSize: 7,
      MaximumBatchingWindowInSeconds: 2,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 4 },
    });
  });

  it('lets the consumer dead-letter a poison record itself', () => {
    // Prepare
    const { stack, fn } = prepare(Duration.seconds(30));
    const queues = new QueueWithDlq(stack, 'Jobs', {
      maxReceiveCount: 3,
      visibilityTimeout: Duration.seconds(60),
    });

    // Act
    bindQueueConsumer(fn, queues, { batchSize: 10, maxBatchingWindowSeconds: 0 });

    // Assess
    const sendTargets = grantedStatementsOf(stack, fn)
      .filter((statement) => statement.actions.includes('sqs:SendMessage'))
      .flatMap((statement) => statement.resources);
    expect(sendTargets).toEqual([stack.resolve(queues.deadLetterQueue.queueArn)]);
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          [ENV.deadLetterQueueUrl]: stack.resolve(queues.deadLetterQueue.queueUrl),
        }),
      },
    });
  });

  it('refuses a queue whose messages would reappear while the function still runs', () => {
    // Prepare
    const { stack, fn } = prepare(Duration.seconds(120));
    const queues = new QueueWithDlq(stack, 'Jobs', {
      maxReceiveCount: 3,
      visibilityTimeout: Duration.seconds(60),
    });

    // Act
    const bind = () => bindQueueConsumer(fn, queues, { batchSize: 10, maxBatchingWindowSeconds: 0 });

    // Assess
    expect(bind).toThrow(/visibility timeout 60s is shorter than the function timeout 120s/);
  });
});
