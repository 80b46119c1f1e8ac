/**
 * The one place that decides which implementation of the AWS APIs the integration suites run on,
 * from WIREWATCH_TEST_BACKEND:
 * - `emulators` (the default): dynalite, and the local runtime's SQS endpoint, in this process;
 * - `moto`: the moto_server that moto-global-setup.ts starts once for the whole run. Test files run
 *   in parallel against it, so every table and queue gets a name of its own and is deleted after.
 * Suites ask for a table or a queue here and are written once for both.
 */
import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import type { TableClient } from '../../adapters/dynamodb/table-client.ts';
import { createTable } from '../../local/create-resources.ts';
import { startLocalSqs } from './local-sqs.ts';
import { startLocalTable } from './local-table.ts';

export type TestBackend = 'emulators' | 'moto';

export const BACKEND_VARIABLE = 'WIREWATCH_TEST_BACKEND';

export function testBackendFrom(value: string | undefined): TestBackend {
  if (value === undefined || value === '' || value === 'emulators') return 'emulators';
  if (value === 'moto') return 'moto';
  throw new Error(`${BACKEND_VARIABLE} must be "emulators" (the default) or "moto", not "${value}"`);
}

export const TEST_BACKEND: TestBackend = testBackendFrom(process.env[BACKEND_VARIABLE]);

/** moto accepts any credentials; its account id is 123456789012. */
const MOTO_CLIENT = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };

/** Client settings for the run's moto_server; SDK retries off, so a failing call fails at once. */
export function motoClientConfig() {
  return { ...MOTO_CLIENT, endpoint: motoEndpoint(), maxAttempts: 1 };
}

function motoEndpoint(): string {
  const endpoint = inject('motoEndpoint');
  if (endpoint === undefined) {
    throw new Error(
      `${BACKEND_VARIABLE}=moto, but no moto_server was started (vitest.config.ts's globalSetup starts it)`,
    );
  }
  return endpoint;
}

const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export type TestTable = TableClient & { endpoint: string; close(): Promise<void> };

/** A table with the CDK definitions' keys and indexes, on the chosen backend, removed by close(). */
export async function startTestTable(): Promise<TestTable> {
  if (TEST_BACKEND === 'emulators') return startLocalTable();
  const endpoint = motoEndpoint();
  const raw = new DynamoDBClient({ ...MOTO_CLIENT, endpoint });
  const tableName = uniqueName('wirewatch-test');
  await createTable(raw, tableName);
  return {
    client: DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } }),
    tableName,
    endpoint,
    async close() {
      await raw.send(new DeleteTableCommand({ TableName: tableName }));
      raw.destroy();
    },
  };
}

export interface TestQueue {
  sqs: SQSClient;
  url: string;
  /** The URL a queue that does not exist would have on the same endpoint. */
  missingQueueUrl: string;
  /** Every message body waiting in the queue, in the order received; the queue is empty after. */
  takeAll(): Promise<string[]>;
  close(): Promise<void>;
}

/** An empty standard queue on the chosen backend, with an SQS client pointed at its endpoint. */
export async function startTestQueue(): Promise<TestQueue> {
  if (TEST_BACKEND === 'emulators') {
    const { endpoint, queue, sqs } = await startLocalSqs();
    return {
      sqs,
      url: queue.settings.url,
      missingQueueUrl: endpoint.queueUrl('missing'),
      async takeAll() {
        const bodies: string[] = [];
        for (let batch = queue.receive(); batch.length > 0; batch = queue.receive()) {
          for (const message of batch) {
            bodies.push(message.body);
            queue.acknowledge(message.messageId);
          }
        }
        return bodies;
      },
      async close() {
        sqs.destroy();
        await endpoint.close();
      },
    };
  }
  const sqs = new SQSClient({ ...MOTO_CLIENT, endpoint: motoEndpoint() });
  const name = uniqueName('jobs');
  const { QueueUrl: url } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  if (url === undefined) throw new Error('CreateQueue returned no QueueUrl');
  return {
    sqs,
    url,
    missingQueueUrl: url.replace(name, 'missing'),
    async takeAll() {
      const bodies: string[] = [];
      for (;;) {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 60 }),
        );
        if (Messages.length === 0) return bodies;
        bodies.push(...Messages.map(({ Body }) => Body ?? ''));
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: url,
            Entries: Messages.map(({ ReceiptHandle }, n) => ({ Id: String(n), ReceiptHandle })),
          }),
        );
      }
    },
    async close() {
      await sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
      sqs.destroy();
    },
  };
}
