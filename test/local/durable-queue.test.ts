/**
 * A local queue on a message directory outlives its process: a queue reopened on the same directory
 * (as the next `run --state` does) delivers again what was sent and not yet acknowledged, in flight
 * included, with its receive count, and forgets what was acknowledged or dead-lettered.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalQueue } from '../../local/queues/local-queue.ts';
import { MessageDirectory } from '../../local/queues/message-directory.ts';

let stateDir: string;

beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'wirewatch-queue-'));
});

afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

/** The queue and its dead-letter queue as a process opens them on the state directory. */
function openQueues(maxReceiveCount = 3) {
  const settings = (name: string) => ({
    name,
    url: `http://127.0.0.1/000000000000/${name}`,
    arn: `arn:aws:sqs:us-east-1:000000000000:${name}`,
    batchSize: 10,
    maxReceiveCount,
    retryDelayMs: 100,
  });
  const deadLetters = new LocalQueue(settings('jobs-dlq'), null, new MessageDirectory(join(stateDir, 'dlq')));
  const queue = new LocalQueue(settings('jobs'), deadLetters, new MessageDirectory(join(stateDir, 'jobs')));
  return { queue, deadLetters };
}

describe('a durable local queue', () => {
  it('delivers again, after a restart, what was pending or in flight, and not what was acknowledged', () => {
    // Prepare: one job done, one in flight and one waiting for its retry when the process stops.
    const before = openQueues();
    for (const body of ['done', 'in flight', 'pending']) before.queue.send(body);
    const [done, inFlight, pending] = before.queue.receive(0);
    before.queue.acknowledge(done?.messageId as string);
    before.queue.fail(pending?.messageId as string, 'timeout', 0);

    // Act
    const after = openQueues();
    const redelivered = after.queue.receive(Date.now() + 60_000);

    // Assess
    expect(redelivered.map(({ body }) => body)).toEqual(['in flight', 'pending']);
    expect(redelivered.find(({ body }) => body === 'in flight')).toMatchObject({
      messageId: inFlight?.messageId,
      receiveCount: 2,
    });
    expect(redelivered.find(({ body }) => body === 'pending')).toMatchObject({
      receiveCount: 2,
      lastError: 'timeout',
    });
  });

  it('dead-letters a message that keeps killing its consumer, counting receives across restarts', () => {
    // Prepare: each process receives the poison message and dies before answering.
    openQueues(2).queue.send('poison');
    openQueues(2).queue.receive(0);
    const last = openQueues(2);
    const [message] = last.queue.receive(0);

    // Act
    last.queue.fail(message?.messageId as string, 'crashed', 0);
    const reopened = openQueues(2);

    // Assess
    expect(message?.receiveCount).toBe(2);
    expect(reopened.queue.size).toBe(0);
    expect(reopened.deadLetters.list()).toMatchObject([
      { body: 'poison', attributes: { errorCode: { StringValue: 'max-receive-count' } } },
    ]);
  });

  it('keeps one file per pending message and none once all are acknowledged', async () => {
    // Prepare
    const { queue } = openQueues();
    queue.send('a');
    queue.send('b');
    const pendingFiles = await readdir(join(stateDir, 'jobs'));

    // Act
    for (const message of queue.receive(0)) queue.acknowledge(message.messageId);

    // Assess
    expect(pendingFiles).toHaveLength(2);
    expect(await readdir(join(stateDir, 'jobs'))).toEqual([]);
  });

  it('discards a message file a crash left half-written, keeping the messages already accepted', async () => {
    // Prepare: a write cut short before its rename never counted as sent.
    openQueues().queue.send('accepted');
    await writeFile(join(stateDir, 'jobs', '0f0f0f0f-0000-4000-8000-000000000000.json.partial'), '{"mess');

    // Act
    const { queue } = openQueues();

    // Assess
    expect(queue.list().map(({ body }) => body)).toEqual(['accepted']);
    expect((await readdir(join(stateDir, 'jobs'))).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('names the file when a stored message is not a message', async () => {
    // Prepare
    openQueues();
    await writeFile(join(stateDir, 'jobs', '0f0f0f0f-0000-4000-8000-000000000001.json'), '{"body":1}');

    // Act
    const opening = () => openQueues();

    // Assess
    expect(opening).toThrow(/0f0f0f0f-0000-4000-8000-000000000001\.json is invalid/);
  });
});
