/**
 * Bind helpers: each grants a function the least access it needs to one resource and sets the
 * environment variable (named in `ENV`) through which the handler finds that resource, so a grant can
 * never be forgotten for a variable, nor a variable for a grant.
 */

import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { QueueWithDlq } from './constructs/queue-with-dlq.ts';
import { ENV, type QueueDefinition } from './resource-definitions.ts';

/**
 * `read-write`: the pipeline's table users read and write it (feed state, seen entries, articles,
 * rules, alerts). `read-and-record`: reads, plus single-item puts and updates for delivery records,
 * never a delete or a batch write.
 */
export type TableAccess = 'read-write' | 'read-and-record';

export function bindTable(fn: LambdaFunction, table: ITable, access: TableAccess = 'read-write'): void {
  if (access === 'read-write') {
    table.grantReadWriteData(fn);
  } else {
    table.grantReadData(fn);
    table.grant(fn, 'dynamodb:PutItem', 'dynamodb:UpdateItem');
  }
  fn.addEnvironment(ENV.tableName, table.tableName);
}

export type BucketAccess = 'read' | 'write' | 'list';

/**
 * `read` grants `s3:GetObject` only: a reader that is told which key to read needs no listing and no
 * bucket metadata. `write` grants object puts only: a writer has no reason to read, list or delete.
 * `list` grants listing keys, under the given prefixes only. `objectKeyPatterns` narrow any grant to
 * parts of the bucket, e.g. `articles/*`.
 */
export function bindBucket(
  fn: LambdaFunction,
  bucket: IBucket,
  access: BucketAccess,
  objectKeyPatterns: readonly string[] = ['*'],
): void {
  if (access === 'read') {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject'],
        resources: objectKeyPatterns.map((pattern) => bucket.arnForObjects(pattern)),
      }),
    );
    // A bucket encrypted with a KMS key also needs the key to decrypt what is read.
    bucket.encryptionKey?.grantDecrypt(fn);
  } else if (access === 'list') {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [...objectKeyPatterns] } },
      }),
    );
  } else {
    for (const pattern of objectKeyPatterns) bucket.grantPut(fn, pattern);
  }
  fn.addEnvironment(ENV.bucketName, bucket.bucketName);
}

/** The function publishes to `topic`, found through the variable `envName`. */
export function bindTopicPublisher(
  fn: LambdaFunction,
  topic: ITopic,
  envName: typeof ENV.topicArn | typeof ENV.digestTopicArn | typeof ENV.opsTopicArn,
): void {
  topic.grantPublish(fn);
  fn.addEnvironment(envName, topic.topicArn);
}

/**
 * The function subscribes and unsubscribes email addresses on `topic` and reads their state, for the
 * console's subscriptions (and their filter policies). Subscribe and ListSubscriptionsByTopic are
 * granted on the topic alone; SNS authorizes Unsubscribe and Get/SetSubscriptionAttributes on no
 * resource type, so only `*` works for them.
 */
export function bindTopicSubscriptions(
  fn: LambdaFunction,
  topic: ITopic,
  envName: typeof ENV.topicArn | typeof ENV.digestTopicArn,
): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['sns:Subscribe', 'sns:ListSubscriptionsByTopic'],
      resources: [topic.topicArn],
    }),
  );
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['sns:Unsubscribe', 'sns:GetSubscriptionAttributes', 'sns:SetSubscriptionAttributes'],
      resources: ['*'],
    }),
  );
  fn.addEnvironment(envName, topic.topicArn);
}

/** The function reads the depth of each named queue, found through ENV.deadLetterQueueUrls (`name=url,…`). */
export function bindQueueDepthReader(fn: LambdaFunction, queues: Readonly<Record<string, IQueue>>): void {
  for (const queue of Object.values(queues)) queue.grant(fn, 'sqs:GetQueueAttributes');
  fn.addEnvironment(
    ENV.deadLetterQueueUrls,
    Object.entries(queues)
      .map(([name, queue]) => `${name}=${queue.queueUrl}`)
      .join(','),
  );
}

/** The function enqueues jobs on `queue`, found through the variable `envName`. */
export function bindQueueProducer(
  fn: LambdaFunction,
  queue: IQueue,
  envName: typeof ENV.feedQueueUrl | typeof ENV.articleQueueUrl,
): void {
  queue.grantSendMessages(fn);
  fn.addEnvironment(envName, queue.queueUrl);
}

/**
 * The function consumes the work queue in batches and reports failed records one by one, so one bad
 * record is retried (and finally dead-lettered) without redelivering its whole batch. It may also
 * send a poison record straight to the dead-letter queue, with its reason, instead of retrying it.
 */
export function bindQueueConsumer(
  fn: LambdaFunction,
  queues: QueueWithDlq,
  batching: Pick<QueueDefinition, 'batchSize' | 'maxBatchingWindowSeconds'> & {
    /** Most concurrent invocations the trigger starts (2 to 1000); unset, it scales to the account limit. */
    readonly maxConcurrency?: number;
  },
): void {
  assertVisibilityOutlastsTimeout(fn, queues);
  fn.addEventSource(
    new SqsEventSource(queues.queue, {
      batchSize: batching.batchSize,
      maxBatchingWindow:
        batching.maxBatchingWindowSeconds > 0
          ? Duration.seconds(batching.maxBatchingWindowSeconds)
          : undefined,
      reportBatchItemFailures: true,
      ...(batching.maxConcurrency === undefined ? {} : { maxConcurrency: batching.maxConcurrency }),
    }),
  );
  queues.deadLetterQueue.grantSendMessages(fn);
  fn.addEnvironment(ENV.deadLetterQueueUrl, queues.deadLetterQueue.queueUrl);
}

/** What Lambda applies when a function sets no timeout. */
const LAMBDA_DEFAULT_TIMEOUT_SECONDS = 3;

/**
 * A message whose visibility ends before its function finishes is delivered twice at once; AWS
 * rejects such a mapping at deploy time, so fail at synth time with a clearer message.
 */
function assertVisibilityOutlastsTimeout(fn: LambdaFunction, queues: QueueWithDlq): void {
  const timeoutSeconds = fn.timeout?.toSeconds() ?? LAMBDA_DEFAULT_TIMEOUT_SECONDS;
  const visibilitySeconds = queues.visibilityTimeout.toSeconds();
  if (visibilitySeconds < timeoutSeconds) {
    throw new Error(
      `${fn.node.path}: queue visibility timeout ${visibilitySeconds}s is shorter than the function timeout ${timeoutSeconds}s`,
    );
  }
}
