import { createHash } from 'node:crypto';
import { SendMessageBatchCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalQueue } from '../../local/queues/local-queue.ts';
import { md5OfAttributes, type SqsEndpoint } from '../../local/sqs/sqs-endpoint.ts';
import { startLocalSqs } from '../support/local-sqs.ts';

function queuePair(maxReceiveCount = 2) {
  const settings = (name: string) => ({
    name,
    url: `http://127.0.0.1/000000000000/${name}`,
    arn: `arn:aws:sqs:us-east-1:000000000000:${name}`,
    batchSize: 2,
    maxReceiveCount,
    retryDelayMs: 100,
  });
  const deadLetters = new LocalQueue(settings('jobs-dlq'));
  return { queue: new LocalQueue(settings('jobs'), deadLetters), deadLetters };
}

describe('local queue semantics', () => {
  it('delivers in batches, hides what is in flight, and deletes what succeeded', () => {
    // Prepare
    const { queue } = queuePair();
    for (const body of ['a', 'b', 'c']) queue.send(body);

    // Act
    const first = queue.receive(0);
    const second = queue.receive(0);
    for (const message of first) queue.acknowledge(message.messageId);

    // Assess
    expect(first.map(({ body }) => body)).toEqual(['a', 'b']);
    expect(second.map(({ body }) => body)).toEqual(['c']);
    expect(queue.size).toBe(1);
    expect(queue.stats).toMatchObject({ sent: 3, deliveries: 3, succeeded: 2 });
  });

  it('has a visible message only while one is neither in flight nor waiting out a retry delay', () => {
    // Prepare
    const { queue } = queuePair(3);
    queue.send('job');

    // Act
    const before = queue.hasVisible(0);
    const [message] = queue.receive(0);
    const inFlight = queue.hasVisible(0);
    queue.fail(message?.messageId as string, 'timeout', 0);
    const waiting = queue.hasVisible(50);
    const due = queue.hasVisible(100);

    // Assess
    expect([before, inFlight, waiting, due]).toEqual([true, false, false, true]);
  });

  it('redelivers a failed message after a backoff with a higher receive count', () => {
    // Prepare
    const { queue } = queuePair(3);
    queue.send('flaky');
    const [message] = queue.receive(0);
    queue.fail(message?.messageId as string, 'timeout', 0);

    // Act
    const tooEarly = queue.receive(50);
    const retried = queue.receive(100);

    // Assess
    expect(tooEarly).toEqual([]);
    expect(retried).toMatchObject([{ body: 'flaky', receiveCount: 2, lastError: 'timeout' }]);
  });

  it('moves a message to the dead-letter queue, with its reason, after maxReceiveCount deliveries', () => {
    // Prepare
    const { queue, deadLetters } = queuePair(2);
    queue.send('poison');

    // Act
    for (const at of [0, 1_000]) {
      for (const message of queue.receive(at)) queue.fail(message.messageId, 'cannot parse', at);
    }

    // Assess
    expect(queue.isIdle).toBe(true);
    expect(deadLetters.list()).toMatchObject([
      {
        body: 'poison',
        attributes: {
          errorCode: { StringValue: 'max-receive-count' },
          errorMessage: { StringValue: 'Failed 2 deliveries; last: cannot parse' },
        },
      },
    ]);
    expect(queue.stats.deadLettered).toBe(1);
  });
});

describe('local SQS endpoint', () => {
  let endpoint: SqsEndpoint;
  let queue: LocalQueue;
  let client: SQSClient;
  beforeAll(async () => {
    ({ endpoint, queue, sqs: client } = await startLocalSqs());
  });
  afterAll(async () => {
    await endpoint.close();
  });

  it('accepts SendMessage and SendMessageBatch from the real client, checksums included', async () => {
    // Act
    const single = await client.send(
      new SendMessageCommand({
        QueueUrl: queue.settings.url,
        MessageBody: '{"job":1}',
        MessageAttributes: { errorCode: { DataType: 'String', StringValue: 'invalid-message' } },
      }),
    );
    const batch = await client.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.settings.url,
        Entries: [
          { Id: 'a', MessageBody: '{"job":2}' },
          { Id: 'b', MessageBody: '{"job":3}' },
        ],
      }),
    );

    // Assess
    expect(single.MessageId).toBeDefined();
    expect(batch.Successful?.map(({ Id }) => Id)).toEqual(['a', 'b']);
    expect(queue.list().map(({ body }) => body)).toEqual(['{"job":1}', '{"job":2}', '{"job":3}']);
    expect(queue.list()[0]?.attributes.errorCode?.StringValue).toBe('invalid-message');
  });

  it('answers an unknown queue as SQS does', async () => {
    // Act
    const sending = client.send(
      new SendMessageCommand({ QueueUrl: endpoint.queueUrl('missing'), MessageBody: 'x' }),
    );

    // Assess
    await expect(sending).rejects.toMatchObject({ name: 'QueueDoesNotExist' });
  });

  it('computes the attribute checksum as SQS documents it', () => {
    // Prepare: the documented encoding of one String attribute, built by hand.
    const name = Buffer.from('a');
    const type = Buffer.from('String');
    const value = Buffer.from('b');
    const length = (n: number) => Buffer.from([0, 0, 0, n]);
    const expected = Buffer.concat([length(1), name, length(6), type, Buffer.from([1]), length(1), value]);

    // Act
    const checksum = md5OfAttributes({ a: { DataType: 'String', StringValue: 'b' } });

    // Assess
    expect(checksum).toBe(createHash('md5').update(expected).digest('hex'));
  });
});
