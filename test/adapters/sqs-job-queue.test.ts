import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqsJobQueue } from '../../adapters/sqs/job-queue.sqs.ts';
import { startTestQueue, type TestQueue } from '../support/test-backend.ts';

let queue: TestQueue;
beforeAll(async () => {
  queue = await startTestQueue();
});
afterAll(async () => {
  await queue.close();
});

describe('the SQS job queue', () => {
  it('sends any number of jobs as JSON, ten per request, in order', async () => {
    // Prepare
    const jobs = Array.from({ length: 23 }, (_, n) => ({ feedId: `feed-${n}` }));

    // Act
    await new SqsJobQueue(queue.sqs, queue.url).send(jobs);

    // Assess
    expect((await queue.takeAll()).map((body) => JSON.parse(body))).toEqual(jobs);
  });

  it('sends nothing for no jobs', async () => {
    // Act
    await new SqsJobQueue(queue.sqs, queue.url).send([]);

    // Assess
    expect(await queue.takeAll()).toEqual([]);
  });

  it('fails loudly when the queue does not exist', async () => {
    // Act
    const sending = new SqsJobQueue(queue.sqs, queue.missingQueueUrl).send([{ feedId: 'x' }]);

    // Assess
    await expect(sending).rejects.toMatchObject({ name: 'QueueDoesNotExist' });
  });
});
