/**
 * The entry of the worker thread that runs the storage emulators, DynamoDB (dynalite) and S3
 * (s3rver), on 127.0.0.1 with port 0, so that their request handling (validation, expression
 * parsing, LevelDB, files) runs on another core than the handlers that call them. Started by
 * storage-emulators.ts, which it answers through its parent port:
 * - `{type: 'ready', endpoints}` once both listen; `{type: 's3-event', event}` for each S3 event,
 *   posted before the request that caused it is answered;
 * - `{type: 'flushed', id}` for each `{type: 'flush', id}`: every event posted before it has arrived;
 * - `{type: 'closed'}` once both servers are closed, after `{type: 'close'}`.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { closeDynaliteIterators } from './dynalite-iterators.ts';
import { boundDynaliteLevelDb } from './dynalite-leveldb.ts';
import { cacheDynaliteTables } from './dynalite-table-cache.ts';
import { currentThreadTaskId } from './thread-cpu-time.ts';

export interface StorageEmulatorsSettings {
  /** dynalite's LevelDB folder; null keeps the table in memory. */
  dynamodbPath: string | null;
  s3Dir: string;
  resetS3OnClose: boolean;
  bucketName: string;
}

export type ToStorageEmulators = { type: 'flush'; id: number } | { type: 'close' };

export type FromStorageEmulators =
  | { type: 'ready'; endpoints: { dynamodb: string; s3: string }; threadTaskId: string | null }
  | { type: 's3-event'; event: unknown }
  | { type: 'flushed'; id: number }
  | { type: 'closed' };

const listen = (server: Server) =>
  new Promise<string>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });

const port = parentPort;
if (port === null) throw new Error('storage-emulators-thread.ts runs only as a worker thread');
const post = (message: FromStorageEmulators) => port.postMessage(message);
const settings = workerData as StorageEmulatorsSettings;

closeDynaliteIterators();
cacheDynaliteTables();
boundDynaliteLevelDb();
const dynamodbServer = dynalite({
  createTableMs: 0,
  ...(settings.dynamodbPath === null ? {} : { path: settings.dynamodbPath }),
});
const dynamodbEndpoint = await listen(dynamodbServer);
const s3 = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory: settings.s3Dir,
  resetOnClose: settings.resetS3OnClose,
  configureBuckets: [{ name: settings.bucketName }],
});
// s3rver emits an object's event before it answers the request that stored it.
s3.on('event', (event: unknown) => post({ type: 's3-event', event }));
const s3Address = await s3.run();

port.on('message', async (message: ToStorageEmulators) => {
  if (message.type === 'flush') {
    post({ type: 'flushed', id: message.id });
    return;
  }
  await Promise.all([new Promise<void>((resolve) => dynamodbServer.close(() => resolve())), s3.close()]);
  post({ type: 'closed' });
  port.close();
});
post({
  type: 'ready',
  endpoints: { dynamodb: dynamodbEndpoint, s3: `http://127.0.0.1:${s3Address.port}` },
  threadTaskId: currentThreadTaskId(),
});
