/**
 * A loopback endpoint speaking the AWS JSON 1.0 protocol of @aws-sdk/client-sqs for the calls the
 * functions make (SendMessage, SendMessageBatch, GetQueueUrl), backed by the local runtime's queues.
 * Consumers are not polled through it: the runtime delivers batches to handlers itself, as Lambda's
 * event source mapping does.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type LocalQueue, type MessageAttribute, md5Hex } from '../queues/local-queue.ts';

class SqsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** MD5 of message attributes as SQS computes it, which the SDK checks against its own. */
export function md5OfAttributes(attributes: Record<string, MessageAttribute>): string {
  const parts: Buffer[] = [];
  const lengthPrefixed = (value: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(value.length);
    parts.push(length, value);
  };
  for (const name of Object.keys(attributes).sort()) {
    const attribute = attributes[name] as MessageAttribute;
    lengthPrefixed(Buffer.from(name, 'utf8'));
    lengthPrefixed(Buffer.from(attribute.DataType, 'utf8'));
    const binary = attribute.DataType.startsWith('Binary');
    parts.push(Buffer.from([binary ? 2 : 1]));
    lengthPrefixed(
      binary
        ? Buffer.from(attribute.BinaryValue ?? '', 'base64')
        : Buffer.from(attribute.StringValue ?? '', 'utf8'),
    );
  }
  return md5Hex(Buffer.concat(parts));
}

interface SendEntry {
  Id?: string;
  MessageBody?: string;
  MessageAttributes?: Record<string, MessageAttribute>;
}

function accept(queue: LocalQueue, entry: SendEntry) {
  if (typeof entry.MessageBody !== 'string' || entry.MessageBody.length === 0) {
    throw new SqsError(
      'com.amazonaws.sqs#MissingParameter',
      'The request must contain the parameter MessageBody.',
    );
  }
  if (Buffer.byteLength(entry.MessageBody) > 256 * 1024) {
    throw new SqsError(
      'com.amazonaws.sqs#InvalidParameterValue',
      'Message must be shorter than 262144 bytes.',
    );
  }
  const attributes = entry.MessageAttributes ?? {};
  const message = queue.send(entry.MessageBody, attributes);
  return {
    MessageId: message.messageId,
    MD5OfMessageBody: md5Hex(entry.MessageBody),
    ...(Object.keys(attributes).length > 0 ? { MD5OfMessageAttributes: md5OfAttributes(attributes) } : {}),
  };
}

export interface SqsEndpoint {
  endpoint: string;
  /** The URL a queue of this name has on this endpoint. */
  queueUrl(name: string): string;
  register(queue: LocalQueue): void;
  close(): Promise<void>;
}

export async function startSqsEndpoint(accountId = '000000000000'): Promise<SqsEndpoint> {
  const byUrl = new Map<string, LocalQueue>();
  const queueFor = (url: unknown) => {
    const queue = typeof url === 'string' ? byUrl.get(url) : undefined;
    if (queue === undefined) {
      throw new SqsError(
        'com.amazonaws.sqs#QueueDoesNotExist',
        `The specified queue does not exist: ${String(url)}`,
      );
    }
    return queue;
  };

  const actions: Record<string, (input: Record<string, unknown>) => unknown> = {
    SendMessage: (input) => accept(queueFor(input.QueueUrl), input as SendEntry),
    SendMessageBatch: (input) => {
      const queue = queueFor(input.QueueUrl);
      const entries = (input.Entries as SendEntry[] | undefined) ?? [];
      if (entries.length === 0 || entries.length > 10) {
        throw new SqsError(
          'com.amazonaws.sqs#TooManyEntriesInBatchRequest',
          'A batch holds 1 to 10 entries.',
        );
      }
      if (new Set(entries.map((entry) => entry.Id)).size !== entries.length) {
        throw new SqsError(
          'com.amazonaws.sqs#BatchEntryIdsNotDistinct',
          'Two or more batch entries have the same Id.',
        );
      }
      return { Successful: entries.map((entry) => ({ Id: entry.Id, ...accept(queue, entry) })), Failed: [] };
    },
    // The depth ops read; the local queue holds no in-flight or delayed messages apart from its waiting ones.
    GetQueueAttributes: (input) => ({
      Attributes: { ApproximateNumberOfMessages: String(queueFor(input.QueueUrl).size) },
    }),
    GetQueueUrl: (input) => {
      const queue = [...byUrl.values()].find(({ settings }) => settings.name === input.QueueName);
      if (queue === undefined) {
        throw new SqsError('com.amazonaws.sqs#QueueDoesNotExist', 'The specified queue does not exist.');
      }
      return { QueueUrl: queue.settings.url };
    },
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const reply = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify(body));
      };
      try {
        const target = String(request.headers['x-amz-target'] ?? '');
        const action = actions[target.replace(/^AmazonSQS\./, '')];
        if (action === undefined) {
          throw new SqsError('com.amazonaws.sqs#UnsupportedOperation', `${target} is not supported locally`);
        }
        reply(
          200,
          action(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>),
        );
      } catch (error) {
        if (error instanceof SqsError) reply(error.status, { __type: error.type, message: error.message });
        else reply(500, { __type: 'com.amazonaws.sqs#InternalError', message: (error as Error).message });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    queueUrl: (name) => `${endpoint}/${accountId}/${name}`,
    register: (queue) => byUrl.set(queue.settings.url, queue),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
