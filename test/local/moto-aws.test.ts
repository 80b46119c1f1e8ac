/**
 * The local runtime's services on moto (local/moto-aws.ts): the S3 events moto's own bucket
 * notification sends through SNS to the runtime's HTTP subscription, read as s3rver emits them. The
 * message reading runs everywhere; the bucket's notifications need WIREWATCH_TEST_BACKEND=moto.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUCKET } from '../../infra/resource-definitions.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION, type LocalAws } from '../../local/local-aws.ts';
import { s3EventFromSnsMessage, startMotoAws } from '../../local/moto-aws.ts';
import { startTestAws, TEST_BACKEND } from '../support/test-backend.ts';

/** An SNS notification to an HTTP subscription, as moto posts it (the fields read here). */
const notification = (message: unknown) =>
  JSON.stringify({
    Type: 'Notification',
    TopicArn: 'arn:aws:sns:us-east-1:123456789012:t',
    Message: JSON.stringify(message),
  });

describe('an S3 event in an SNS notification', () => {
  it('has its object keys decoded, as s3rver emits them', () => {
    // Prepare: the key as moto encodes it, '/' included
    const body = notification({
      Records: [
        { eventName: 'ObjectCreated:Put', s3: { object: { key: 'articles%2Fyyyy%3D2026%2Fa+b%2Bc.json' } } },
      ],
    });

    // Act
    const event = s3EventFromSnsMessage(body);

    // Assess
    expect(event?.Records.map(({ s3 }) => s3.object.key)).toEqual(['articles/yyyy=2026/a b+c.json']);
  });

  it("is nothing for S3's test event, which has no records", () => {
    // Prepare
    const body = notification({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'archive' });

    // Act
    const event = s3EventFromSnsMessage(body);

    // Assess
    expect(event).toBeNull();
  });

  it('is refused in any other SNS message, such as a subscription confirmation', () => {
    // Prepare
    const body = JSON.stringify({
      Type: 'SubscriptionConfirmation',
      Token: 't',
      SubscribeURL: 'https://sns',
    });

    // Act
    const reading = () => s3EventFromSnsMessage(body);

    // Assess
    expect(reading).toThrow('Not an SNS notification: Type "SubscriptionConfirmation"');
  });
});

describe('the services on moto', () => {
  it('take no state directory, since moto keeps its state in memory', async () => {
    // Prepare
    const options = {
      stateDir: '/tmp/state',
      outboxDir: '/tmp/outbox',
      bucketName: 'archive',
      motoEndpoint: 'http://127.0.0.1:9',
    };

    // Act
    const starting = startMotoAws(options);

    // Assess
    await expect(starting).rejects.toThrow('takes no state directory');
  });
});

describe.skipIf(TEST_BACKEND !== 'moto')("the bucket's notifications on moto", () => {
  const bucketName = 'wirewatch-notified-archive';
  let outbox: string;
  let aws: LocalAws;
  let s3: S3Client;
  const received: { Records: { eventName: string; s3: { object: { key: string } } }[] }[] = [];

  beforeAll(async () => {
    outbox = await mkdtemp(join(tmpdir(), 'wirewatch-outbox-'));
    aws = await startTestAws({ stateDir: null, outboxDir: outbox, bucketName });
    aws.s3.on('event', (event) => received.push(event));
    s3 = new S3Client({
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      endpoint: aws.endpoints.s3,
      forcePathStyle: true,
    });
  }, 60_000);

  afterAll(async () => {
    s3?.destroy();
    await aws?.close();
    await rm(outbox, { recursive: true, force: true });
  });

  it('emit an article document’s ObjectCreated event before its PutObject returns, key decoded', async () => {
    // Prepare
    const key = `${BUCKET.articlePrefix}yyyy=2026/mm=12/dd=02/a b.json`;
    const before = received.length;

    // Act
    await s3.send(new PutObjectCommand({ Bucket: bucketName, Key: key, Body: '{}' }));

    // Assess
    expect(received.slice(before).flatMap(({ Records }) => Records)).toMatchObject([
      { eventName: 'ObjectCreated:Put', s3: { object: { key } } },
    ]);
  });

  it('say nothing of objects outside the article documents, as the stack’s filter does', async () => {
    // Prepare
    const before = received.length;

    // Act
    await s3.send(
      new PutObjectCommand({ Bucket: bucketName, Key: `${BUCKET.rawPrefix}page.html.gz`, Body: 'x' }),
    );
    await s3.send(
      new PutObjectCommand({ Bucket: bucketName, Key: `${BUCKET.articlePrefix}notes.txt`, Body: 'x' }),
    );

    // Assess
    expect(received.slice(before)).toEqual([]);
  });
});
