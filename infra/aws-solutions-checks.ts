/**
 * AWS Solutions checks (cdk-nag 3) on the wirewatch app. Any finding not acknowledged here, with the
 * reason it is acceptable, fails `cdk synth`, so a new wildcard or an unencrypted resource cannot slip
 * in unnoticed. Each acknowledgment names the exact finding on the exact construct it applies to.
 */

import { type App, type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { BUCKET } from './resource-definitions.ts';
import type { WirewatchStack } from './wirewatch-stack.ts';

export function addAwsSolutionsChecks(app: App, stack: WirewatchStack): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

  acknowledge(
    stack.bucket,
    'AwsSolutions-S1',
    'Only the pipeline roles touch this bucket, with object-level grants; no access log is kept. Enable CloudTrail S3 data events on the account trail if object-level audit is needed (docs/operations.md).',
  );
  acknowledge(
    stack.scheduleDeadLetterQueue,
    'AwsSolutions-SQS3',
    'This queue is itself a dead-letter queue: the one EventBridge uses for the dispatch and digest schedule targets.',
  );
  acknowledge(
    bucketNotificationsHandler(stack),
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    "aws-cdk-lib's own handler for S3 bucket notifications; its role is created and managed by CDK.",
  );

  const tableIndexes = `Resource::<${logicalIdOf(stack.table)}.Arn>/index/*`;
  const rawObjects = `Resource::<${logicalIdOf(stack.bucket)}.Arn>/${BUCKET.rawPrefix}*`;
  const articleObjects = `Resource::<${logicalIdOf(stack.bucket)}.Arn>/${BUCKET.articlePrefix}*`;
  for (const fn of Object.values(stack.functions)) {
    acknowledge(
      fn,
      'AwsSolutions-L1',
      'Pinned to nodejs22.x on purpose: a runtime change is a deliberate upgrade of all functions together, not something a CDK release picks.',
    );
    const role = roleOf(fn);
    acknowledge(
      role,
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray PutTraceSegments and PutTelemetryRecords (active tracing) support no resource-level permissions.',
    );
  }
  // fetch-article never touches the table, so only the table's users carry this acknowledgement.
  const { dispatchFeeds, fetchFeed, classifyArticle, sendDigest } = stack.functions;
  for (const tableUser of [dispatchFeeds, fetchFeed, classifyArticle, sendDigest]) {
    acknowledge(
      roleOf(tableUser),
      `AwsSolutions-IAM5[${tableIndexes}]`,
      "Queries the table's own GSI (gsi1) listings.",
    );
  }
  acknowledge(
    roleOf(fetchFeed),
    'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
    "Publishing broken-feed notices to the ops topic, encrypted with the stack's own ops key and no other.",
  );

  const fetchArticleRole = roleOf(stack.functions.fetchArticle);
  acknowledge(
    fetchArticleRole,
    `AwsSolutions-IAM5[${rawObjects}]`,
    'Writes raw pages under raw/, at keys derived from each article, unknown in advance.',
  );
  acknowledge(
    fetchArticleRole,
    `AwsSolutions-IAM5[${articleObjects}]`,
    'Writes article JSON under articles/, at keys derived from each article, unknown in advance.',
  );
  acknowledge(
    fetchArticleRole,
    'AwsSolutions-IAM5[Action::s3:Abort*]',
    "s3:AbortMultipartUpload from CDK's grantPut, on this bucket's objects only.",
  );

  const classifyRole = roleOf(stack.functions.classifyArticle);
  acknowledge(
    classifyRole,
    `AwsSolutions-IAM5[${articleObjects}]`,
    'Reads the article JSON that triggered it, anywhere under the articles/ prefix and nowhere else.',
  );
  acknowledge(
    classifyRole,
    'AwsSolutions-IAM5[Action::s3:Abort*]',
    "s3:AbortMultipartUpload from CDK's grantPut, on the one precompiled-rules object only.",
  );
  const topicPublishers = [
    { role: classifyRole, topic: 'alert' },
    { role: roleOf(stack.functions.sendDigest), topic: 'digest' },
  ];
  for (const { role, topic } of topicPublishers) {
    acknowledge(
      role,
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      `Publishing to the ${topic} topic, encrypted with the AWS-managed SNS key.`,
    );
    acknowledge(
      role,
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:kms:<AWS::Region>:<AWS::AccountId>:key/*]',
      'The AWS-managed SNS key has no ARN known at synth time; CDK limits the grant to it with kms:ResourceAliases.',
    );
  }
}

function acknowledge(construct: IConstruct, id: string, reason: string): void {
  Validations.of(construct).acknowledge({ id, reason });
}

function roleOf(fn: IFunction): IConstruct {
  if (!fn.role) throw new Error(`${fn.node.path} has no role to acknowledge findings on`);
  return fn.role;
}

function logicalIdOf(construct: IConstruct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
}

/** CDK creates this singleton function, under a fixed hashed id, for any bucket notification. */
function bucketNotificationsHandler(stack: WirewatchStack): IConstruct {
  const handler = stack.node.children.find((child) => child.node.id.startsWith('BucketNotificationsHandler'));
  if (!handler) throw new Error('No S3 bucket notifications handler in the stack');
  return handler;
}
