/** A stopped local run's table, opened with a fresh dynalite on its state directory, for tests to read. */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import type { TableClient } from '../../adapters/dynamodb/table-client.ts';
import { LOCAL_NAMES } from '../../local/local-pipeline.ts';

export async function openStateTable(
  stateDir: string,
): Promise<{ table: TableClient; close: () => Promise<void> }> {
  const server = dynalite({ path: join(stateDir, 'dynamodb') });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    }),
  );
  return {
    table: { client, tableName: LOCAL_NAMES.table },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
