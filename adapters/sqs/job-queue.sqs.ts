/** JobQueue on SQS: jobs as JSON message bodies, sent in batches of ten, failed entries retried. */
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { JobQueue } from '../../shared/ports/job-queue.ts';

const MAX_ATTEMPTS = 5;

export class SqsJobQueue<Job> implements JobQueue<Job> {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(jobs: readonly Job[]): Promise<void> {
    for (let start = 0; start < jobs.length; start += 10) {
      let entries = jobs.slice(start, start + 10).map((job, index) => ({
        Id: String(start + index),
        MessageBody: JSON.stringify(job),
      }));
      for (let attempt = 1; entries.length > 0; attempt += 1) {
        const { Failed = [] } = await this.sqs.send(
          new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }),
        );
        if (Failed.length > 0 && attempt === MAX_ATTEMPTS) {
          throw new Error(
            `SQS refused ${Failed.length} jobs: ${Failed.map((f) => f.Message ?? f.Code).join('; ')}`,
          );
        }
        const failedIds = new Set(Failed.filter((f) => !f.SenderFault).map((f) => f.Id));
        const senderFaults = Failed.filter((f) => f.SenderFault);
        if (senderFaults.length > 0) {
          throw new Error(`SQS rejected jobs: ${senderFaults.map((f) => f.Message ?? f.Code).join('; ')}`);
        }
        entries = entries.filter((entry) => failedIds.has(entry.Id));
      }
    }
  }
}
