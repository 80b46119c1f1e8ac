/**
 * WirewatchStack: the properties that keep the pipeline correct and safe, checked against the shared
 * resource definitions so the stack can never drift from the local runtime.
 */

import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DURATION_ALARM_SHARE_OF_TIMEOUT } from '../../infra/constructs/ops-alarms.ts';
import {
  BUCKET,
  DIGEST_SCHEDULE_UTC,
  DISPATCH_SCHEDULE_MINUTES,
  ENV,
  FUNCTIONS,
  type FunctionDefinition,
  type FunctionName,
  metricsNamespace,
  QUEUES,
  type QueueName,
  ROLLUP_SCHEDULE_MINUTES,
  SERVICE_NAME,
  TABLE,
} from '../../infra/resource-definitions.ts';
import { DEFAULT_STAGE_CONFIG, parseStageConfig } from '../../infra/stage-config.ts';
import { WirewatchStack } from '../../infra/wirewatch-stack.ts';
import { grantedActionsOf, grantedStatementsOf } from './policy-statements.ts';
import { newTestApp, testStackProps } from './test-app.ts';

const QUEUE_NAMES = Object.keys(QUEUES) as QueueName[];
const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];
const CONSUMERS = FUNCTION_NAMES.flatMap((name) => {
  const definition: FunctionDefinition = FUNCTIONS[name];
  return definition.consumes ? [{ name, queueName: definition.consumes }] : [];
});
/** Principal is `*` or `{ AWS: '*' }` depending on the service construct; both mean everyone. */
const TLS_ONLY_STATEMENT = Match.objectLike({
  Effect: 'Deny',
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

describe('WirewatchStack', () => {
  let stack: WirewatchStack;
  let template: Template;

  beforeAll(() => {
    // Prepare
    const app = newTestApp();

    // Act
    stack = new WirewatchStack(app, 'WirewatchTest', testStackProps());
    template = Template.fromStack(stack);
  });

  describe('functions', () => {
    it.each(FUNCTION_NAMES)('%s runs Node 22 on ARM64 with the size the stage gives', (name) => {
      // Assess
      template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: Match.absent(),
        Handler: 'index.handler',
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: Match.absent(),
        Timeout: FUNCTIONS[name].timeoutSeconds,
        MemorySize: DEFAULT_STAGE_CONFIG.memoryMiB[name],
        Role: stack.resolve(stack.functions[name].role?.roleArn),
      });
    });

    it.each(FUNCTION_NAMES)('%s gets exactly the environment its bindings need', (name) => {
      // Prepare
      const table = { [ENV.tableName]: stack.table.tableName };
      const deadLetters = (queueName: QueueName) => ({
        [ENV.deadLetterQueueUrl]: stack.queues[queueName].deadLetterQueue.queueUrl,
      });
      const bindingsByFunction: Record<FunctionName, Record<string, unknown>> = {
        dispatchFeeds: { ...table, [ENV.feedQueueUrl]: stack.queues.feedJobs.queue.queueUrl },
        fetchFeed: {
          ...table,
          ...deadLetters('feedJobs'),
          [ENV.articleQueueUrl]: stack.queues.articleJobs.queue.queueUrl,
          [ENV.opsTopicArn]: stack.opsTopic.topicArn,
        },
        fetchArticle: { ...deadLetters('articleJobs'), [ENV.bucketName]: stack.bucket.bucketName },
        classifyArticle: {
          ...table,
          ...deadLetters('classifyJobs'),
          [ENV.bucketName]: stack.bucket.bucketName,
          [ENV.topicArn]: stack.alertTopic.topicArn,
          [ENV.consoleUrl]: stack.consoleHosting.url,
        },
        sendDigest: {
          ...table,
          [ENV.digestTopicArn]: stack.digestTopic.topicArn,
          [ENV.consoleUrl]: stack.consoleHosting.url,
        },
        rollUpTrends: { ...table, [ENV.bucketName]: stack.bucket.bucketName },
        consoleApi: {
          ...table,
          [ENV.bucketName]: stack.bucket.bucketName,
          [ENV.topicArn]: stack.alertTopic.topicArn,
          [ENV.digestTopicArn]: stack.digestTopic.topicArn,
          [ENV.deadLetterQueueUrls]: [
            ...QUEUE_NAMES.map((name) => `${name}=${stack.queues[name].deadLetterQueue.queueUrl}`),
            `schedules=${stack.scheduleDeadLetterQueue.queueUrl}`,
          ].join(','),
        },
      };

      // Assess
      template.hasResourceProperties('AWS::Lambda::Function', {
        Role: stack.resolve(stack.functions[name].role?.roleArn),
        Environment: {
          Variables: Match.objectEquals(
            stack.resolve({
              POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
              POWERTOOLS_METRICS_NAMESPACE: metricsNamespace(DEFAULT_STAGE_CONFIG.stage),
              POWERTOOLS_LOG_LEVEL: 'INFO',
              POWERTOOLS_TRACE_ENABLED: String(DEFAULT_STAGE_CONFIG.tracing),
              ...bindingsByFunction[name],
            }),
          ),
        },
      });
    });

    it.each(CONSUMERS)(
      '$name consumes $queueName in batches and reports failed items one by one',
      ({ name, queueName }) => {
        // Assess
        const definition = QUEUES[queueName];
        template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
          FunctionName: stack.resolve(stack.functions[name].functionName),
          EventSourceArn: stack.resolve(stack.queues[queueName].queue.queueArn),
          BatchSize: definition.batchSize,
          MaximumBatchingWindowInSeconds:
            definition.maxBatchingWindowSeconds > 0 ? definition.maxBatchingWindowSeconds : Match.absent(),
          FunctionResponseTypes: ['ReportBatchItemFailures'],
        });
      },
    );

    it('maps exactly one queue to each consuming function', () => {
      // Assess
      template.resourceCountIs('AWS::Lambda::EventSourceMapping', CONSUMERS.length);
    });
  });

  describe('least privilege', () => {
    it('lets classify-article publish only to the alert topic, send-digest only to the digest topic, fetch-feed only to the ops topic, and no one else', () => {
      // Assess
      const publishTargets = (name: FunctionName) =>
        grantedStatementsOf(stack, stack.functions[name])
          .filter((statement) => statement.actions.includes('sns:Publish'))
          .flatMap((statement) => statement.resources);
      expect(publishTargets('classifyArticle')).toEqual([stack.resolve(stack.alertTopic.topicArn)]);
      expect(publishTargets('sendDigest')).toEqual([stack.resolve(stack.digestTopic.topicArn)]);
      expect(publishTargets('fetchFeed')).toEqual([stack.resolve(stack.opsTopic.topicArn)]);
      for (const name of FUNCTION_NAMES.filter(
        (other) => !['classifyArticle', 'sendDigest', 'fetchFeed'].includes(other),
      )) {
        expect(grantedActionsOf(stack, stack.functions[name], 'sns:Publish'), name).toEqual([]);
      }
      for (const name of FUNCTION_NAMES.filter((other) => other !== 'consoleApi')) {
        expect(
          grantedActionsOf(stack, stack.functions[name], 'sns:').filter((action) => action !== 'sns:Publish'),
          name,
        ).toEqual([]);
      }
    });

    it('lets console-api manage subscriptions on the alert and digest topics only, and never publish', () => {
      // Assess
      const statements = grantedStatementsOf(stack, stack.functions.consoleApi);
      const subscribeTargets = statements
        .filter((statement) => statement.actions.includes('sns:Subscribe'))
        .flatMap((statement) => statement.resources);
      expect(new Set(subscribeTargets)).toEqual(
        new Set([stack.resolve(stack.alertTopic.topicArn), stack.resolve(stack.digestTopic.topicArn)]),
      );
      expect(new Set(grantedActionsOf(stack, stack.functions.consoleApi, 'sns:'))).toEqual(
        new Set([
          'sns:Subscribe',
          'sns:ListSubscriptionsByTopic',
          'sns:Unsubscribe',
          'sns:GetSubscriptionAttributes',
          'sns:SetSubscriptionAttributes',
        ]),
      );
    });

    it('lets console-api read and list article documents only, and read only the depth of the dead-letter queues', () => {
      // Assess
      const statements = grantedStatementsOf(stack, stack.functions.consoleApi);
      const s3Statements = statements.filter((statement) =>
        statement.actions.some((action) => action.startsWith('s3:')),
      );
      expect(s3Statements).toEqual([
        {
          actions: ['s3:GetObject'],
          resources: [stack.resolve(stack.bucket.arnForObjects(`${BUCKET.articlePrefix}*`))],
        },
        { actions: ['s3:ListBucket'], resources: [stack.resolve(stack.bucket.bucketArn)] },
      ]);
      const listing = Template.fromStack(stack).toJSON();
      expect(JSON.stringify(listing)).toContain(`"s3:prefix":["${BUCKET.articlePrefix}*"]`);
      expect(new Set(grantedActionsOf(stack, stack.functions.consoleApi, 'sqs:'))).toEqual(
        new Set(['sqs:GetQueueAttributes']),
      );
      const queueTargets = statements
        .filter((statement) => statement.actions.includes('sqs:GetQueueAttributes'))
        .flatMap((statement) => statement.resources);
      expect(new Set(queueTargets)).toEqual(
        new Set([
          ...QUEUE_NAMES.map((name) => stack.resolve(stack.queues[name].deadLetterQueue.queueArn)),
          stack.resolve(stack.scheduleDeadLetterQueue.queueArn),
        ]),
      );
    });

    it("lets fetch-feed use the ops topic's key to publish, and only that key", () => {
      // Assess
      const keyTargets = grantedStatementsOf(stack, stack.functions.fetchFeed)
        .filter((statement) => statement.actions.some((action) => action.startsWith('kms:')))
        .flatMap((statement) => statement.resources);
      expect(stack.opsTopic.masterKey).toBeDefined();
      expect(keyTargets).toEqual([stack.resolve(stack.opsTopic.masterKey?.keyArn)]);
    });

    it('lets send-digest read the table and write single items, but never delete or batch-write', () => {
      // Assess
      const actions = grantedActionsOf(stack, stack.functions.sendDigest, 'dynamodb:');
      expect(actions).toEqual(
        expect.arrayContaining([
          'dynamodb:Query',
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
        ]),
      );
      expect(actions.filter((action) => /Delete|BatchWrite/.test(action))).toEqual([]);
      expect(grantedActionsOf(stack, stack.functions.sendDigest, 's3:')).toEqual([]);
      expect(grantedActionsOf(stack, stack.functions.sendDigest, 'sqs:')).toEqual([]);
    });

    it('lets roll-up-trends read the table and write single items, read the archived articles and put only day shards', () => {
      // Assess
      const actions = grantedActionsOf(stack, stack.functions.rollUpTrends, 'dynamodb:');
      expect(actions).toEqual(
        expect.arrayContaining(['dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem']),
      );
      expect(actions.filter((action) => /Delete|BatchWrite/.test(action))).toEqual([]);
      const s3 = grantedStatementsOf(stack, stack.functions.rollUpTrends).filter((statement) =>
        statement.actions.some((action) => action.startsWith('s3:')),
      );
      const resourcesFor = (action: string) =>
        s3
          .filter((statement) => statement.actions.includes(action))
          .flatMap((statement) => statement.resources);
      expect(resourcesFor('s3:PutObject')).toEqual([
        stack.resolve(stack.bucket.arnForObjects(`${BUCKET.articlePrefix}*${BUCKET.archiveShardSuffix}`)),
      ]);
      expect(resourcesFor('s3:GetObject')).toEqual([
        stack.resolve(stack.bucket.arnForObjects(`${BUCKET.articlePrefix}*`)),
      ]);
      expect(
        grantedActionsOf(stack, stack.functions.rollUpTrends, 's3:').filter((action) =>
          /Delete/.test(action),
        ),
      ).toEqual([]);
      for (const service of ['sqs:', 'sns:']) {
        expect(grantedActionsOf(stack, stack.functions.rollUpTrends, service)).toEqual([]);
      }
    });

    it('lets fetch-article only put objects under raw/ and articles/, and classify-article get articles and keep the precompiled rules', () => {
      // Assess
      const s3ResourcesOf = (name: FunctionName) =>
        grantedStatementsOf(stack, stack.functions[name])
          .filter((statement) => statement.actions.some((action) => action.startsWith('s3:')))
          .flatMap((statement) => statement.resources);
      const objectsUnder = (pattern: string) => stack.resolve(stack.bucket.arnForObjects(pattern));
      const fetchArticleS3 = grantedActionsOf(stack, stack.functions.fetchArticle, 's3:');
      expect(fetchArticleS3).toContain('s3:PutObject');
      expect(fetchArticleS3.filter((action) => /^s3:(Get|List|Delete)/.test(action))).toEqual([]);
      expect(new Set(s3ResourcesOf('fetchArticle'))).toEqual(
        new Set([objectsUnder(`${BUCKET.rawPrefix}*`), objectsUnder(`${BUCKET.articlePrefix}*`)]),
      );
      const classifyS3 = grantedActionsOf(stack, stack.functions.classifyArticle, 's3:');
      expect(classifyS3).toEqual(expect.arrayContaining(['s3:GetObject', 's3:PutObject']));
      expect(classifyS3.filter((action) => /^s3:(List|Delete)/.test(action))).toEqual([]);
      const putTargets = grantedStatementsOf(stack, stack.functions.classifyArticle)
        .filter((statement) => statement.actions.includes('s3:PutObject'))
        .flatMap((statement) => statement.resources);
      expect(putTargets).toEqual([objectsUnder(BUCKET.ruleIndexKey)]);
      const distinct = (resources: unknown[]) =>
        new Set(resources.map((resource) => JSON.stringify(resource)));
      expect(distinct(s3ResourcesOf('classifyArticle'))).toEqual(
        distinct([objectsUnder(`${BUCKET.articlePrefix}*`), objectsUnder(BUCKET.ruleIndexKey)]),
      );
      expect(grantedActionsOf(stack, stack.functions.dispatchFeeds, 's3:')).toEqual([]);
      expect(grantedActionsOf(stack, stack.functions.fetchFeed, 's3:')).toEqual([]);
    });

    it('lets each function send only to the queue it feeds and its own dead-letter queue', () => {
      // Assess
      const sendTargets = (name: FunctionName) =>
        grantedStatementsOf(stack, stack.functions[name])
          .filter((statement) => statement.actions.includes('sqs:SendMessage'))
          .flatMap((statement) => statement.resources);
      const arnOf = (queue: { queueArn: string }) => stack.resolve(queue.queueArn);
      const { feedJobs, articleJobs, classifyJobs } = stack.queues;
      expect(sendTargets('dispatchFeeds')).toEqual([arnOf(feedJobs.queue)]);
      expect(sendTargets('fetchFeed')).toEqual(
        expect.arrayContaining([arnOf(articleJobs.queue), arnOf(feedJobs.deadLetterQueue)]),
      );
      expect(sendTargets('fetchFeed')).toHaveLength(2);
      expect(sendTargets('fetchArticle')).toEqual([arnOf(articleJobs.deadLetterQueue)]);
      expect(sendTargets('classifyArticle')).toEqual([arnOf(classifyJobs.deadLetterQueue)]);
    });

    it('keeps fetch-article away from the table', () => {
      // Assess
      expect(grantedActionsOf(stack, stack.functions.fetchArticle, 'dynamodb:')).toEqual([]);
    });

    it.each(FUNCTION_NAMES)(
      '%s is granted "*" only for actions with no resource-level permissions (X-Ray; SNS subscriptions for console-api)',
      (name) => {
        // Prepare
        const subscriptionActions = [
          'sns:Unsubscribe',
          'sns:GetSubscriptionAttributes',
          'sns:SetSubscriptionAttributes',
        ];
        const allowed = (action: string) =>
          action.startsWith('xray:') || (name === 'consoleApi' && subscriptionActions.includes(action));

        // Act
        const wildcardActions = grantedStatementsOf(stack, stack.functions[name])
          .filter((statement) => statement.resources.includes('*'))
          .flatMap((statement) => statement.actions);

        // Assess
        expect(wildcardActions.filter((action) => !allowed(action))).toEqual([]);
      },
    );
  });

  describe('queues', () => {
    it.each(QUEUE_NAMES)('%s redrives to its dead-letter queue after the defined receives', (name) => {
      // Assess
      const { queue, deadLetterQueue } = stack.queues[name];
      template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: Match.absent(),
        VisibilityTimeout: QUEUES[name].visibilityTimeoutSeconds,
        SqsManagedSseEnabled: true,
        RedrivePolicy: {
          maxReceiveCount: QUEUES[name].maxReceiveCount,
          deadLetterTargetArn: stack.resolve(deadLetterQueue.queueArn),
        },
      });
      expect(stack.resolve(queue.queueArn)).not.toEqual(stack.resolve(deadLetterQueue.queueArn));
    });

    it('encrypts every queue and denies every queue plain-HTTP access', () => {
      // Assess
      const queues = template.findResources('AWS::SQS::Queue');
      expect(Object.keys(queues).length).toBeGreaterThan(0);
      for (const [logicalId, queue] of Object.entries(queues)) {
        expect(queue.Properties.SqsManagedSseEnabled, logicalId).toBe(true);
        template.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: logicalId }],
          PolicyDocument: { Statement: Match.arrayWith([TLS_ONLY_STATEMENT]) },
        });
      }
    });

    it('sends new article JSON, and nothing else, from the bucket to the classify queue', () => {
      // Assess
      const notifications = Object.values(template.findResources('Custom::S3BucketNotifications'));
      expect(notifications).toHaveLength(1);
      expect(notifications[0]?.Properties).toMatchObject({
        BucketName: stack.resolve(stack.bucket.bucketName),
        NotificationConfiguration: {
          QueueConfigurations: [
            {
              Events: ['s3:ObjectCreated:*'],
              QueueArn: stack.resolve(stack.queues.classifyJobs.queue.queueArn),
              Filter: {
                Key: {
                  // S3 allows one prefix and one suffix rule, in any order.
                  FilterRules: expect.arrayContaining([
                    { Name: 'prefix', Value: BUCKET.articlePrefix },
                    { Name: 'suffix', Value: BUCKET.articleSuffix },
                  ]),
                },
              },
            },
          ],
        },
      });
    });
  });

  describe('table', () => {
    it('has the keys, index and TTL of the shared definition', () => {
      // Assess
      const [index] = TABLE.globalSecondaryIndexes;
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        TableName: Match.absent(),
        KeySchema: [
          { AttributeName: TABLE.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: TABLE.sortKey.name, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: index.indexName,
            KeySchema: [
              { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
              { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        AttributeDefinitions: Match.arrayWith([
          { AttributeName: TABLE.partitionKey.name, AttributeType: TABLE.partitionKey.type },
          { AttributeName: TABLE.sortKey.name, AttributeType: TABLE.sortKey.type },
          { AttributeName: index.partitionKey.name, AttributeType: index.partitionKey.type },
          { AttributeName: index.sortKey.name, AttributeType: index.sortKey.type },
        ]),
        TimeToLiveSpecification: { AttributeName: TABLE.timeToLiveAttribute, Enabled: true },
      });
    });

    it('is on-demand, recoverable, protected, retained and streams both images', () => {
      // Assess
      template.hasResource('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: Match.objectLike({
          BillingMode: 'PAY_PER_REQUEST',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
          StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        }),
      });
    });
  });

  describe('bucket', () => {
    it('is private, encrypted, versioned, retained and moves raw pages to infrequent access', () => {
      // Assess
      template.hasResource('AWS::S3::Bucket', {
        DeletionPolicy: 'Retain',
        Properties: Match.objectLike({
          BucketName: Match.absent(),
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            BlockPublicPolicy: true,
            IgnorePublicAcls: true,
            RestrictPublicBuckets: true,
          },
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [
              { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
            ],
          },
          VersioningConfiguration: { Status: 'Enabled' },
          LifecycleConfiguration: {
            Rules: Match.arrayWith([
              Match.objectLike({
                Prefix: BUCKET.rawPrefix,
                Status: 'Enabled',
                Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }],
              }),
            ]),
          },
        }),
      });
    });

    it('denies plain-HTTP access', () => {
      // Assess
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: stack.resolve(stack.bucket.bucketName),
        PolicyDocument: { Statement: Match.arrayWith([TLS_ONLY_STATEMENT]) },
      });
    });
  });

  describe('topics', () => {
    it('denies plain-HTTP publishes to the alert, digest and ops topics', () => {
      // Assess
      for (const topic of [stack.alertTopic, stack.digestTopic, stack.opsTopic]) {
        template.hasResourceProperties('AWS::SNS::TopicPolicy', {
          Topics: [stack.resolve(topic.topicArn)],
          PolicyDocument: { Statement: Match.arrayWith([TLS_ONLY_STATEMENT]) },
        });
      }
    });

    it('encrypts alerts and digests with the AWS-managed SNS key, and the ops topic with a key CloudWatch may use', () => {
      // Assess
      template.resourcePropertiesCountIs(
        'AWS::SNS::Topic',
        {
          TopicName: Match.absent(),
          KmsMasterKeyId: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([':alias/aws/sns'])] }),
        },
        2,
      );
      template.hasResourceProperties('AWS::KMS::Key', {
        EnableKeyRotation: true,
        KeyPolicy: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            }),
          ]),
        },
      });
    });

    it('lets CloudWatch alarms of this account, and no other, publish to the ops topic', () => {
      // Assess
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [stack.resolve(stack.opsTopic.topicArn)],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: 'sns:Publish',
              Resource: stack.resolve(stack.opsTopic.topicArn),
              Condition: {
                StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
                ArnLike: {
                  'aws:SourceArn': stack.resolve(
                    `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:*`,
                  ),
                },
              },
            }),
          ]),
        },
      });
    });
  });

  describe('schedule', () => {
    it('invokes dispatch-feeds every few minutes, retrying and dead-lettering failed deliveries', () => {
      // Assess
      template.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: `rate(${DISPATCH_SCHEDULE_MINUTES} minutes)`,
        State: 'ENABLED',
        Targets: [
          Match.objectLike({
            Arn: stack.resolve(stack.functions.dispatchFeeds.functionArn),
            RetryPolicy: {
              MaximumRetryAttempts: 2,
              MaximumEventAgeInSeconds: DISPATCH_SCHEDULE_MINUTES * 60,
            },
            DeadLetterConfig: { Arn: stack.resolve(stack.scheduleDeadLetterQueue.queueArn) },
          }),
        ],
      });
    });

    it('invokes send-digest once a day, retrying and dead-lettering failed deliveries', () => {
      // Assess
      template.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: `cron(${DIGEST_SCHEDULE_UTC.minute} ${DIGEST_SCHEDULE_UTC.hour} * * ? *)`,
        State: 'ENABLED',
        Targets: [
          Match.objectLike({
            Arn: stack.resolve(stack.functions.sendDigest.functionArn),
            RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 6 * 60 * 60 },
            DeadLetterConfig: { Arn: stack.resolve(stack.scheduleDeadLetterQueue.queueArn) },
          }),
        ],
      });
    });

    it('invokes roll-up-trends every quarter of an hour, alone, retrying and dead-lettering failed deliveries', () => {
      // Assess
      template.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: `rate(${ROLLUP_SCHEDULE_MINUTES} minutes)`,
        State: 'ENABLED',
        Targets: [
          Match.objectLike({
            Arn: stack.resolve(stack.functions.rollUpTrends.functionArn),
            RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: ROLLUP_SCHEDULE_MINUTES * 60 },
            DeadLetterConfig: { Arn: stack.resolve(stack.scheduleDeadLetterQueue.queueArn) },
          }),
        ],
      });
      template.hasResourceProperties('AWS::Lambda::Function', {
        Role: stack.resolve(stack.functions.rollUpTrends.role?.roleArn),
        ReservedConcurrentExecutions: 1,
      });
    });
  });

  describe('alarms', () => {
    it('alarms the ops topic on the first message in every dead-letter queue', () => {
      // Assess
      const deadLetterQueues = [
        ...QUEUE_NAMES.map((name) => stack.queues[name].deadLetterQueue),
        stack.scheduleDeadLetterQueue,
      ];
      for (const deadLetterQueue of deadLetterQueues) {
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [{ Name: 'QueueName', Value: stack.resolve(deadLetterQueue.queueName) }],
          ComparisonOperator: 'GreaterThanThreshold',
          Threshold: 0,
          AlarmActions: [stack.resolve(stack.opsTopic.topicArn)],
        });
      }
    });

    it.each(FUNCTION_NAMES)('alarms the ops topic on any %s error in five minutes', (name) => {
      // Assess
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: stack.resolve(stack.functions[name].functionName) }],
        Period: 300,
        Statistic: 'Sum',
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
        AlarmActions: [stack.resolve(stack.opsTopic.topicArn)],
      });
    });

    it.each(QUEUE_NAMES)('alarms when %s jobs wait longer than the configured age', (name) => {
      // Assess
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateAgeOfOldestMessage',
        Dimensions: [{ Name: 'QueueName', Value: stack.resolve(stack.queues[name].queue.queueName) }],
        Threshold: DEFAULT_STAGE_CONFIG.backlogMaxAgeMinutes[name] * 60,
        AlarmActions: [stack.resolve(stack.opsTopic.topicArn)],
      });
    });

    it.each(FUNCTION_NAMES)('alarms on %s throttles and on a duration near its timeout', (name) => {
      // Assess
      const dimensions = [{ Name: 'FunctionName', Value: stack.resolve(stack.functions[name].functionName) }];
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'Throttles',
        Dimensions: dimensions,
        Threshold: 0,
        AlarmActions: [stack.resolve(stack.opsTopic.topicArn)],
      });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'Duration',
        Dimensions: dimensions,
        Statistic: 'Maximum',
        Threshold: FUNCTIONS[name].timeoutSeconds * 1000 * DURATION_ALARM_SHARE_OF_TIMEOUT,
        AlarmActions: [stack.resolve(stack.opsTopic.topicArn)],
      });
    });

    it('alarms on table throttling, including the index, and on failed alert and digest deliveries', () => {
      // Assess
      const throttleAlarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter((alarm) =>
        JSON.stringify(alarm.Properties.Metrics ?? []).includes('WriteThrottleEvents'),
      );
      expect(throttleAlarms).toHaveLength(1);
      expect(JSON.stringify(throttleAlarms[0]?.Properties.Metrics)).toContain('GlobalSecondaryIndexName');
      for (const topic of [stack.alertTopic, stack.digestTopic]) {
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Namespace: 'AWS/SNS',
          MetricName: 'NumberOfNotificationsFailed',
          Dimensions: [{ Name: 'TopicName', Value: stack.resolve(topic.topicName) }],
          AlarmActions: [stack.resolve(stack.opsTopic.topicArn)],
        });
      }
    });

    it("alarms when a dispatch-feeds run finds more feeds due than it may lease, on the stage's own metric", () => {
      // Assess
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: metricsNamespace(DEFAULT_STAGE_CONFIG.stage),
        MetricName: 'DispatchCapReached',
        Dimensions: [{ Name: 'service', Value: SERVICE_NAME }],
        Statistic: 'Maximum',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [stack.resolve(stack.opsTopic.topicArn)],
      });
    });

    it('gives every alarm in the stack the ops topic as alarm and recovery action', () => {
      // Assess
      const alarms = Object.entries(template.findResources('AWS::CloudWatch::Alarm'));
      const opsTopicRef = stack.resolve(stack.opsTopic.topicArn);
      expect(alarms.length).toBeGreaterThan(FUNCTION_NAMES.length * 3);
      for (const [logicalId, alarm] of alarms) {
        expect(alarm.Properties.AlarmActions, logicalId).toEqual([opsTopicRef]);
        expect(alarm.Properties.OKActions, logicalId).toEqual([opsTopicRef]);
      }
    });
  });

  describe('guards', () => {
    it.each(CONSUMERS)('$name fans out to at most its configured concurrency', ({ name }) => {
      // Assess
      const caps: Record<string, number> = DEFAULT_STAGE_CONFIG.maxConcurrency;
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: stack.resolve(stack.functions[name].functionName),
        ScalingConfig: { MaximumConcurrency: caps[name] },
      });
    });

    it('reserves concurrency for the functions configured, and only those', () => {
      // Assess
      const reserved: Partial<Record<FunctionName, number>> = DEFAULT_STAGE_CONFIG.reservedConcurrency;
      for (const name of FUNCTION_NAMES) {
        template.hasResourceProperties('AWS::Lambda::Function', {
          Role: stack.resolve(stack.functions[name].role?.roleArn),
          ReservedConcurrentExecutions: reserved[name] ?? Match.absent(),
        });
      }
    });
  });

  describe('dashboard', () => {
    it('charts article and alert counts, feed health, every function and every queue', () => {
      // Assess
      const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
      expect(dashboards).toHaveLength(1);
      const body = JSON.stringify(dashboards[0]?.Properties.DashboardBody);
      for (const metricName of [
        'ArticlesEnqueued',
        'ArticlesArchived',
        'ArticlesClassified',
        'AlertsSent',
        'Feed_failed',
        'FeedsBroken',
        'p95',
        'ApproximateAgeOfOldestMessage',
        'matchedRules',
      ]) {
        expect(body, metricName).toContain(metricName);
      }
      for (const name of FUNCTION_NAMES) {
        expect(body).toContain(
          JSON.stringify(stack.resolve(stack.functions[name].functionName)).slice(1, -1),
        );
      }
      for (const name of QUEUE_NAMES) {
        const { queue, deadLetterQueue } = stack.queues[name];
        for (const each of [queue, deadLetterQueue]) {
          expect(body).toContain(JSON.stringify(stack.resolve(each.queueName)).slice(1, -1));
        }
      }
    });
  });

  describe('outputs', () => {
    it('exports what operators and downstream readers need', () => {
      // Assess
      template.hasOutput('TableName', { Value: stack.resolve(stack.table.tableName) });
      template.hasOutput('TableStreamArn', { Value: stack.resolve(stack.table.tableStreamArn) });
      template.hasOutput('BucketName', { Value: stack.resolve(stack.bucket.bucketName) });
      template.hasOutput('AlertTopicArn', { Value: stack.resolve(stack.alertTopic.topicArn) });
      template.hasOutput('DigestTopicArn', { Value: stack.resolve(stack.digestTopic.topicArn) });
      for (const name of QUEUE_NAMES) {
        template.hasOutput('*', { Value: stack.resolve(stack.queues[name].deadLetterQueue.queueUrl) });
      }
      template.hasOutput('ScheduleDeadLetterQueueUrl', {
        Value: stack.resolve(stack.scheduleDeadLetterQueue.queueUrl),
      });
      template.hasOutput('ReaderPolicyArn', { Value: stack.resolve(stack.readerPolicy.managedPolicyArn) });
    });
  });

  describe('downstream readers', () => {
    it('get a managed policy that reads the table, its index and stream, and the archive', () => {
      // Prepare
      const tableArn = stack.resolve(stack.table.tableArn);
      const objectsUnder = (prefix: string) => stack.resolve(stack.bucket.arnForObjects(`${prefix}*`));

      // Assess
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: {
          Statement: [
            {
              Effect: 'Allow',
              // CDK sorts a statement's actions.
              Action: [
                'dynamodb:BatchGetItem',
                'dynamodb:DescribeTable',
                'dynamodb:GetItem',
                'dynamodb:Query',
              ],
              Resource: [tableArn, { 'Fn::Join': ['', [tableArn, '/index/*']] }],
            },
            {
              Effect: 'Allow',
              Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
              Resource: stack.resolve(stack.table.tableStreamArn),
            },
            { Effect: 'Allow', Action: 'dynamodb:ListStreams', Resource: '*' },
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: [objectsUnder(BUCKET.articlePrefix), objectsUnder(BUCKET.rawPrefix)],
            },
            {
              Effect: 'Allow',
              Action: 's3:ListBucket',
              Resource: stack.resolve(stack.bucket.bucketArn),
              Condition: {
                StringLike: { 's3:prefix': [`${BUCKET.articlePrefix}*`, `${BUCKET.rawPrefix}*`] },
              },
            },
          ],
        },
      });
    });

    it('may only read', () => {
      // Act
      const statements = stack.resolve(stack.readerPolicy.document.toJSON()).Statement as {
        Action: string | string[];
      }[];
      const actions = statements.flatMap(({ Action }) => (Array.isArray(Action) ? Action : [Action]));

      // Assess
      expect(actions.length).toBeGreaterThan(0);
      expect(
        actions.filter(
          (action) =>
            !/^(dynamodb:(Get|BatchGet|Query|Describe|List)|s3:(GetObject$|ListBucket$))/.test(action),
        ),
      ).toEqual([]);
    });
  });
});

describe('WirewatchStack options', () => {
  it('hands extra country aliases to classify-article and console-api, which classify, and to no other function', () => {
    // Prepare
    const app = newTestApp();

    // Act
    const stack = new WirewatchStack(
      app,
      'WirewatchAliases',
      testStackProps({ extraCountryAliases: { PK: ['Pakland'] } }),
    );
    const template = Template.fromStack(stack);

    // Assess
    for (const classifier of [stack.functions.classifyArticle, stack.functions.consoleApi]) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Role: stack.resolve(classifier.role?.roleArn),
        Environment: { Variables: Match.objectLike({ [ENV.extraCountryAliases]: '{"PK":["Pakland"]}' }) },
      });
    }
    const withAliases = Object.values(template.findResources('AWS::Lambda::Function')).filter(
      (resource) => ENV.extraCountryAliases in (resource.Properties?.Environment?.Variables ?? {}),
    );
    expect(withAliases).toHaveLength(2);
  });
});

describe('WirewatchStack stages', () => {
  it('sets no physical name anywhere, so two stages deploy side by side in one account', () => {
    // Prepare
    const app = newTestApp();
    const physicalNames = [
      'TableName',
      'BucketName',
      'QueueName',
      'TopicName',
      'FunctionName',
      'LogGroupName',
      'DashboardName',
      'AlarmName',
      'RoleName',
      'AliasName',
    ];

    // Act
    const stacks = ['dev', 'prod'].map(
      (stage) =>
        new WirewatchStack(
          app,
          `Wirewatch-${stage}`,
          testStackProps({ config: parseStageConfig({ stage }) }),
        ),
    );

    // Assess
    for (const stack of stacks) {
      const resources = Object.entries(Template.fromStack(stack).toJSON().Resources) as [
        string,
        { Type: string; Properties?: Record<string, unknown> },
      ][];
      for (const [logicalId, resource] of resources) {
        // A name given as a literal is fixed; a reference (Ref, GetAtt) names another resource.
        const fixedNames = physicalNames.filter((key) => typeof resource.Properties?.[key] === 'string');
        expect(fixedNames, `${stack.stackName} ${logicalId}`).toEqual([]);
      }
    }
    expect(stacks.map((stack) => stack.stackName)).toEqual(['Wirewatch-dev', 'Wirewatch-prod']);
  });

  it("keeps each stage's metrics and dashboard in the stage's own namespace", () => {
    // Prepare
    const app = newTestApp();
    const stacks = ['dev', 'prod'].map(
      (stage) =>
        new WirewatchStack(
          app,
          `Wirewatch-${stage}`,
          testStackProps({ config: parseStageConfig({ stage }) }),
        ),
    );

    // Act
    const templates = stacks.map((stack) => Template.fromStack(stack));

    // Assess
    for (const [template, stage] of [
      [templates[0], 'dev'],
      [templates[1], 'prod'],
    ] as const) {
      const namespace = `Wirewatch/${stage}`;
      const functions = Object.values(template?.findResources('AWS::Lambda::Function') ?? {}).filter(
        (fn) => fn.Properties?.Environment?.Variables?.POWERTOOLS_SERVICE_NAME !== undefined,
      );
      expect(functions.length).toBe(Object.keys(FUNCTIONS).length);
      for (const fn of functions) {
        expect(fn.Properties.Environment.Variables.POWERTOOLS_METRICS_NAMESPACE).toBe(namespace);
      }
      const body = JSON.stringify(Object.values(template?.findResources('AWS::CloudWatch::Dashboard') ?? {}));
      expect(body).toContain(namespace);
      expect(body).not.toContain(`Wirewatch/${stage === 'dev' ? 'prod' : 'dev'}`);
    }
  });

  it('applies a stage configuration: schedules, retention, removal, email, memory and caps', () => {
    // Prepare
    const app = newTestApp();
    const config = parseStageConfig({
      stage: 'dev',
      dispatchRateMinutes: 15,
      digestHourUtc: 7,
      digestMinuteUtc: 30,
      opsAlarmEmail: 'oncall@example.com',
      rawPageRetentionDays: 180,
      articleRetentionDays: 365,
      logRetentionDays: 7,
      dataRemovalPolicy: 'destroy',
      maxConcurrency: { fetchFeed: 2 },
      reservedConcurrency: { classifyArticle: 10, sendDigest: null },
      memoryMiB: { fetchArticle: 1536 },
      bandItemsBefore: '2026-12-09T10:00:00Z',
    });

    // Act
    const stack = new WirewatchStack(app, 'Wirewatch-dev', testStackProps({ config }));
    const template = Template.fromStack(stack);

    // Assess
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(15 minutes)' });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'cron(30 7 * * ? *)' });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
      TopicArn: stack.resolve(stack.opsTopic.topicArn),
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Prefix: BUCKET.rawPrefix, ExpirationInDays: 180 }),
          Match.objectLike({ Prefix: BUCKET.articlePrefix, ExpirationInDays: 365 }),
        ]),
      },
    });
    template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Delete' });
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
    });
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Role: stack.resolve(stack.functions.fetchArticle.role?.roleArn),
      MemorySize: 1536,
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Role: stack.resolve(stack.functions.classifyArticle.role?.roleArn),
      ReservedConcurrentExecutions: 10,
      Environment: {
        Variables: Match.objectLike({ [ENV.bandItemsBefore]: '2026-12-09T10:00:00.000Z' }),
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Role: stack.resolve(stack.functions.sendDigest.role?.roleArn),
      ReservedConcurrentExecutions: Match.absent(),
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: stack.resolve(stack.functions.fetchFeed.functionName),
      ScalingConfig: { MaximumConcurrency: 2 },
    });
  });

  it('subscribes no one to the ops topic when no email is configured', () => {
    // Act
    const stack = new WirewatchStack(newTestApp(), 'Wirewatch-dev', testStackProps());

    // Assess
    Template.fromStack(stack).resourceCountIs('AWS::SNS::Subscription', 0);
  });
});
