/**
 * The real fetch-article and classify-article handlers with every AWS service on moto: the S3 →
 * classify step through moto's own bucket notification (what AWS sends, not our runtime's stand-in),
 * and the alert through moto's SNS to an SQS queue subscribed with the analyst's filter policy. Jobs
 * are polled from moto's queues and handed over as Lambda's event source mapping would. The local
 * runtime's suites (handlers-on-emulators) need its own emulators; this is their counterpart on moto.
 */
import { join } from 'node:path';
import { PutBucketNotificationConfigurationCommand } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbRuleStore } from '../../adapters/dynamodb/rule-store.dynamodb.ts';
import { BUCKET, ENV, FUNCTIONS, type FunctionName } from '../../infra/resource-definitions.ts';
import { lambdaContext } from '../../local/lambda-events.ts';
import { type SampleSite, sampleSiteAccess, startSampleSite } from '../../local/sample-site.ts';
import { createReader } from '../../reader/wirewatch-reader.ts';
import { sqsEventFromMessages } from '../../scripts/rehearse/received-messages.ts';
import { articleJobFor, CT_DIALOGUE_RULE, SEED_URL } from '../support/sample-pipeline.ts';
import {
  motoClientConfig,
  startTestBucket,
  startTestTable,
  TEST_BACKEND,
  type TestBucket,
  type TestTable,
} from '../support/test-backend.ts';

type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;

interface Stage {
  functionName: FunctionName;
  queueUrl: string;
  queueArn: string;
  handler: SqsHandler;
}

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';

describe.skipIf(TEST_BACKEND !== 'moto')('the handlers on moto', () => {
  let table: TestTable;
  let bucket: TestBucket;
  let site: SampleSite;
  let sqs: SQSClient;
  let sns: SNSClient;
  let stages: Stage[];
  let alertsQueueUrl: string;
  let deadLettersQueueUrl: string;

  const createQueue = async (name: string) => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-${Date.now()}` }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    return { url: QueueUrl as string, arn: Attributes?.QueueArn as string };
  };

  const receive = (queueUrl: string, max = 10) =>
    sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: max,
        VisibilityTimeout: 30,
        MessageSystemAttributeNames: ['All'],
      }),
    );

  /** Delivers every queued job to its handler, stage by stage, until no queue holds one. */
  const drain = async () => {
    for (let round = 0; round < 20; round += 1) {
      let delivered = false;
      for (const stage of stages) {
        const { Messages = [] } = await receive(stage.queueUrl);
        if (Messages.length === 0) continue;
        delivered = true;
        const definition = FUNCTIONS[stage.functionName];
        const response = await stage.handler(
          sqsEventFromMessages(Messages, stage.queueArn, REGION),
          lambdaContext(stage.functionName, REGION, ACCOUNT, definition.timeoutSeconds),
        );
        const failed = new Set(
          (response?.batchItemFailures ?? []).map(({ itemIdentifier }) => itemIdentifier),
        );
        const done = Messages.filter(({ MessageId }) => !failed.has(MessageId ?? ''));
        if (done.length > 0) {
          await sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: stage.queueUrl,
              Entries: done.map(({ ReceiptHandle }, n) => ({ Id: String(n), ReceiptHandle })),
            }),
          );
        }
      }
      if (!delivered) return;
    }
    throw new Error('The queues were not empty after 20 rounds');
  };

  beforeAll(async () => {
    const config = motoClientConfig();
    sqs = new SQSClient(config);
    sns = new SNSClient(config);
    table = await startTestTable();
    bucket = await startTestBucket();
    site = await startSampleSite(join(import.meta.dirname, '../../samples/site'));
    const { TopicArn: topicArn } = await sns.send(new CreateTopicCommand({ Name: `alerts-${Date.now()}` }));
    const articleJobs = await createQueue('article-jobs');
    const classifyJobs = await createQueue('classify-jobs');
    const deadLetters = await createQueue('dead-letters');
    const alerts = await createQueue('analyst-alerts');
    alertsQueueUrl = alerts.url;
    deadLettersQueueUrl = deadLetters.url;
    await sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: 'sqs',
        Endpoint: alerts.arn,
        Attributes: { FilterPolicy: JSON.stringify({ countryPairs: ['PK-US'] }), RawMessageDelivery: 'true' },
      }),
    );
    await bucket.s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket: bucket.bucket,
        NotificationConfiguration: {
          QueueConfigurations: [
            {
              QueueArn: classifyJobs.arn,
              Events: ['s3:ObjectCreated:*'],
              Filter: {
                Key: {
                  FilterRules: [
                    { Name: 'prefix', Value: BUCKET.articlePrefix },
                    { Name: 'suffix', Value: BUCKET.articleSuffix },
                  ],
                },
              },
            },
          ],
        },
      }),
    );
    const access = sampleSiteAccess(site);
    Object.assign(process.env, {
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_EC2_METADATA_DISABLED: 'true',
      ...Object.fromEntries(
        ['DYNAMODB', 'S3', 'SNS', 'SQS'].map((service) => [`AWS_ENDPOINT_URL_${service}`, config.endpoint]),
      ),
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_TRACE_ENABLED: 'false',
      [ENV.tableName]: table.tableName,
      [ENV.bucketName]: bucket.bucket,
      [ENV.topicArn]: topicArn,
      // One dead-letter queue for both functions; only fetch-article gets a poison message here.
      [ENV.deadLetterQueueUrl]: deadLetters.url,
      [ENV.allowedPrivateHosts]: access.allowPrivateHosts.join(','),
      [ENV.connectTo]: access.connectTo.join(','),
      [ENV.ruleCacheSeconds]: '0',
    });
    // Loaded after the environment is set, as Lambda loads a function with its configuration.
    const load = async (name: FunctionName) =>
      (
        (await import(
          /* @vite-ignore */ new URL(`../../${FUNCTIONS[name].entry}`, import.meta.url).href
        )) as {
          handler: SqsHandler;
        }
      ).handler;
    stages = [
      {
        functionName: 'fetchArticle',
        queueUrl: articleJobs.url,
        queueArn: articleJobs.arn,
        handler: await load('fetchArticle'),
      },
      {
        functionName: 'classifyArticle',
        queueUrl: classifyJobs.url,
        queueArn: classifyJobs.arn,
        handler: await load('classifyArticle'),
      },
    ];
  }, 120_000);

  afterAll(async () => {
    await Promise.all([site?.close(), table?.close(), bucket?.close()]);
  });

  it('stores an article delivered twice once, and its alert reaches the filtered subscriber once', async () => {
    // Prepare
    await new DynamoDbRuleStore(table).putRule(CT_DIALOGUE_RULE);
    const job = articleJobFor(SEED_URL);
    for (let n = 0; n < 2; n += 1) {
      await sqs.send(new SendMessageCommand({ QueueUrl: stages[0]?.queueUrl, MessageBody: job }));
    }

    // Act
    await drain();

    // Assess
    const reader = createReader(table);
    const article = await reader.getArticleByUrl(SEED_URL);
    expect(article?.revision).toBe(1);
    expect(await reader.alertsForArticle(article?.id as string)).toMatchObject([
      { ruleId: 'ct-dialogue', status: 'published' },
    ]);
    const { Messages = [] } = await receive(alertsQueueUrl);
    expect(Messages.map(({ Body }) => JSON.parse(Body as string).rule)).toEqual([
      { id: 'ct-dialogue', name: 'Counterterrorism dialogue' },
    ]);
  });

  it('moves a message that fails validation to the dead-letter queue at once, with its reason', async () => {
    // Prepare
    await sqs.send(
      new SendMessageCommand({ QueueUrl: stages[0]?.queueUrl, MessageBody: '{"url": "not a url"}' }),
    );

    // Act
    await drain();

    // Assess
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: deadLettersQueueUrl, MessageAttributeNames: ['All'] }),
    );
    expect(Messages.map(({ Body }) => Body)).toEqual(['{"url": "not a url"}']);
    expect(Messages[0]?.MessageAttributes?.errorCode?.StringValue).toBe('invalid-message');
  });
});
