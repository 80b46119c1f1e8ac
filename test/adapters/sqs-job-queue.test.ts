import type { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqsJobQueue } from '../../adapters/sqs/job-queue.sqs.ts';
import type { LocalQueue } from '../../local/queues/local-queue.ts';
import type { SqsEndpoint } from '../../local/sqs/sqs-endpoint.ts';
import { startLocalSqs } from '../support/local-sqs.ts';

let endpoint: SqsEndpoint;
let queue: LocalQueue;
let sqs: SQSClient;
beforeAll(async () => {
  ({ endpoint, queue, sqs } = await startLocalSqs());
});
afterAll(async () => {
  await endpoint.close();
});

describe('the SQS job queue', () => {
  it('sends any number of jobs as JSON, ten per request, in order', async () => {
    // Prepare
    const jobs = Array.from({ length: 23 }, (_, n) => ({ feedId: `feed-${n}` }));

    // Act
    await new SqsJobQueue(sqs, queue.settings.url).send(jobs);

    // Assess
    expect(queue.list().map(({ body }) => JSON.parse(body))).toEqual(jobs);
  });

  it('sends nothing for no jobs', async () => {
    // Prepare
    const before = queue.size;

    // Act
    await new SqsJobQueue(sqs, queue.settings.url).send([]);

    // Assess
    expect(queue.size).toBe(before);
  });

  it('fails loudly when the queue does not exist', async () => {
    // Act
    const sending = new SqsJobQueue(sqs, endpoint.queueUrl('missing')).send([{ feedId: 'x' }]);

    // Assess
    await expect(sending).rejects.toMatchObject({ name: 'QueueDoesNotExist' });
  });
});
