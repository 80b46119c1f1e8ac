/** AWS-shaped events and contexts, as Lambda hands them to handlers, for the local runtime. */
import { randomUUID } from 'node:crypto';
import type { Context, ScheduledEvent, SQSEvent, SQSMessageAttributes } from 'aws-lambda';
import { type MessageAttribute, md5Hex, type QueuedMessage } from './queues/local-queue.ts';

export function scheduledEvent(
  ruleArn: string,
  region: string,
  account: string,
  at = new Date(),
): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account,
    time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [ruleArn],
    detail: {},
  };
}

function messageAttributes(attributes: Record<string, MessageAttribute>): SQSMessageAttributes {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      {
        dataType: value.DataType,
        stringValue: value.StringValue,
        binaryValue: value.BinaryValue,
        stringListValues: [],
        binaryListValues: [],
      },
    ]),
  );
}

export function sqsEvent(messages: readonly QueuedMessage[], queueArn: string, region: string): SQSEvent {
  return {
    Records: messages.map((message) => ({
      messageId: message.messageId,
      receiptHandle: `${message.messageId}#${message.receiveCount}`,
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentAt),
        SenderId: 'AIDALOCALRUNTIME',
        ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
      },
      messageAttributes: messageAttributes(message.attributes),
      md5OfBody: md5Hex(message.body),
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: region,
    })),
  };
}

export function lambdaContext(
  functionName: string,
  region: string,
  account: string,
  timeoutSeconds: number,
): Context {
  const deadline = Date.now() + timeoutSeconds * 1000;
  const unsupported = () => {
    throw new Error('Callback-style completion is not supported; return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${account}:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/${functionName}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}
