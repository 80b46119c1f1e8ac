/**
 * An email SNS accepted is delivered even when the process dies before writing it: the delivery is
 * kept on disk before the Publish is answered, and the next emulator on the same folder makes it once.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTopicCommand, PublishCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EmailOutbox } from '../../../local/sns/email-outbox.ts';
import { startSnsEmulator } from '../../../local/sns/sns-emulator.ts';
import { snsClient } from './sns-test-harness.ts';

let directory: string;
let options: { outboxDir: string; stateFile: string; pendingDir: string };

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'wirewatch-sns-pending-'));
  options = {
    outboxDir: join(directory, 'outbox'),
    stateFile: join(directory, 'sns.json'),
    pendingDir: join(directory, 'pending'),
  };
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(directory, { recursive: true, force: true });
});

describe('pending email deliveries', () => {
  it('delivers on the next start, once, an email accepted but never written', async () => {
    // Prepare: the first process accepts the publish, then cannot write the email (as if it died).
    const first = await startSnsEmulator({ ...options });
    first.onDeliveryFailure(() => {});
    const client = snsClient(first.endpoint);
    const { TopicArn } = await client.send(new CreateTopicCommand({ Name: 'alerts' }));
    await client.send(new SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: 'analyst@example.com' }));
    const writing = vi.spyOn(EmailOutbox.prototype, 'deliver').mockRejectedValue(new Error('killed'));
    await client.send(new PublishCommand({ TopicArn, Subject: 'Alert', Message: 'matched' }));
    await first.idle();
    client.destroy();
    await first.close();
    writing.mockRestore();
    const keptAfterCrash = await readdir(options.pendingDir);

    // Act
    const second = await startSnsEmulator({ ...options });
    const delivered = await second.deliverPending();
    const again = await second.deliverPending();
    await second.close();

    // Assess
    expect(keptAfterCrash).toHaveLength(1);
    expect(delivered).toBe(1);
    expect(again).toBe(0);
    expect(second.emails).toMatchObject([{ to: 'analyst@example.com', subject: 'Alert' }]);
    expect(await readdir(options.outboxDir)).toHaveLength(1);
    expect(await readdir(options.pendingDir)).toEqual([]);
  });

  it('keeps nothing once an email is written', async () => {
    // Prepare
    const emulator = await startSnsEmulator({ ...options });
    const client = snsClient(emulator.endpoint);
    const { TopicArn } = await client.send(new CreateTopicCommand({ Name: 'alerts' }));
    await client.send(new SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: 'analyst@example.com' }));

    // Act
    await client.send(new PublishCommand({ TopicArn, Message: 'matched' }));
    await emulator.idle();
    client.destroy();
    await emulator.close();

    // Assess
    expect(emulator.emails).toHaveLength(1);
    expect(await readdir(options.pendingDir)).toEqual([]);
  });
});
