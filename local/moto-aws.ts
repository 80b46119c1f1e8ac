/**
 * The local runtime's AWS services with DynamoDB and S3 taken from a moto_server, the second
 * implementation of the AWS APIs the suites run on (docs/emulators.md). It has the shape of
 * startLocalAws's, so LocalPipeline runs unchanged on it:
 * - DynamoDB and S3: moto, at the endpoint given; the bucket is created there;
 * - S3 ObjectCreated events: moto's own bucket notification, to an SNS topic on moto with an HTTP
 *   subscription on a loopback endpoint of this process, which emits each S3 event as s3rver does.
 *   moto delivers it while it answers the PutObject, so the event is in hand when the write returns,
 *   as the runtime's drain expects (a pulled SQS queue could still be empty at that moment);
 * - SNS: our emulator, which writes the emails the suites read (moto has no email outbox);
 * - SQS: the runtime's own endpoint, since the stage queues are the runtime's (local-pipeline.ts).
 * moto keeps everything in memory, and LocalPipeline's table, bucket and topic names are fixed: give
 * each runtime a moto_server of its own.
 */
import { EventEmitter } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateBucketCommand, PutBucketNotificationConfigurationCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateTopicCommand,
  SetTopicAttributesCommand,
  SNSClient,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import { BUCKET } from '../infra/resource-definitions.ts';
import {
  LOCAL_ACCOUNT,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  type LocalAws,
  type LocalAwsOptions,
} from './local-aws.ts';
import { startSnsEmulator } from './sns/sns-emulator.ts';
import { startSqsEndpoint } from './sqs/sqs-endpoint.ts';

export interface MotoAwsOptions extends LocalAwsOptions {
  /** A moto_server this runtime has to itself, e.g. http://127.0.0.1:5000. */
  motoEndpoint: string;
}

interface S3EventRecord {
  eventName: string;
  s3: { object: { key: string } };
}

/** An SNS message as an HTTP subscription receives it (only what is read here). */
interface SnsHttpMessage {
  Type?: string;
  Message?: string;
}

/** S3 URL-encodes object keys in its events (spaces as '+'); s3rver's events, which the runtime takes, do not. */
const decodeS3Key = (key: string) => decodeURIComponent(key.replace(/\+/g, ' '));

/**
 * The S3 events in one SNS notification, keys decoded; none for S3's test event, which has no
 * Records and which the runtime never forwards.
 */
export function s3EventFromSnsMessage(body: string): { Records: S3EventRecord[] } | null {
  const envelope = JSON.parse(body) as SnsHttpMessage;
  if (envelope.Type !== 'Notification' || typeof envelope.Message !== 'string') {
    throw new Error(`Not an SNS notification: Type ${JSON.stringify(envelope.Type)}`);
  }
  const event = JSON.parse(envelope.Message) as { Records?: S3EventRecord[] };
  if (!Array.isArray(event.Records)) return null;
  return {
    Records: event.Records.map((record) => ({
      ...record,
      s3: { ...record.s3, object: { ...record.s3.object, key: decodeS3Key(record.s3.object.key) } },
    })),
  };
}

const readBody = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** The loopback HTTP endpoint moto's SNS posts the bucket's notifications to; emits 'event' for each. */
async function startNotificationEndpoint(events: EventEmitter) {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    readBody(request)
      .then((body) => {
        const event = s3EventFromSnsMessage(body);
        // Emitted before the answer, so before moto answers the PutObject that caused it.
        if (event !== null) events.emit('event', event);
        response.writeHead(200).end();
      })
      .catch((error: Error) => {
        response.writeHead(400).end(error.message);
        // Loud, not lost: with no 'error' listener this fails the process, as a broken S3 event source should.
        events.emit('error', error);
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/s3-events`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The bucket on moto, notifying its article documents' creation to an SNS topic with `endpointUrl` subscribed. */
async function createNotifyingBucket(motoEndpoint: string, bucketName: string, endpointUrl: string) {
  const config = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint: motoEndpoint };
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const sns = new SNSClient(config);
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucketName }));
    const { TopicArn: topicArn } = await sns.send(new CreateTopicCommand({ Name: `${bucketName}-events` }));
    if (topicArn === undefined) throw new Error('moto: CreateTopic returned no TopicArn');
    // What AWS requires before it accepts the topic as the bucket's destination (moto does not check).
    await sns.send(
      new SetTopicAttributesCommand({
        TopicArn: topicArn,
        AttributeName: 'Policy',
        AttributeValue: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 's3.amazonaws.com' },
              Action: 'SNS:Publish',
              Resource: topicArn,
              Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:s3:::${bucketName}` } },
            },
          ],
        }),
      }),
    );
    await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: endpointUrl }));
    // The filter the stack's notification to the classify queue has (infra/wirewatch-stack.ts).
    await s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket: bucketName,
        NotificationConfiguration: {
          TopicConfigurations: [
            {
              TopicArn: topicArn,
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
  } finally {
    s3.destroy();
    sns.destroy();
  }
}

export async function startMotoAws(options: MotoAwsOptions): Promise<LocalAws> {
  if (options.stateDir !== null) {
    throw new Error(
      'moto keeps its state in memory only: the local runtime on moto takes no state directory',
    );
  }
  await mkdir(options.outboxDir, { recursive: true });
  const s3Events = new EventEmitter();
  const notifications = await startNotificationEndpoint(s3Events);
  const sns = await startSnsEmulator({
    outboxDir: options.outboxDir,
    region: LOCAL_REGION,
    accountId: LOCAL_ACCOUNT,
    keepEmails: options.keepEmails ?? true,
  });
  const sqs = await startSqsEndpoint(LOCAL_ACCOUNT);
  const close = async () => {
    await sns.idle();
    await Promise.all([notifications.close(), sns.close(), sqs.close()]);
  };
  try {
    await createNotifyingBucket(options.motoEndpoint, options.bucketName, notifications.url);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    endpoints: {
      dynamodb: options.motoEndpoint,
      s3: options.motoEndpoint,
      sns: sns.endpoint,
      sqs: sqs.endpoint,
    },
    s3: s3Events,
    sns,
    sqs,
    close,
  };
}
