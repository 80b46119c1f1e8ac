/** Per-host admission: concurrency cap, queue order, politeness gap and giving up on a deadline. */

import { describe, expect, it } from 'vitest';
import { HostScheduler } from '../../adapters/http/host-scheduler.ts';

/** A clock that only moves when the scheduler sleeps, so the test sees every gap it asks for. */
function fakeTime() {
  const sleeps: number[] = [];
  let now = 1_000;
  return {
    sleeps,
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

describe('HostScheduler', () => {
  it('admits at most maxConcurrent requests per host and queues the rest in order', async () => {
    // Prepare
    const scheduler = new HostScheduler({ maxConcurrent: 2, minGapMs: 0 });
    const signal = new AbortController().signal;
    const admitted: string[] = [];
    const releases = await Promise.all([
      scheduler.acquire('a.example', signal),
      scheduler.acquire('a.example', signal),
    ]);
    const third = scheduler.acquire('a.example', signal).then((release) => {
      admitted.push('third');
      return release;
    });
    const otherHost = await scheduler.acquire('b.example', signal);
    await Promise.resolve();

    // Act
    const queuedBeforeRelease = [...admitted];
    releases[0]?.();
    await third;

    // Assess
    expect(queuedBeforeRelease).toEqual([]);
    expect(admitted).toEqual(['third']);
    expect(otherHost).toBeTypeOf('function');
  });

  it('spaces request starts to one host by the politeness gap', async () => {
    // Prepare
    const time = fakeTime();
    const scheduler = new HostScheduler({ maxConcurrent: 5, minGapMs: 250, ...time });
    const signal = new AbortController().signal;

    // Act
    await scheduler.acquire('a.example', signal);
    await scheduler.acquire('a.example', signal);
    await scheduler.acquire('b.example', signal);
    await scheduler.acquire('a.example', signal);

    // Assess
    expect(time.sleeps).toEqual([250, 250]);
  });

  it('lets a queued request give up when its deadline passes', async () => {
    // Prepare
    const scheduler = new HostScheduler({ maxConcurrent: 1, minGapMs: 0 });
    const holder = await scheduler.acquire('a.example', new AbortController().signal);
    const deadline = new AbortController();
    const waiting = scheduler.acquire('a.example', deadline.signal);

    // Act
    deadline.abort(new Error('deadline passed'));

    // Assess
    await expect(waiting).rejects.toThrow('deadline passed');
    holder();
    const next = await scheduler.acquire('a.example', new AbortController().signal);
    expect(next).toBeTypeOf('function');
  });
});
