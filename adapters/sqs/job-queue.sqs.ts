/**
 * JobQueue on SQS: jobs as JSON message bodies, sent in batches of ten. Entries SQS failed on its side
 * are sent again; an entry it rejected as malformed (a sender fault) is a bug and throws at once.
 */
import {
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { JobQueue } from '../../shared/ports/job-queue.ts';

const MAX_ATTEMPTS = 5;

export class SqsJobQueue<Job> implements JobQueue<Job> {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(jobs: readonly Job[]): Promise<void> {
    for (let start = 0; start < jobs.length; start += 10) {
      let entries: SendMessageBatchRequestEntry[] = jobs
        .slice(start, start + 10)
        .map((job, index) => ({ Id: String(start + index), MessageBody: JSON.stringify(job) }));
      for (let attempt = 1; entries.length > 0; attempt += 1) {
        const { Failed = [] } = await this.sqs.send(
          new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }),
        );
        const rejected = Failed.filter((failure) => failure.SenderFault);
        if (rejected.length > 0 || (Failed.length > 0 && attempt === MAX_ATTEMPTS)) {
          const reasons = (rejected.length > 0 ? rejected : Failed).map(
            (f) => `${f.Code}: ${f.Message ?? ''}`,
          );
          throw new Error(`SQS did not accept ${Failed.length} jobs: ${reasons.join('; ')}`);
        }
        const retry = new Set(Failed.map((failure) => failure.Id));
        entries = entries.filter((entry) => retry.has(entry.Id));
      }
    }
  }
}
