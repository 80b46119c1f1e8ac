/**
 * CPU time by thread. The local runtime runs the storage emulators in a worker thread of its own
 * process, so process.cpuUsage() would charge each handler for the emulators' work too: on AWS that
 * work is DynamoDB's and S3's, not the function's. Linux reports each thread's time on CPU, in
 * nanoseconds, in /proc/<pid>/task/<tid>/schedstat, which is how the emulators' share is taken out.
 * V8's own helper threads (garbage collection, compilation) stay counted: on Lambda they use the
 * function's CPU too.
 */
import { readFileSync, readlinkSync } from 'node:fs';

/** The calling thread's task id, for threadCpuMs (null where the system does not say). */
export function currentThreadTaskId(): string | null {
  try {
    // '/proc/thread-self' links to '<pid>/task/<tid>'.
    return readlinkSync('/proc/thread-self').split('/').at(-1) ?? null;
  } catch {
    return null;
  }
}

/** Milliseconds of CPU a thread of this process has used, or null when it cannot be read. */
export function threadCpuMs(taskId: string): number | null {
  try {
    const onCpuNs = Number(readFileSync(`/proc/self/task/${taskId}/schedstat`, 'utf8').split(' ', 1)[0]);
    return Number.isFinite(onCpuNs) ? onCpuNs / 1e6 : null;
  } catch {
    return null;
  }
}
