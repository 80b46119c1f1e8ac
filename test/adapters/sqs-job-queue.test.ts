import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqsJobQueue } from '../../adapters/sqs/job-queue.sqs.ts';
import { LocalQueue } from '../../local/queues/local-queue.ts';
import { type SqsEndpoint, startSqsEndpoint } from '../../local/sqs/sqs-endpoint.ts';

let endpoint: SqsEndpoint;
let queue: LocalQueue;
let sqs: SQSClient;
beforeAll(async () => {
  endpoint = await startSqsEndpoint();
  queue = new LocalQueue({
    name: 'jobs',
    url: endpoint.queueUrl('jobs'),
    arn: 'arn:aws:sqs:us-east-1:000000000000:jobs',
    batchSize: 10,
    maxReceiveCount: 3,
    retryDelayMs: 100,
  });
  endpoint.register(queue);
  sqs = new SQSClient({
    endpoint: endpoint.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
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
