/** A throw-away dynalite table made from the CDK definitions, for adapter tests. */
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import type { TableClient } from '../../adapters/dynamodb/table-client.ts';
import { createTable } from '../../local/create-resources.ts';

export async function startLocalTable(): Promise<TableClient & { endpoint: string; close(): Promise<void> }> {
  const server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const raw = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  await createTable(raw, 'wirewatch-test');
  return {
    client: DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } }),
    tableName: 'wirewatch-test',
    endpoint,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
