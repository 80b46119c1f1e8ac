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
    const reasons = [
      ...(stack.config.tracing ? ['X-Ray PutTraceSegments and PutTelemetryRecords (active tracing)'] : []),
      ...(fn === stack.functions.consoleApi
        ? [
            'SNS Unsubscribe, GetSubscriptionAttributes and SetSubscriptionAttributes (an analyst removing, checking or changing their own subscription)',
          ]
        : []),
    ];
    if (reasons.length > 0) {
      acknowledge(
        roleOf(fn),
        'AwsSolutions-IAM5[Resource::*]',
        `${reasons.join(', and ')} support no resource-level permissions.`,
      );
    }
  }
  // fetch-article never touches the table, so only the table's users carry this acknowledgement.
  const { dispatchFeeds, fetchFeed, classifyArticle, sendDigest, rollUpTrends, consoleApi } = stack.functions;
  for (const tableUser of [dispatchFeeds, fetchFeed, classifyArticle, sendDigest, rollUpTrends, consoleApi]) {
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

  const readerGrants: [string, string][] = [
    [tableIndexes, "Queries the table's own GSI (gsi1) listings, as the data contract's access patterns do."],
    [
      'Resource::*',
      'dynamodb:ListStreams supports no resource-level permissions; a stream consumer needs it.',
    ],
    [articleObjects, 'Reads article documents, at keys derived from each article, unknown in advance.'],
    [rawObjects, 'Reads raw pages, at keys derived from each article, unknown in advance.'],
  ];
  for (const [finding, reason] of readerGrants) {
    acknowledge(stack.readerPolicy, `AwsSolutions-IAM5[${finding}]`, reason);
  }

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
  acknowledge(
    roleOf(consoleApi),
    `AwsSolutions-IAM5[${articleObjects}]`,
    'Reads the article documents an analyst opens or a rule preview scans, anywhere under the articles/ prefix and nowhere else.',
  );
  const rollUpRole = roleOf(stack.functions.rollUpTrends);
  acknowledge(
    rollUpRole,
    `AwsSolutions-IAM5[${articleObjects}]`,
    "Reads every article document of a day to build that day's shard, anywhere under the articles/ prefix and nowhere else.",
  );
  acknowledge(
    rollUpRole,
    `AwsSolutions-IAM5[Resource::<${logicalIdOf(stack.bucket)}.Arn>/${BUCKET.articlePrefix}*${BUCKET.archiveShardSuffix}]`,
    "Writes one shard per day beside the day's documents, at keys named by the day, under the articles/ prefix only.",
  );
  acknowledge(
    rollUpRole,
    'AwsSolutions-IAM5[Action::s3:Abort*]',
    "s3:AbortMultipartUpload from CDK's grantPut, on the day shards only.",
  );
  addConsoleAcknowledgements(stack);

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

/** The analyst console's hosting, user pool and the CDK-managed function that deploys the page. */
function addConsoleAcknowledgements(stack: WirewatchStack): void {
  const { bucket, distribution } = stack.consoleHosting;
  acknowledge(
    bucket,
    'AwsSolutions-S1',
    'Holds only the built console, readable by CloudFront alone; requests for it are the CloudFront requests, and every API call is in the API access log.',
  );
  acknowledge(
    distribution,
    'AwsSolutions-CFR1',
    'Analysts may travel anywhere; every API call needs a signed-in analyst, so the static page needs no geographic restriction.',
  );
  acknowledge(
    distribution,
    'AwsSolutions-CFR2',
    'Serves static files only, cached at the edge; the API behind the page is throttled per stage and needs a user pool token. A web ACL would add a monthly charge for no protection the page needs.',
  );
  acknowledge(
    distribution,
    'AwsSolutions-CFR3',
    'Standard logs need an ACL-enabled bucket; the page is static and public by design, and everything an analyst does goes through the API, whose access log is kept.',
  );
  acknowledge(
    distribution,
    'AwsSolutions-CFR4',
    'The default *.cloudfront.net certificate allows no choice of TLS policy (it keeps TLSv1 for old clients); current browsers refuse anything below TLS 1.2 themselves. A custom domain with its own certificate and TLSv1.2_2021 would remove the finding.',
  );
  acknowledge(
    stack.analystUserPool.userPool,
    'AwsSolutions-COG8',
    'The Essentials plan: accounts are created by an administrator only, and MFA (TOTP) is required for every sign-in; the Plus plan is charged per user for threat protection those accounts do not need.',
  );
  const deployer = bucketDeploymentHandler(stack);
  acknowledge(
    deployer,
    'AwsSolutions-L1',
    "aws-cdk-lib's own BucketDeployment function; its runtime is chosen and upgraded by CDK.",
  );
  const deployerRole = deployer.node.findChild('ServiceRole');
  acknowledge(
    deployerRole,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    "aws-cdk-lib's own BucketDeployment function; its role is created and managed by CDK.",
  );
  for (const finding of [
    'Action::s3:GetBucket*',
    'Action::s3:GetObject*',
    'Action::s3:List*',
    'Action::s3:Abort*',
    'Action::s3:DeleteObject*',
    'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
    `Resource::<${logicalIdOf(bucket)}.Arn>/*`,
    'Resource::*',
  ]) {
    acknowledge(
      deployerRole,
      `AwsSolutions-IAM5[${finding}]`,
      "aws-cdk-lib's BucketDeployment: reads the page's asset from the CDK asset bucket, replaces the console bucket's objects, and invalidates the distribution (CloudFront invalidations have no resource-level permissions).",
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

/** CDK creates this singleton function, under a hashed id naming its memory size, for BucketDeployment. */
function bucketDeploymentHandler(stack: WirewatchStack): IConstruct {
  const handler = stack.node.children.find((child) =>
    child.node.id.startsWith('Custom::CDKBucketDeployment'),
  );
  if (!handler) throw new Error('No BucketDeployment handler in the stack');
  return handler;
}
