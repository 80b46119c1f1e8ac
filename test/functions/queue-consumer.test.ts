import { Logger } from '@aws-lambda-powertools/logger';
import type { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { queueConsumer } from '../../functions/commons/queue-consumer.ts';
import { sqs } from '../../functions/commons/sqs-client.ts';
import { ENV } from '../../infra/resource-definitions.ts';
import { lambdaContext } from '../../local/lambda-events.ts';

function eventOf(...bodies: string[]): SQSEvent {
  return eventReceived(1, ...bodies);
}

function eventReceived(receiveCount: number, ...bodies: string[]): SQSEvent {
  return {
    Records: bodies.map(
      (body, index) =>
        ({
          messageId: `m-${index + 1}`,
          body,
          eventSource: 'aws:sqs',
          eventSourceARN: 'arn:aws:sqs:eu-west-1:000000000000:jobs',
          attributes: { ApproximateReceiveCount: String(receiveCount) },
          messageAttributes: {},
        }) as unknown as SQSRecord,
    ),
  };
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('queueConsumer', () => {
  it("fails a batch whose every record failed with each record reason, not Powertools' bare summary", async () => {
    // Prepare
    vi.stubEnv(ENV.deadLetterQueueUrl, 'http://127.0.0.1:1/queue/dead-letters');
    const warnings = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => {});
    const handler = queueConsumer(
      async (record) => {
        throw new Error(`${record.body} timed out`);
      },
      { maxReceiveCount: 3 },
    );

    // Act
    const handling = handler(
      eventOf('page-a', 'page-b'),
      lambdaContext('fetch-article', 'eu-west-1', '0', 30),
    );

    // Assess
    await expect(handling).rejects.toThrow(
      'All 2 records failed: Error: page-a timed out; Error: page-b timed out',
    );
    expect(
      warnings.mock.calls.map(([message, fields]) => [message, (fields as { reason: string }).reason]).sort(),
    ).toEqual([
      ['Record failed; it will be retried', 'Error: page-a timed out'],
      ['Record failed; it will be retried', 'Error: page-b timed out'],
    ]);
  });

  it('reports only the failed records of a batch where some succeeded', async () => {
    // Prepare
    vi.stubEnv(ENV.deadLetterQueueUrl, 'http://127.0.0.1:1/queue/dead-letters');
    const warnings = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => {});
    const handler = queueConsumer(
      async (record) => {
        if (record.body === 'bad') throw new Error('bad page');
      },
      { maxReceiveCount: 3 },
    );

    // Act
    const response = await handler(
      eventOf('good', 'bad'),
      lambdaContext('fetch-article', 'eu-west-1', '0', 30),
    );

    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-2' }] });
    expect(warnings).toHaveBeenCalledTimes(1);
  });

  it('moves a record failing on its last receive to the dead-letter queue with its last error, instead of failing it', async () => {
    // Prepare
    vi.stubEnv(ENV.deadLetterQueueUrl, 'http://127.0.0.1:1/queue/dead-letters');
    vi.spyOn(Logger.prototype, 'error').mockImplementation(() => {});
    const sent: SendMessageCommand[] = [];
    vi.spyOn(sqs, 'send').mockImplementation(async (command) => {
      sent.push(command as SendMessageCommand);
      return {};
    });
    const handler = queueConsumer(
      async () => {
        throw new Error('the site timed out');
      },
      { maxReceiveCount: 3 },
    );

    // Act
    const response = await handler(
      eventReceived(3, 'page'),
      lambdaContext('fetch-article', 'eu-west-1', '0', 30),
    );

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.input).toMatchObject({
      QueueUrl: 'http://127.0.0.1:1/queue/dead-letters',
      MessageBody: 'page',
      MessageAttributes: {
        errorCode: { StringValue: 'retries-exhausted' },
        errorMessage: { StringValue: 'Failed on each of 3 receives; last: Error: the site timed out' },
      },
    });
  });

  it('processes at most recordsAtOnce records of a batch at once, and every record of it', async () => {
    // Prepare
    vi.stubEnv(ENV.deadLetterQueueUrl, 'http://127.0.0.1:1/queue/dead-letters');
    let running = 0;
    let mostRunning = 0;
    const processed: string[] = [];
    const handler = queueConsumer(
      async (record) => {
        running += 1;
        mostRunning = Math.max(mostRunning, running);
        // Yields to the event loop: every record allowed to start has started before this one ends.
        await new Promise((resolve) => setImmediate(resolve));
        processed.push(record.body);
        running -= 1;
      },
      { maxReceiveCount: 3, recordsAtOnce: 3 },
    );

    // Act
    const response = await handler(
      eventOf('p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'),
      lambdaContext('fetch-article', 'eu-west-1', '0', 30),
    );

    // Assess
    expect(mostRunning).toBe(3);
    expect(processed.sort()).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7']);
    expect(response).toEqual({ batchItemFailures: [] });
  });

  it('reports only the failed records when it takes them a few at a time, each failure freeing its place', async () => {
    // Prepare
    vi.stubEnv(ENV.deadLetterQueueUrl, 'http://127.0.0.1:1/queue/dead-letters');
    vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => {});
    const processed: string[] = [];
    const handler = queueConsumer(
      async (record) => {
        await new Promise((resolve) => setImmediate(resolve));
        if (record.body.startsWith('bad')) throw new Error(`${record.body} timed out`);
        processed.push(record.body);
      },
      { maxReceiveCount: 3, recordsAtOnce: 2 },
    );

    // Act
    const response = await handler(
      eventOf('bad-1', 'bad-2', 'good-3', 'bad-4', 'good-5'),
      lambdaContext('fetch-article', 'eu-west-1', '0', 30),
    );

    // Assess
    expect(response).toEqual({
      batchItemFailures: [{ itemIdentifier: 'm-1' }, { itemIdentifier: 'm-2' }, { itemIdentifier: 'm-4' }],
    });
    expect(processed.sort()).toEqual(['good-3', 'good-5']);
  });

  it('refuses a recordsAtOnce that is not a whole number of at least 1', () => {
    // Prepare
    vi.stubEnv(ENV.deadLetterQueueUrl, 'http://127.0.0.1:1/queue/dead-letters');
    const consumerTaking = (recordsAtOnce: number) => () =>
      queueConsumer(async () => {}, { maxReceiveCount: 3, recordsAtOnce });

    // Act and Assess
    expect(consumerTaking(0)).toThrow(RangeError);
    expect(consumerTaking(2.5)).toThrow(RangeError);
  });

  it("gives each record a logger of its own, whose lines carry that record's message id while records interleave", async () => {
    // Prepare: each record logs after the next one has started
    vi.stubEnv(ENV.deadLetterQueueUrl, 'http://127.0.0.1:1/queue/dead-letters');
    const seen: { body: string; messageId: unknown }[] = [];
    const handler = queueConsumer(
      async (record, log) => {
        await new Promise((resolve) => setImmediate(resolve));
        seen.push({ body: record.body, messageId: log.getPersistentLogAttributes().messageId });
      },
      { maxReceiveCount: 3 },
    );

    // Act
    await handler(eventOf('a', 'b', 'c'), lambdaContext('fetch-article', 'eu-west-1', '0', 30));

    // Assess
    expect(seen.sort((x, y) => x.body.localeCompare(y.body))).toEqual([
      { body: 'a', messageId: 'm-1' },
      { body: 'b', messageId: 'm-2' },
      { body: 'c', messageId: 'm-3' },
    ]);
  });
});
