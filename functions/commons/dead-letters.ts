/**
 * Moves a poison message to the consuming function's dead-letter queue at once, with its reason as
 * message attributes, instead of letting it be retried until SQS gives up on it without one. The body
 * is kept as it was, so a redrive (`aws sqs start-message-move-task`) replays it unchanged.
 */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import type { PermanentJobError } from '../../shared/pipeline/jobs.ts';

export class DeadLetterQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(record: SQSRecord, error: PermanentJobError): Promise<void> {
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: record.body,
        MessageAttributes: {
          errorCode: { DataType: 'String', StringValue: error.code },
          errorMessage: { DataType: 'String', StringValue: error.message.slice(0, 1000) },
          sourceQueue: { DataType: 'String', StringValue: record.eventSourceARN },
          sourceMessageId: { DataType: 'String', StringValue: record.messageId },
        },
      }),
    );
  }
}
