/**
 * WirewatchStack: the whole pipeline in one environment-agnostic stack.
 *
 *   EventBridge schedule -> dispatch-feeds -> feed-job queue -> fetch-feed -> article-job queue
 *   -> fetch-article -> S3 (raw/, articles/) -> ObjectCreated articles/*.json -> classify queue
 *   -> classify-article -> DynamoDB table (+ stream for downstream readers) and the alert topic.
 *   Daily schedule -> send-digest -> the digest topic (one email a day per digest recipient).
 *   15-minute schedule -> roll-up-trends -> the heat map's hourly rollups in the table.
 *   Analyst console: CloudFront (console/dist from a private bucket) -> HTTP API with a JWT authorizer
 *   on the analysts' user pool -> console-api -> the table, the archive, the topics' subscriptions.
 *
 * Every key, prefix, queue setting and function size comes from `resource-definitions.ts`, the source
 * of truth shared with the local runtime; this file only wires those definitions together.
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaTarget } from 'aws-cdk-lib/aws-events-targets';
import { ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Alias } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Bucket, EventType, StorageClass } from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { CONSOLE_ROUTES } from '../functions/console-api/routes.ts';
import { ADMIN_GROUP_NAME, AnalystUserPool } from './constructs/analyst-user-pool.ts';
import { ConsoleApi } from './constructs/console-api.ts';
import { ConsoleHosting } from './constructs/console-hosting.ts';
import { OpsAlarms } from './constructs/ops-alarms.ts';
import { OpsTopic } from './constructs/ops-topic.ts';
import { PipelineDashboard } from './constructs/pipeline-dashboard.ts';
import { PipelineFunction } from './constructs/pipeline-function.ts';
import { QueueWithDlq } from './constructs/queue-with-dlq.ts';
import {
  bindBucket,
  bindQueueConsumer,
  bindQueueDepthReader,
  bindQueueProducer,
  bindTable,
  bindTopicPublisher,
  bindTopicSubscriptions,
} from './resource-bindings.ts';
import {
  BUCKET,
  ENV,
  FUNCTIONS,
  type FunctionName,
  type KeyAttribute,
  metricsNamespace,
  QUEUES,
  type QueueName,
  ROLLUP_SCHEDULE_MINUTES,
  SERVICE_NAME,
  TABLE,
} from './resource-definitions.ts';
import {
  secureBucketProps,
  secureDeadLetterQueueProps,
  secureTableProps,
  secureTopicProps,
} from './secure-defaults.ts';
import {
  DEFAULT_STAGE_CONFIG,
  RAW_PAGES_INFREQUENT_ACCESS_AFTER_DAYS,
  type StageConfig,
} from './stage-config.ts';

/** Entry paths in FUNCTIONS are relative to the repository root, one level above this file. */
const REPOSITORY_ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface WirewatchStackProps extends StackProps {
  /**
   * The stage's settings, validated (see stage-config.ts for each and its default).
   * @default DEFAULT_STAGE_CONFIG
   */
  readonly config?: StageConfig;
  /**
   * Country aliases the classifier adds to its gazetteer (ISO alpha-2 code → aliases), for names the
   * data files do not know yet; a redeploy with a new value needs no code change.
   * @default none
   */
  readonly extraCountryAliases?: Record<string, string[]>;
  /**
   * The built analyst console, deployed beside its config.json. cdk.json's build step runs
   * `npm run build:console` before every synth; tests pass a small directory of their own.
   * @default console/dist
   */
  readonly consoleAssetDirectory?: string;
}

export class WirewatchStack extends Stack {
  public readonly table: Table;
  public readonly bucket: Bucket;
  public readonly alertTopic: Topic;
  public readonly digestTopic: Topic;
  public readonly opsTopic: Topic;
  public readonly opsAlarms: OpsAlarms;
  public readonly dashboard: PipelineDashboard;
  public readonly config: StageConfig;
  public readonly queues: Record<QueueName, QueueWithDlq>;
  public readonly functions: Record<FunctionName, PipelineFunction>;
  /** Catches schedule events that could not invoke dispatch-feeds or send-digest after every retry. */
  public readonly scheduleDeadLetterQueue: Queue;
  public readonly consoleHosting: ConsoleHosting;
  public readonly analystUserPool: AnalystUserPool;
  public readonly consoleApi: ConsoleApi;
  /** What a downstream service may read (docs/data-contract.md), to attach to its role. */
  public readonly readerPolicy: ManagedPolicy;

  constructor(scope: Construct, id: string, props: WirewatchStackProps = {}) {
    super(scope, id, props);
    const config = props.config ?? DEFAULT_STAGE_CONFIG;
    this.config = config;
    const dataRemovalPolicy =
      config.dataRemovalPolicy === 'destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

    this.table = this.newTable(dataRemovalPolicy);
    this.bucket = this.newBucket(config, dataRemovalPolicy);
    // Encrypted with the AWS-managed SNS key: only Lambda publishes here, through SNS, which that
    // key's policy allows; email subscribers receive plain text either way.
    const snsManagedKey = Alias.fromAliasName(this, 'SnsManagedKey', 'alias/aws/sns');
    this.alertTopic = new Topic(this, 'AlertTopic', { ...secureTopicProps(), masterKey: snsManagedKey });
    // Daily digests go out on their own topic: each recipient's email subscription filters on its
    // address, which would be meaningless (and would drop every alert) on the alert topic.
    this.digestTopic = new Topic(this, 'DigestTopic', { ...secureTopicProps(), masterKey: snsManagedKey });
    // Under its own customer-managed key: CloudWatch alarms cannot publish to a topic under the
    // AWS-managed key.
    this.opsTopic = new OpsTopic(this, 'OpsTopic', {
      ...(config.opsAlarmEmail === null ? {} : { email: config.opsAlarmEmail }),
      keyRemovalPolicy: dataRemovalPolicy,
    }).topic;

    this.queues = mapDefinitions(
      QUEUES,
      (name, definition) =>
        new QueueWithDlq(this, constructId(name), {
          maxReceiveCount: definition.maxReceiveCount,
          visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
        }),
    );
    this.bucket.addEventNotification(
      EventType.OBJECT_CREATED,
      new SqsDestination(this.queues.classifyJobs.queue),
      { prefix: BUCKET.articlePrefix, suffix: BUCKET.articleSuffix },
    );

    this.functions = mapDefinitions(FUNCTIONS, (name, definition) => {
      const fn = new PipelineFunction(this, constructId(name), {
        entry: join(REPOSITORY_ROOT, definition.entry),
        projectRoot: REPOSITORY_ROOT,
        depsLockFilePath: join(REPOSITORY_ROOT, 'package-lock.json'),
        timeout: Duration.seconds(definition.timeoutSeconds),
        memorySize: config.memoryMiB[name],
        reservedConcurrentExecutions: config.reservedConcurrency[name],
        logRetention: config.logRetentionDays as RetentionDays,
        serviceName: SERVICE_NAME,
        metricsNamespace: metricsNamespace(config.stage),
        traced: config.tracing,
      });
      if ('consumes' in definition) {
        bindQueueConsumer(fn, this.queues[definition.consumes], {
          ...QUEUES[definition.consumes],
          maxConcurrency: config.maxConcurrency[name as keyof StageConfig['maxConcurrency']],
        });
      }
      return fn;
    });
    const { dispatchFeeds, fetchFeed, fetchArticle, classifyArticle, sendDigest, rollUpTrends, consoleApi } =
      this.functions;
    // fetch-article only archives pages to S3; it never touches the table.
    for (const tableUser of [dispatchFeeds, fetchFeed, classifyArticle]) bindTable(tableUser, this.table);
    // send-digest reads subscriptions, alerts and articles, and writes only its DigestSent records.
    bindTable(sendDigest, this.table, 'read-and-record');
    // roll-up-trends reads label listings and writes only the heat map's rollups and their hour states.
    bindTable(rollUpTrends, this.table, 'read-and-record');
    // …and builds each closed day's shard of the archive from the day's documents, beside them.
    bindBucket(rollUpTrends, this.bucket, 'list', [`${BUCKET.articlePrefix}*`]);
    bindBucket(rollUpTrends, this.bucket, 'read', [`${BUCKET.articlePrefix}*`]);
    bindBucket(rollUpTrends, this.bucket, 'write', [`${BUCKET.articlePrefix}*${BUCKET.archiveShardSuffix}`]);
    bindQueueProducer(dispatchFeeds, this.queues.feedJobs.queue, ENV.feedQueueUrl);
    bindQueueProducer(fetchFeed, this.queues.articleJobs.queue, ENV.articleQueueUrl);
    bindBucket(fetchArticle, this.bucket, 'write', [`${BUCKET.rawPrefix}*`, `${BUCKET.articlePrefix}*`]);
    bindBucket(classifyArticle, this.bucket, 'read', [`${BUCKET.articlePrefix}*`, BUCKET.ruleIndexKey]);
    // The first classify-article to see the rules change saves them precompiled for the others.
    bindBucket(classifyArticle, this.bucket, 'write', [BUCKET.ruleIndexKey]);
    bindTopicPublisher(classifyArticle, this.alertTopic, ENV.topicArn);
    if (config.bandItemsBefore !== null)
      classifyArticle.addEnvironment(ENV.bandItemsBefore, config.bandItemsBefore);
    if (props.extraCountryAliases !== undefined) {
      // The console classifies too: the evidence it shows for an article's countries.
      for (const classifier of [classifyArticle, consoleApi]) {
        classifier.addEnvironment(ENV.extraCountryAliases, JSON.stringify(props.extraCountryAliases));
      }
    }
    bindTopicPublisher(fetchFeed, this.opsTopic, ENV.opsTopicArn);
    bindTopicPublisher(sendDigest, this.digestTopic, ENV.digestTopicArn);

    this.scheduleDeadLetterQueue = new Queue(this, 'ScheduleDeadLetterQueue', secureDeadLetterQueueProps());
    new Rule(this, 'DispatchSchedule', {
      description: 'Starts dispatch-feeds, which enqueues the feeds that are due.',
      schedule: Schedule.rate(Duration.minutes(config.dispatchRateMinutes)),
      targets: [
        new LambdaTarget(dispatchFeeds, {
          retryAttempts: 2,
          // A dispatch older than one period is pointless: the next scheduled run covers it.
          maxEventAge: Duration.minutes(config.dispatchRateMinutes),
          deadLetterQueue: this.scheduleDeadLetterQueue,
        }),
      ],
    });
    new Rule(this, 'DigestSchedule', {
      description: "Starts send-digest, which emails each digest recipient yesterday's matches (UTC).",
      schedule: Schedule.cron({
        hour: String(config.digestHourUtc),
        minute: String(config.digestMinuteUtc),
      }),
      targets: [
        new LambdaTarget(sendDigest, {
          retryAttempts: 2,
          // The event's time names the day, so a late delivery still sends the right day's digest.
          maxEventAge: Duration.hours(6),
          deadLetterQueue: this.scheduleDeadLetterQueue,
        }),
      ],
    });

    new Rule(this, 'TrendRollupSchedule', {
      description: "Starts roll-up-trends, which saves the heat map's counts of closed hours.",
      schedule: Schedule.rate(Duration.minutes(ROLLUP_SCHEDULE_MINUTES)),
      targets: [
        new LambdaTarget(rollUpTrends, {
          retryAttempts: 2,
          // The next scheduled run does the same work: an older event is pointless.
          maxEventAge: Duration.minutes(ROLLUP_SCHEDULE_MINUTES),
          deadLetterQueue: this.scheduleDeadLetterQueue,
        }),
      ],
    });

    this.opsAlarms = this.addAlarms(config);

    this.consoleHosting = new ConsoleHosting(this, 'ConsoleHosting', {
      assetDirectory: consoleAssetDirectory(props.consoleAssetDirectory),
      logRetention: config.logRetentionDays as RetentionDays,
    });
    this.analystUserPool = new AnalystUserPool(this, 'AnalystUserPool', {
      consoleUrl: this.consoleHosting.url,
      domainPrefix: config.consoleDomainPrefix,
      stage: config.stage,
      removalPolicy: dataRemovalPolicy,
    });
    // Rules, subscriptions, alerts, feeds: the console reads and changes the pipeline's own items.
    bindTable(consoleApi, this.table);
    // Article text for the article page and the previews, which list the archive by day.
    bindBucket(consoleApi, this.bucket, 'read', [`${BUCKET.articlePrefix}*`]);
    bindBucket(consoleApi, this.bucket, 'list', [`${BUCKET.articlePrefix}*`]);
    bindTopicSubscriptions(consoleApi, this.alertTopic, ENV.topicArn);
    bindTopicSubscriptions(consoleApi, this.digestTopic, ENV.digestTopicArn);
    bindQueueDepthReader(consoleApi, {
      ...Object.fromEntries(entriesOf(this.queues).map(([name, queues]) => [name, queues.deadLetterQueue])),
      schedules: this.scheduleDeadLetterQueue,
    });
    this.consoleApi = new ConsoleApi(this, 'ConsoleHttpApi', {
      routes: CONSOLE_ROUTES,
      handler: consoleApi,
      userPool: this.analystUserPool.userPool,
      userPoolClient: this.analystUserPool.consoleClient,
      allowedOrigin: this.consoleHosting.url,
      throttle: { rateLimit: config.consoleApiRateLimit, burstLimit: config.consoleApiBurstLimit },
      alarms: this.opsAlarms,
      logRetention: config.logRetentionDays as RetentionDays,
    });
    this.consoleHosting.publish({
      apiUrl: this.consoleApi.url,
      auth: {
        mode: 'cognito',
        region: this.region,
        userPoolId: this.analystUserPool.userPool.userPoolId,
        clientId: this.analystUserPool.consoleClient.userPoolClientId,
        domain: this.analystUserPool.hostedUiDomain,
      },
    });
    // Alert and digest emails link to each article's page in the console.
    for (const emailer of [classifyArticle, sendDigest]) {
      emailer.addEnvironment(ENV.consoleUrl, this.consoleHosting.url);
    }

    this.dashboard = new PipelineDashboard(this, 'Dashboard', {
      metricsNamespace: metricsNamespace(config.stage),
      serviceName: SERVICE_NAME,
      functions: this.functions,
      queues: this.queues,
      otherDeadLetterQueues: { schedules: this.scheduleDeadLetterQueue },
      classifyLogGroup: classifyArticle.logGroup,
      alarms: this.opsAlarms.alarms,
    });
    this.readerPolicy = this.newReaderPolicy(config);
    this.addOutputs();
  }

  /**
   * Read access to what the data contract promises downstream services, and nothing more: the table
   * and its index, its stream (as a Lambda event source reads it), the article documents and raw
   * pages. The pipeline's internal S3 objects (precompiled rules) are left out.
   */
  private newReaderPolicy(config: StageConfig): ManagedPolicy {
    const { table, bucket } = this;
    const readablePrefixes = [BUCKET.articlePrefix, BUCKET.rawPrefix].map((prefix) => `${prefix}*`);
    return new ManagedPolicy(this, 'DownstreamReaderPolicy', {
      description: `Reads the wirewatch ${config.stage} table, its stream and its article archive (docs/data-contract.md)`,
      statements: [
        new PolicyStatement({
          actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:DescribeTable'],
          resources: [table.tableArn, `${table.tableArn}/index/*`],
        }),
        new PolicyStatement({
          actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
          // Always set: secureTableProps enables the stream.
          resources: [table.tableStreamArn ?? ''],
        }),
        // ListStreams has no resource-level permissions.
        new PolicyStatement({ actions: ['dynamodb:ListStreams'], resources: ['*'] }),
        new PolicyStatement({
          actions: ['s3:GetObject'],
          resources: readablePrefixes.map((prefix) => bucket.arnForObjects(prefix)),
        }),
        new PolicyStatement({
          actions: ['s3:ListBucket'],
          resources: [bucket.bucketArn],
          conditions: { StringLike: { 's3:prefix': readablePrefixes } },
        }),
      ],
    });
  }

  private newTable(removalPolicy: RemovalPolicy): Table {
    const table = new Table(this, 'Table', {
      ...secureTableProps(),
      removalPolicy,
      // A stage whose data may be destroyed (dev) must also be deletable.
      deletionProtection: removalPolicy === RemovalPolicy.RETAIN,
      partitionKey: toTableAttribute(TABLE.partitionKey),
      sortKey: toTableAttribute(TABLE.sortKey),
      timeToLiveAttribute: TABLE.timeToLiveAttribute,
    });
    for (const index of TABLE.globalSecondaryIndexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: toTableAttribute(index.partitionKey),
        sortKey: toTableAttribute(index.sortKey),
        ...(index.projection === 'ALL'
          ? { projectionType: ProjectionType.ALL }
          : index.projection === 'KEYS_ONLY'
            ? { projectionType: ProjectionType.KEYS_ONLY }
            : { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.projection] }),
      });
    }
    return table;
  }

  private newBucket(config: StageConfig, removalPolicy: RemovalPolicy): Bucket {
    // A destroyed stage's bucket is deleted only once empty: CloudFormation never deletes objects.
    const bucket = new Bucket(this, 'Bucket', { ...secureBucketProps(), removalPolicy });
    // Raw pages are kept for re-extraction but rarely read after the first month. S3 skips objects
    // under 128 KB by default, so small pages simply stay in Standard.
    bucket.addLifecycleRule({
      id: 'raw-pages-to-infrequent-access',
      prefix: BUCKET.rawPrefix,
      transitions: [
        {
          storageClass: StorageClass.INFREQUENT_ACCESS,
          transitionAfter: Duration.days(RAW_PAGES_INFREQUENT_ACCESS_AFTER_DAYS),
        },
      ],
      ...(config.rawPageRetentionDays === null
        ? {}
        : { expiration: Duration.days(config.rawPageRetentionDays) }),
    });
    if (config.articleRetentionDays !== null) {
      bucket.addLifecycleRule({
        id: 'articles-expire',
        prefix: BUCKET.articlePrefix,
        expiration: Duration.days(config.articleRetentionDays),
      });
    }
    return bucket;
  }

  private addAlarms(config: StageConfig): OpsAlarms {
    const alarms = new OpsAlarms(this, 'Alarms', { opsTopic: this.opsTopic });
    for (const [name, queueWithDlq] of entriesOf(this.queues)) {
      alarms.alarmOnDeadLetters(`${constructId(name)}DeadLetters`, queueWithDlq.deadLetterQueue);
    }
    alarms.alarmOnDeadLetters('ScheduleDeadLetters', this.scheduleDeadLetterQueue);
    for (const [name, fn] of entriesOf(this.functions)) {
      alarms.alarmOnErrors(`${constructId(name)}Errors`, fn);
      alarms.alarmOnThrottles(`${constructId(name)}Throttles`, fn);
      alarms.alarmOnDurationNearTimeout(
        `${constructId(name)}DurationNearTimeout`,
        fn,
        Duration.seconds(FUNCTIONS[name].timeoutSeconds),
      );
    }
    for (const [name, queueWithDlq] of entriesOf(this.queues)) {
      alarms.alarmOnBacklogAge(
        `${constructId(name)}BacklogAge`,
        queueWithDlq.queue,
        Duration.minutes(config.backlogMaxAgeMinutes[name]),
      );
    }
    alarms.alarmOnTableThrottles(
      'TableThrottles',
      this.table,
      TABLE.globalSecondaryIndexes.map((index) => index.indexName),
    );
    alarms.alarmOnDispatchCapReached('DispatchCapReached', {
      namespace: metricsNamespace(config.stage),
      serviceName: SERVICE_NAME,
    });
    alarms.alarmOnFailedDeliveries('AlertDeliveryFailures', this.alertTopic);
    alarms.alarmOnFailedDeliveries('DigestDeliveryFailures', this.digestTopic);
    return alarms;
  }

  private addOutputs(): void {
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'TableStreamArn', {
      // Always set: secureTableProps enables the stream.
      value: this.table.tableStreamArn ?? '',
      description: 'NEW_AND_OLD_IMAGES stream for downstream readers.',
    });
    new CfnOutput(this, 'BucketName', { value: this.bucket.bucketName });
    new CfnOutput(this, 'ReaderPolicyArn', {
      value: this.readerPolicy.managedPolicyArn,
      description: "Attach to a downstream service's role: reads the table, its stream and the archive.",
    });
    new CfnOutput(this, 'AlertTopicArn', { value: this.alertTopic.topicArn });
    new CfnOutput(this, 'DigestTopicArn', {
      value: this.digestTopic.topicArn,
      description:
        'Daily digests: subscribe each digest recipient with the filter policy {"recipient": ["<address>"]}.',
    });
    new CfnOutput(this, 'OpsTopicArn', { value: this.opsTopic.topicArn });
    new CfnOutput(this, 'DashboardName', { value: this.dashboard.dashboard.dashboardName });
    for (const [name, queueWithDlq] of entriesOf(this.queues)) {
      new CfnOutput(this, `${constructId(name)}DeadLetterQueueUrl`, {
        value: queueWithDlq.deadLetterQueue.queueUrl,
      });
    }
    new CfnOutput(this, 'ScheduleDeadLetterQueueUrl', { value: this.scheduleDeadLetterQueue.queueUrl });
    new CfnOutput(this, 'ConsoleUrl', {
      value: this.consoleHosting.url,
      description: 'The analyst console; alert emails link to its article pages.',
    });
    new CfnOutput(this, 'ConsoleApiUrl', { value: this.consoleApi.url });
    new CfnOutput(this, 'AnalystUserPoolId', {
      value: this.analystUserPool.userPool.userPoolId,
      description: `Create analysts here (no self sign-up); add admins to the "${ADMIN_GROUP_NAME}" group.`,
    });
  }
}

/** The built console, or a clear error when it was not built: synth would otherwise fail on a missing asset. */
function consoleAssetDirectory(given: string | undefined): string {
  const directory = given ?? join(REPOSITORY_ROOT, 'console', 'dist');
  if (!existsSync(join(directory, 'index.html'))) {
    throw new Error(
      `The analyst console is not built: ${directory} has no index.html. Run \`npm run build:console\` (cdk.json's build step runs it before \`cdk synth\` and \`cdk deploy\`).`,
    );
  }
  return directory;
}

function toTableAttribute(attribute: KeyAttribute): { name: string; type: AttributeType } {
  return { name: attribute.name, type: attribute.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER };
}

/** `fetchFeed` -> `FetchFeed`: construct ids read like the resource names CloudFormation shows. */
function constructId(name: string): string {
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}

function entriesOf<K extends string, V>(record: Record<K, V>): [K, V][] {
  return Object.entries(record) as [K, V][];
}

/** Builds one resource per definition, keeping the definitions' names as a typed record. */
function mapDefinitions<K extends string, D, R>(
  definitions: Record<K, D>,
  build: (name: K, definition: D) => R,
): Record<K, R> {
  return Object.fromEntries(
    entriesOf(definitions).map(([name, definition]) => [name, build(name, definition)]),
  ) as Record<K, R>;
}
