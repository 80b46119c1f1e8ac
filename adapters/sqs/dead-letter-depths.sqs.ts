/** DeadLetterDepths from SQS: each queue's ApproximateNumberOfMessages, as CloudWatch's alarms read it. */
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DeadLetterDepth, DeadLetterDepths } from '../../shared/ports/dead-letter-depths.ts';

export interface NamedQueue {
  name: string;
  url: string;
}

/** Reads `name=url,name=url` (the WIREWATCH_DEAD_LETTER_QUEUE_URLS format); throws on a malformed pair. */
export function parseNamedQueues(value: string): NamedQueue[] {
  return value
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0 || at === pair.length - 1) throw new Error(`expected name=url, got "${pair}"`);
      return { name: pair.slice(0, at), url: pair.slice(at + 1) };
    });
}

export class SqsDeadLetterDepths implements DeadLetterDepths {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queues: readonly NamedQueue[],
  ) {}

  async depths(): Promise<DeadLetterDepth[]> {
    return Promise.all(
      this.queues.map(async ({ name, url }) => {
        const { Attributes = {} } = await this.sqs.send(
          new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
        );
        return { queue: name, depth: Number(Attributes.ApproximateNumberOfMessages ?? 0) };
      }),
    );
  }
}
