import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger } from '../../functions/commons/observability.ts';
import { queueConsumer } from '../../functions/commons/queue-consumer.ts';
import { ENV } from '../../infra/resource-definitions.ts';
import { lambdaContext } from '../../local/lambda-events.ts';

function eventOf(...bodies: string[]): SQSEvent {
  return {
    Records: bodies.map(
      (body, index) =>
        ({
          messageId: `m-${index + 1}`,
          body,
          eventSource: 'aws:sqs',
          eventSourceARN: 'arn:aws:sqs:eu-west-1:000000000000:jobs',
          attributes: { ApproximateReceiveCount: '1' },
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
    const warnings = vi.spyOn(logger, 'warn').mockImplementation(() => {});
    const handler = queueConsumer(async (record) => {
      throw new Error(`${record.body} timed out`);
    });

    // Act
    const handling = handler(
      eventOf('page-a', 'page-b'),
      lambdaContext('fetch-article', 'eu-west-1', '0', 30),
    );

    // Assess
    await expect(handling).rejects.toThrow(
      'All 2 records failed: Error: page-a timed out; Error: page-b timed out',
    );
    expect(warnings.mock.calls.map(([message]) => message).sort()).toEqual([
      'Record failed; it will be retried: Error: page-a timed out',
      'Record failed; it will be retried: Error: page-b timed out',
    ]);
  });

  it('reports only the failed records of a batch where some succeeded', async () => {
    // Prepare
    vi.stubEnv(ENV.deadLetterQueueUrl, 'http://127.0.0.1:1/queue/dead-letters');
    const warnings = vi.spyOn(logger, 'warn').mockImplementation(() => {});
    const handler = queueConsumer(async (record) => {
      if (record.body === 'bad') throw new Error('bad page');
    });

    // Act
    const response = await handler(
      eventOf('good', 'bad'),
      lambdaContext('fetch-article', 'eu-west-1', '0', 30),
    );

    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-2' }] });
    expect(warnings).toHaveBeenCalledTimes(1);
  });
});
