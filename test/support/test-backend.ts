/**
 * The one place that decides which implementation of the AWS APIs the integration suites run on,
 * from WIREWATCH_TEST_BACKEND:
 * - `emulators` (the default): dynalite, s3rver, the local SNS emulator and the local runtime's SQS
 *   endpoint, in this process;
 * - `moto`: the moto_server that moto-global-setup.ts starts once for the whole run. Test files run
 *   in parallel against it, so every table, bucket, topic and queue gets a name of its own.
 * Suites ask for a table, a bucket, a topic or a queue here and are written once for both; the suites
 * that drive the local runtime (LocalPipeline) take its AWS services from startTestAws.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SNSEvent } from 'aws-lambda';
import S3rver from 's3rver';
import { inject } from 'vitest';
import type { TableClient } from '../../adapters/dynamodb/table-client.ts';
import { createTable } from '../../local/create-resources.ts';
import {
  LOCAL_CREDENTIALS,
  type LocalAws,
  type LocalAwsOptions,
  startLocalAws,
} from '../../local/local-aws.ts';
import { startMotoAws } from '../../local/moto-aws.ts';
import { startSnsEmulator } from '../../local/sns/sns-emulator.ts';
import { startLocalSqs } from './local-sqs.ts';
import { startLocalTable } from './local-table.ts';
import { startMotoServer } from './moto-server.ts';

export type TestBackend = 'emulators' | 'moto';

export const BACKEND_VARIABLE = 'WIREWATCH_TEST_BACKEND';

export function testBackendFrom(value: string | undefined): TestBackend {
  if (value === undefined || value === '' || value === 'emulators') return 'emulators';
  if (value === 'moto') return 'moto';
  throw new Error(`${BACKEND_VARIABLE} must be "emulators" (the default) or "moto", not "${value}"`);
}

export const TEST_BACKEND: TestBackend = testBackendFrom(process.env[BACKEND_VARIABLE]);

/**
 * Where moto departs from AWS in a way a suite sees, by name, true only on moto: a suite tolerates
 * such a departure through these flags alone (docs/emulators.md has each with its evidence).
 */
export const MOTO_DEPARTS = {
  /**
   * A Query stopped by its Limit at the last matching item returns no LastEvaluatedKey; DynamoDB (and
   * dynalite) return one, and the next page is empty.
   */
  noLastEvaluatedKeyAtExactLimit: TEST_BACKEND === 'moto',
  /**
   * Two conditional writes to one item at the same moment can both succeed: moto_server serves
   * requests on parallel threads without locking the item. DynamoDB applies each write atomically.
   */
  conditionalWritesRace: TEST_BACKEND === 'moto',
} as const;

/**
 * Competing calls, as a test means them: all at once, except on moto, whose conditional writes race
 * (MOTO_DEPARTS.conditionalWritesRace); there they go one after the other, so the condition still
 * decides which wins and the test still checks it.
 */
export async function contending<T>(calls: readonly (() => Promise<T>)[]): Promise<T[]> {
  if (!MOTO_DEPARTS.conditionalWritesRace) return Promise.all(calls.map((call) => call()));
  const results: T[] = [];
  for (const call of calls) results.push(await call());
  return results;
}

/** moto accepts any credentials; its account id is 123456789012. */
const MOTO_CLIENT = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };

/** Client settings for the run's moto_server; SDK retries off, so a failing call fails at once. */
export function motoClientConfig() {
  return { ...MOTO_CLIENT, endpoint: motoEndpoint(), maxAttempts: 1 };
}

function motoEndpoint(): string {
  const endpoint = inject('motoEndpoint');
  if (endpoint === undefined) {
    throw new Error(
      `${BACKEND_VARIABLE}=moto, but no moto_server was started (vitest.config.ts's globalSetup starts it)`,
    );
  }
  return endpoint;
}

const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export type TestTable = TableClient & { endpoint: string; close(): Promise<void> };

/** A table with the CDK definitions' keys and indexes, on the chosen backend, removed by close(). */
export async function startTestTable(): Promise<TestTable> {
  if (TEST_BACKEND === 'emulators') return startLocalTable();
  const endpoint = motoEndpoint();
  const raw = new DynamoDBClient({ ...MOTO_CLIENT, endpoint });
  const tableName = uniqueName('wirewatch-test');
  await createTable(raw, tableName);
  return {
    client: DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } }),
    tableName,
    endpoint,
    async close() {
      await raw.send(new DeleteTableCommand({ TableName: tableName }));
      raw.destroy();
    },
  };
}

export interface TestQueue {
  sqs: SQSClient;
  url: string;
  /** The URL a queue that does not exist would have on the same endpoint. */
  missingQueueUrl: string;
  /** Every message body waiting in the queue, in the order received; the queue is empty after. */
  takeAll(): Promise<string[]>;
  close(): Promise<void>;
}

/** An empty standard queue on the chosen backend, with an SQS client pointed at its endpoint. */
export async function startTestQueue(): Promise<TestQueue> {
  if (TEST_BACKEND === 'emulators') {
    const { endpoint, queue, sqs } = await startLocalSqs();
    return {
      sqs,
      url: queue.settings.url,
      missingQueueUrl: endpoint.queueUrl('missing'),
      async takeAll() {
        const bodies: string[] = [];
        for (let batch = queue.receive(); batch.length > 0; batch = queue.receive()) {
          for (const message of batch) {
            bodies.push(message.body);
            queue.acknowledge(message.messageId);
          }
        }
        return bodies;
      },
      async close() {
        sqs.destroy();
        await endpoint.close();
      },
    };
  }
  const sqs = new SQSClient({ ...MOTO_CLIENT, endpoint: motoEndpoint() });
  const name = uniqueName('jobs');
  const { QueueUrl: url } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  if (url === undefined) throw new Error('CreateQueue returned no QueueUrl');
  return {
    sqs,
    url,
    missingQueueUrl: url.replace(name, 'missing'),
    async takeAll() {
      const bodies: string[] = [];
      for (;;) {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 60 }),
        );
        if (Messages.length === 0) return bodies;
        bodies.push(...Messages.map(({ Body }) => Body ?? ''));
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: url,
            Entries: Messages.map(({ ReceiptHandle }, n) => ({ Id: String(n), ReceiptHandle })),
          }),
        );
      }
    },
    async close() {
      await sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
      sqs.destroy();
    },
  };
}

export interface TestBucket {
  s3: S3Client;
  bucket: string;
  close(): Promise<void>;
}

/** An empty bucket on the chosen backend, with a path-style S3 client pointed at it. */
export async function startTestBucket(): Promise<TestBucket> {
  const bucket = uniqueName('wirewatch-archive');
  if (TEST_BACKEND === 'emulators') {
    const directory = await mkdtemp(join(tmpdir(), 'wirewatch-s3-'));
    const server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory,
      resetOnClose: true,
      configureBuckets: [{ name: bucket }],
    });
    const { port } = await server.run();
    const s3 = new S3Client({
      region: 'us-east-1',
      credentials: LOCAL_CREDENTIALS,
      endpoint: `http://127.0.0.1:${port}`,
      forcePathStyle: true,
      // s3rver stores stream bodies with aws-chunked framing unless checksums are only sent when required.
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    return {
      s3,
      bucket,
      async close() {
        s3.destroy();
        await server.close();
        await rm(directory, { recursive: true, force: true });
      },
    };
  }
  const s3 = new S3Client({ ...MOTO_CLIENT, endpoint: motoEndpoint(), forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    s3,
    bucket,
    async close() {
      s3.destroy();
    },
  };
}

/** A notification as a subscriber receives it: the message for its protocol, subject and attributes. */
export interface ReceivedNotification {
  message: string;
  subject: string | null;
  attributes: Record<string, { Type: string; Value: string }>;
}

export interface TestTopic {
  sns: SNSClient;
  topicArn: string;
  /**
   * A subscription with this filter policy (attribute scope), and a way to read what it received:
   * on the emulators a lambda subscription, on moto an SQS queue.
   */
  subscribe(filterPolicy?: Record<string, unknown>): Promise<() => Promise<ReceivedNotification[]>>;
  close(): Promise<void>;
}

const filterAttributes = (filterPolicy: Record<string, unknown> | undefined) =>
  filterPolicy === undefined ? {} : { Attributes: { FilterPolicy: JSON.stringify(filterPolicy) } };

/** A topic on the chosen backend, with an SNS client pointed at it. */
export async function startTestTopic(): Promise<TestTopic> {
  const topicName = uniqueName('alerts');
  if (TEST_BACKEND === 'emulators') {
    const outbox = await mkdtemp(join(tmpdir(), 'wirewatch-outbox-'));
    const emulator = await startSnsEmulator({ outboxDir: outbox });
    const sns = new SNSClient({
      region: 'us-east-1',
      credentials: LOCAL_CREDENTIALS,
      endpoint: emulator.endpoint,
    });
    const { TopicArn: topicArn } = await sns.send(new CreateTopicCommand({ Name: topicName }));
    if (topicArn === undefined) throw new Error('CreateTopic returned no TopicArn');
    return {
      sns,
      topicArn,
      async subscribe(filterPolicy) {
        const functionArn = `arn:aws:lambda:us-east-1:000000000000:function:${uniqueName('subscriber')}`;
        const received: ReceivedNotification[] = [];
        emulator.registerFunction(functionArn, async (event: SNSEvent) => {
          for (const { Sns } of event.Records) {
            received.push({
              message: Sns.Message,
              subject: Sns.Subject ?? null,
              attributes: Sns.MessageAttributes,
            });
          }
        });
        await sns.send(
          new SubscribeCommand({
            TopicArn: topicArn,
            Protocol: 'lambda',
            Endpoint: functionArn,
            ...filterAttributes(filterPolicy),
          }),
        );
        return async () => {
          await emulator.idle();
          return [...received];
        };
      },
      async close() {
        sns.destroy();
        await emulator.close();
        await rm(outbox, { recursive: true, force: true });
      },
    };
  }
  const sns = new SNSClient({ ...MOTO_CLIENT, endpoint: motoEndpoint() });
  const { TopicArn: topicArn } = await sns.send(new CreateTopicCommand({ Name: topicName }));
  if (topicArn === undefined) throw new Error('CreateTopic returned no TopicArn');
  const queues: TestQueue[] = [];
  return {
    sns,
    topicArn,
    async subscribe(filterPolicy) {
      const queue = await startTestQueue();
      queues.push(queue);
      const { Attributes } = await queue.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['QueueArn'] }),
      );
      await sns.send(
        new SubscribeCommand({
          TopicArn: topicArn,
          Protocol: 'sqs',
          Endpoint: Attributes?.QueueArn,
          ...filterAttributes(filterPolicy),
        }),
      );
      // Not raw delivery: each body is SNS's JSON notification envelope.
      return async () =>
        (await queue.takeAll()).map((body) => {
          const envelope = JSON.parse(body) as {
            Message: string;
            Subject?: string;
            MessageAttributes?: ReceivedNotification['attributes'];
          };
          return {
            message: envelope.Message,
            subject: envelope.Subject ?? null,
            attributes: envelope.MessageAttributes ?? {},
          };
        });
    },
    async close() {
      await Promise.all(queues.map((queue) => queue.close()));
      sns.destroy();
    },
  };
}

/**
 * The local runtime's AWS services on the chosen backend, for LocalPipelineOptions.startAws: the
 * in-process emulators, or DynamoDB and S3 on moto (local/moto-aws.ts). On moto each runtime gets a
 * moto_server of its own, stopped with it: its table, bucket and topics have fixed names, and test
 * files run in parallel.
 */
export async function startTestAws(options: LocalAwsOptions): Promise<LocalAws> {
  if (TEST_BACKEND === 'emulators') return startLocalAws(options);
  const moto = await startMotoServer();
  let aws: LocalAws;
  try {
    aws = await startMotoAws({ ...options, motoEndpoint: moto.endpoint });
  } catch (error) {
    await moto.stop();
    throw error;
  }
  return {
    ...aws,
    async close() {
      await aws.close();
      await moto.stop();
    },
  };
}
