/**
 * The AWS services wirewatch uses, emulated in this process on 127.0.0.1 with port 0: DynamoDB
 * (dynalite) and S3 (s3rver) in a worker thread of their own (storage-emulators.ts), so their work
 * runs on another core than the handlers'; SNS (local/sns) and the SQS send API (local/sqs) in this
 * thread, beside the queues and the outbox they feed. With a state directory everything persists
 * between runs (the queues, kept by local-pipeline.ts, too); without one it lives in memory and a
 * temp folder.
 */
import type { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SnsEmulator, startSnsEmulator } from './sns/sns-emulator.ts';
import { type SqsEndpoint, startSqsEndpoint } from './sqs/sqs-endpoint.ts';
import { startStorageEmulators } from './storage-emulators.ts';

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT = '000000000000';
/** s3rver accepts only its own key pair; the other emulators accept any. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface LocalAwsOptions {
  /** Where state persists between runs; null for a throw-away run. */
  stateDir: string | null;
  outboxDir: string;
  bucketName: string;
  /** Whether the SNS emulator keeps every email in `sns.emails` (default true; see SnsEmulatorOptions). */
  keepEmails?: boolean;
}

export interface LocalAws {
  endpoints: { dynamodb: string; s3: string; sns: string; sqs: string };
  /** Emits 'event' for each S3 event, object keys not encoded, as s3rver does (also moto-aws.ts). */
  s3: Pick<EventEmitter, 'on'>;
  sns: SnsEmulator;
  sqs: SqsEndpoint;
  /**
   * Resolves once every S3 event of a request already answered has been emitted, where events come
   * from elsewhere than the thread that made the request; absent where they are emitted before the
   * answer arrives.
   */
  settled?(): Promise<void>;
  /**
   * Milliseconds of CPU the emulators have used in threads of their own within this process, so a
   * measurement can leave them out; absent where they run elsewhere (moto, in its own process).
   */
  emulatorThreadCpuMs?(): number | null;
  close(): Promise<void>;
}

export async function startLocalAws(options: LocalAwsOptions): Promise<LocalAws> {
  const { stateDir } = options;
  if (stateDir !== null) await mkdir(stateDir, { recursive: true });
  const s3Dir = stateDir === null ? await mkdtemp(join(tmpdir(), 'wirewatch-s3-')) : join(stateDir, 's3');
  await mkdir(options.outboxDir, { recursive: true });

  const storage = await startStorageEmulators({
    dynamodbPath: stateDir === null ? null : join(stateDir, 'dynamodb'),
    s3Dir,
    resetS3OnClose: stateDir === null,
    bucketName: options.bucketName,
  });
  const sns = await startSnsEmulator({
    outboxDir: options.outboxDir,
    region: LOCAL_REGION,
    accountId: LOCAL_ACCOUNT,
    keepEmails: options.keepEmails ?? true,
    ...(stateDir === null
      ? {}
      : { stateFile: join(stateDir, 'sns.json'), pendingDir: join(stateDir, 'sns-pending') }),
  });
  const sqs = await startSqsEndpoint(LOCAL_ACCOUNT);

  return {
    endpoints: { ...storage.endpoints, sns: sns.endpoint, sqs: sqs.endpoint },
    s3: storage.s3Events,
    sns,
    sqs,
    settled: () => storage.settled(),
    emulatorThreadCpuMs: () => storage.cpuMs(),
    async close() {
      await sns.idle();
      await Promise.all([storage.close(), sns.close(), sqs.close()]);
      if (stateDir === null) await rm(s3Dir, { recursive: true, force: true });
    },
  };
}
