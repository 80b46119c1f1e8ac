/**
 * The AWS services wirewatch uses, emulated in this process on 127.0.0.1 with port 0: DynamoDB
 * (dynalite), S3 (s3rver), SNS (local/sns) and the SQS send API (local/sqs). With a state directory
 * everything persists between runs (the queues, kept by local-pipeline.ts, too); without one it lives
 * in memory and a temp folder.
 */
import type { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { closeDynaliteIterators } from './dynalite-iterators.ts';
import { type SnsEmulator, startSnsEmulator } from './sns/sns-emulator.ts';
import { type SqsEndpoint, startSqsEndpoint } from './sqs/sqs-endpoint.ts';

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT = '000000000000';
/** s3rver accepts only its own key pair; the other emulators accept any. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface LocalAwsOptions {
  /** Where state persists between runs; null for a throw-away run. */
  stateDir: string | null;
  outboxDir: string;
  bucketName: string;
}

export interface LocalAws {
  endpoints: { dynamodb: string; s3: string; sns: string; sqs: string };
  /** Emits 'event' for each S3 event, object keys not encoded, as s3rver does (also moto-aws.ts). */
  s3: Pick<EventEmitter, 'on'>;
  sns: SnsEmulator;
  sqs: SqsEndpoint;
  close(): Promise<void>;
}

const listen = (server: Server) =>
  new Promise<string>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });

export async function startLocalAws(options: LocalAwsOptions): Promise<LocalAws> {
  const { stateDir } = options;
  if (stateDir !== null) await mkdir(stateDir, { recursive: true });
  const s3Dir = stateDir === null ? await mkdtemp(join(tmpdir(), 'wirewatch-s3-')) : join(stateDir, 's3');
  await mkdir(options.outboxDir, { recursive: true });

  closeDynaliteIterators();
  const dynamodbServer = dynalite({
    createTableMs: 0,
    ...(stateDir === null ? {} : { path: join(stateDir, 'dynamodb') }),
  });
  const dynamodbEndpoint = await listen(dynamodbServer);
  const s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: s3Dir,
    resetOnClose: stateDir === null,
    configureBuckets: [{ name: options.bucketName }],
  });
  const s3Address = await s3.run();
  const sns = await startSnsEmulator({
    outboxDir: options.outboxDir,
    region: LOCAL_REGION,
    accountId: LOCAL_ACCOUNT,
    ...(stateDir === null
      ? {}
      : { stateFile: join(stateDir, 'sns.json'), pendingDir: join(stateDir, 'sns-pending') }),
  });
  const sqs = await startSqsEndpoint(LOCAL_ACCOUNT);

  return {
    endpoints: {
      dynamodb: dynamodbEndpoint,
      s3: `http://127.0.0.1:${s3Address.port}`,
      sns: sns.endpoint,
      sqs: sqs.endpoint,
    },
    s3,
    sns,
    sqs,
    async close() {
      await sns.idle();
      await Promise.all([
        new Promise<void>((resolve) => dynamodbServer.close(() => resolve())),
        s3.close(),
        sns.close(),
        sqs.close(),
      ]);
      if (stateDir === null) await rm(s3Dir, { recursive: true, force: true });
    },
  };
}
