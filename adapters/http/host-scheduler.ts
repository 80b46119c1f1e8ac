/**
 * Per-host admission for outgoing requests: at most `maxConcurrent` in flight to one host, and request
 * starts to one host spaced at least `minGapMs` apart, so a feed burst never hammers a single site.
 */

import { setTimeout as sleepFor } from 'node:timers/promises';

export interface HostSchedulerOptions {
  readonly maxConcurrent: number;
  readonly minGapMs: number;
  /** Injectable for tests; defaults to the wall clock and a timer. */
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Gives the slot back; calling it more than once has no further effect. */
export type ReleaseSlot = () => void;

interface HostLane {
  active: number;
  readonly waiting: Array<() => void>;
  /** Earliest moment the next request to this host may start. */
  nextStartAt: number;
}

export class HostScheduler {
  private readonly lanes = new Map<string, HostLane>();
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;

  constructor(private readonly options: HostSchedulerOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms, signal) => sleepFor(ms, undefined, { signal }));
  }

  /** Waits for a slot to `host`, then for the politeness gap; rejects with the signal's reason on abort. */
  async acquire(host: string, signal: AbortSignal): Promise<ReleaseSlot> {
    signal.throwIfAborted();
    const lane = this.laneFor(host);
    if (lane.active < this.options.maxConcurrent) lane.active++;
    else await this.waitForHandOver(lane, signal);
    const release = this.releaserFor(host, lane);
    const startAt = Math.max(this.now(), lane.nextStartAt);
    lane.nextStartAt = startAt + this.options.minGapMs;
    const delay = startAt - this.now();
    if (delay > 0) {
      try {
        await this.sleep(delay, signal);
      } catch (error) {
        release();
        throw error;
      }
    }
    return release;
  }

  private laneFor(host: string): HostLane {
    let lane = this.lanes.get(host);
    if (lane === undefined) {
      lane = { active: 0, waiting: [], nextStartAt: 0 };
      this.lanes.set(host, lane);
    }
    return lane;
  }

  /** A releasing request hands its slot straight to the first waiter, so no newcomer can jump the queue. */
  private waitForHandOver(lane: HostLane, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        lane.waiting.splice(lane.waiting.indexOf(handOver), 1);
        reject(signal.reason);
      };
      const handOver = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      lane.waiting.push(handOver);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private releaserFor(host: string, lane: HostLane): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = lane.waiting.shift();
      if (next !== undefined) return next();
      lane.active--;
      // An idle lane is forgotten once its politeness gap has passed; until then it still spaces starts.
      if (lane.active === 0 && this.now() >= lane.nextStartAt) this.lanes.delete(host);
    };
  }
}
