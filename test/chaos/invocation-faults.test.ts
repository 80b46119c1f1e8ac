/**
 * Invocations cut short by the chaos run: nothing runs after the kill, the runtime hears why, and an
 * alert SNS accepted before the process died is booked as the one duplicate nobody can prevent.
 */
import { describe, expect, it } from 'vitest';
import type { AwsCall } from '../../local/chaos/aws-faults.ts';
import { InvocationFaults, InvocationKilled, type KillPlan } from '../../local/chaos/invocation-faults.ts';
import type { QueuedMessage } from '../../local/queues/local-queue.ts';

const batchOf = (size: number) =>
  Array.from({ length: size }, (_, index) => ({ messageId: `m-${index}`, body: '{}' }) as QueuedMessage);

const publish = (alertId: string): AwsCall => ({
  service: 'sns',
  command: 'PublishCommand',
  input: { Message: JSON.stringify({ default: JSON.stringify({ alertId }), email: 'text' }) },
});
const mark = (articleId: string, ruleId: string): AwsCall => ({
  service: 'dynamodb',
  command: 'UpdateItemCommand',
  input: {
    Key: { pk: `ARTICLE#${articleId}`, sk: `ALERT#${ruleId}` },
    ExpressionAttributeValues: { ':published': 'published' },
  },
});
const read: AwsCall = { service: 'dynamodb', command: 'GetItemCommand', input: {} };

/** Makes `attempts` attempts of `call` as the SDK would, stopping at the first one the faults refuse. */
function attemptAll(faults: InvocationFaults, call: AwsCall, attempts: number): unknown {
  try {
    for (let count = 0; count < attempts; count++) {
      faults.beforeAttempt(call);
      faults.afterAttempt(call);
    }
    return null;
  } catch (error) {
    return error;
  }
}

describe('invocations cut short', () => {
  it('fails every call after the kill and tells the runtime why', () => {
    // Prepare
    const faults = new InvocationFaults(1, { kill: 1, reorder: 0, redeliver: 0 });
    const invocation = faults.invoke('fetchArticle', batchOf(10));

    // Act
    const stopped = attemptAll(faults, read, 100);
    const afterwards = attemptAll(faults, read, 1);
    const reason = invocation.end();

    // Assess
    expect(stopped).toBeInstanceOf(InvocationKilled);
    expect(afterwards).toBeInstanceOf(InvocationKilled);
    expect(reason).toMatch(/injected (crash|Lambda timeout) in fetchArticle/);
    expect(faults.counts.killed.crash + faults.counts.killed.timeout).toBe(1);
  });

  it('leaves an invocation that drew no fault alone', () => {
    // Prepare
    const faults = new InvocationFaults(1, { kill: 0, reorder: 0, redeliver: 0 });
    const invocation = faults.invoke('classifyArticle', batchOf(10));

    // Act
    const stopped = attemptAll(faults, read, 100);

    // Assess
    expect(stopped).toBeNull();
    expect(invocation.end()).toBeNull();
  });

  it('books a publish as unacknowledged when its invocation dies before marking it, not once it is marked', () => {
    // Prepare: a seed whose first invocation crashes at its second attempt, the mark after a publish.
    const seed = seedWhosePlanIs((plan) => plan?.kind === 'crash' && plan.atAttempt === 1);
    const faults = new InvocationFaults(seed, { kill: 1, reorder: 0, redeliver: 0 });
    const crashed = faults.invoke('classifyArticle', batchOf(1));
    const marked = new InvocationFaults(seed, { kill: 0, reorder: 0, redeliver: 0 });
    const healthy = marked.invoke('classifyArticle', batchOf(1));

    // Act: each publishes, then tries to mark.
    for (const [ledger, invocation] of [
      [faults, crashed],
      [marked, healthy],
    ] as const) {
      attemptAll(ledger, publish('a-1:r'), 1);
      ledger.accepted(publish('a-1:r'), {}, true);
      const failure = attemptAll(ledger, mark('a-1', 'r'), 1);
      if (failure === null) ledger.settled(mark('a-1', 'r'), null);
      invocation.end();
    }

    // Assess
    expect(faults.publishes.get('a-1:r')).toEqual({ accepted: 1, unacknowledged: 1 });
    expect(marked.publishes.get('a-1:r')).toEqual({ accepted: 1, unacknowledged: 0 });
  });

  it('kills an invocation right after SNS accepted an alert: the duplicate injected on purpose', () => {
    // Prepare
    const seed = seedWhosePlanIs((plan) => plan?.kind === 'crash-after-publish');
    const faults = new InvocationFaults(seed, { kill: 1, reorder: 0, redeliver: 0 });
    const invocation = faults.invoke('classifyArticle', batchOf(1));

    // Act
    faults.beforeAttempt(publish('x:r'));
    faults.accepted(publish('x:r'), {}, true);
    let killed: unknown = null;
    try {
      faults.afterAttempt(publish('x:r'));
    } catch (error) {
      killed = error;
    }
    const reason = invocation.end();

    // Assess
    expect(killed).toBeInstanceOf(InvocationKilled);
    expect(reason).toMatch(/injected crash in classifyArticle/);
    expect(faults.counts.killed['crash-after-publish']).toBe(1);
    expect(faults.publishes.get('x:r')).toEqual({ accepted: 1, unacknowledged: 1 });
  });
});

/** The first seed whose first classify invocation (of one message) is planned as `wanted` says. */
function seedWhosePlanIs(wanted: (plan: KillPlan | null) => boolean): number {
  for (let seed = 0; seed < 10_000; seed++) {
    const faults = new InvocationFaults(seed, { kill: 1, reorder: 0, redeliver: 0 });
    if (wanted(faults.invoke('classifyArticle', batchOf(1)).plan)) return seed;
  }
  throw new Error('no seed plans such a kill');
}
