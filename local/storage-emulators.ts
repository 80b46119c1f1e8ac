/**
 * DynamoDB (dynalite) and S3 (s3rver) in a worker thread of this process (storage-emulators-thread.ts):
 * the same emulators on the same loopback endpoints, but their share of each request's work runs on
 * another core than the handlers, which call them over HTTP as before. In one process still, so its
 * peak RSS counts them. S3 events come back as messages and are emitted on `s3Events` as s3rver
 * emits them; `settled()` waits until every event of a request already answered has been emitted.
 */
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type {
  FromStorageEmulators,
  StorageEmulatorsSettings,
  ToStorageEmulators,
} from './storage-emulators-thread.ts';
import { threadCpuMs } from './thread-cpu-time.ts';

export interface StorageEmulators {
  endpoints: { dynamodb: string; s3: string };
  /** Emits 'event' for each S3 event, object keys not encoded, as s3rver does. */
  s3Events: EventEmitter;
  settled(): Promise<void>;
  /** Milliseconds of CPU the emulators' thread has used, or null where threads cannot be told apart. */
  cpuMs(): number | null;
  close(): Promise<void>;
}

/**
 * A worker does not inherit the TypeScript loader the process registered, so it registers its own
 * (tsx's, as bin/wirewatch.js does) before it imports the entry.
 */
function workerSource(entry: URL): string {
  const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(join(tsxRoot, 'dist/esm/api/index.mjs')).href;
  return `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
}

/**
 * The thread's young generation, where V8 puts new objects: by default it grows to 32 MB in each
 * thread, most of it garbage from requests already answered. The emulators keep little between
 * requests, so a smaller one costs some more minor collections on the thread's own core and keeps
 * the process's peak RSS about 24 MB lower (bench e2e, docs/performance.md).
 */
const STORAGE_THREAD_YOUNG_GENERATION_MB = 8;

/**
 * The thread's old generation at most. What the emulators keep alive is small (the table is in
 * LevelDB, the bucket on disk: about 30–45 MB of heap after a collection), and under a limit of this
 * size V8 lets the heap grow to 1.3 times what survives a collection instead of up to 4 times, so the
 * thread's heap stays near its live size (bench e2e, docs/performance.md).
 */
const STORAGE_THREAD_OLD_GENERATION_MB = 256;

export async function startStorageEmulators(settings: StorageEmulatorsSettings): Promise<StorageEmulators> {
  const worker = new Worker(workerSource(new URL('./storage-emulators-thread.ts', import.meta.url)), {
    eval: true,
    workerData: settings,
    resourceLimits: {
      maxYoungGenerationSizeMb: STORAGE_THREAD_YOUNG_GENERATION_MB,
      maxOldGenerationSizeMb: STORAGE_THREAD_OLD_GENERATION_MB,
    },
  });
  const s3Events = new EventEmitter();
  const flushes = new Map<number, () => void>();
  let nextFlush = 0;
  let whenClosed: (() => void) | null = null;
  const send = (message: ToStorageEmulators) => worker.postMessage(message);

  const { endpoints, threadTaskId } = await new Promise<{
    endpoints: StorageEmulators['endpoints'];
    threadTaskId: string | null;
  }>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The storage emulators' thread exited (${code})`)));
    worker.on('message', (message: FromStorageEmulators) => {
      if (message.type === 'ready') resolve(message);
      else if (message.type === 's3-event') s3Events.emit('event', message.event);
      else if (message.type === 'flushed') flushes.get(message.id)?.();
      else whenClosed?.();
    });
  });
  // Past start-up, an error in the thread is left unhandled: a failed runtime, as a failed server in
  // this thread would be.
  worker.removeAllListeners('error').removeAllListeners('exit');

  return {
    endpoints,
    s3Events,
    cpuMs: () => (threadTaskId === null ? null : threadCpuMs(threadTaskId)),
    settled() {
      const id = nextFlush++;
      return new Promise<void>((resolve) => {
        flushes.set(id, () => {
          flushes.delete(id);
          resolve();
        });
        send({ type: 'flush', id });
      });
    },
    async close() {
      await new Promise<void>((resolve) => {
        whenClosed = resolve;
        send({ type: 'close' });
      });
      await worker.terminate();
    },
  };
}
