/** A local SQS endpoint with one queue, and a real SQS client pointed at it, for tests. */
import { SQSClient } from '@aws-sdk/client-sqs';
import { LocalQueue } from '../../local/queues/local-queue.ts';
import { type SqsEndpoint, startSqsEndpoint } from '../../local/sqs/sqs-endpoint.ts';

export async function startLocalSqs(): Promise<{ endpoint: SqsEndpoint; queue: LocalQueue; sqs: SQSClient }> {
  const endpoint = await startSqsEndpoint();
  const queue = new LocalQueue({
    name: 'jobs',
    url: endpoint.queueUrl('jobs'),
    arn: 'arn:aws:sqs:us-east-1:000000000000:jobs',
    batchSize: 10,
    maxReceiveCount: 3,
    retryDelayMs: 100,
  });
  endpoint.register(queue);
  const sqs = new SQSClient({
    endpoint: endpoint.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  return { endpoint, queue, sqs };
}
