import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTopicCommand,
  GetSubscriptionAttributesCommand,
  ListSubscriptionsCommand,
  ListTopicsCommand,
  PublishCommand,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSnsEmulator } from '../../../local/sns/sns-emulator.ts';
import { rejectionOf, snsClient } from './sns-test-harness.ts';

let directory: string;
let stateFile: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'wirewatch-sns-state-'));
  stateFile = join(directory, 'state', 'sns.json');
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Runs `work` against an emulator on the shared state file, closing it afterwards like a finished run. */
async function withRun<T>(work: (client: ReturnType<typeof snsClient>) => Promise<T>): Promise<T> {
  const emulator = await startSnsEmulator({ outboxDir: join(directory, 'run-outbox'), stateFile });
  const client = snsClient(emulator.endpoint);
  try {
    return await work(client);
  } finally {
    client.destroy();
    await emulator.close();
  }
}

describe('state file', () => {
  it('keeps topics and subscriptions, filter policies included, across runs', async () => {
    // Prepare
    const filterPolicy = '{"article": {"pairs": ["PK-US"]}}';
    const { topicArn, subscriptionArn } = await withRun(async (client) => {
      const { TopicArn } = await client.send(new CreateTopicCommand({ Name: 'analyst-alerts' }));
      const { SubscriptionArn } = await client.send(
        new SubscribeCommand({
          TopicArn,
          Protocol: 'email',
          Endpoint: 'analyst@example.com',
          Attributes: { FilterPolicyScope: 'MessageBody', FilterPolicy: filterPolicy },
        }),
      );
      return { topicArn: TopicArn, subscriptionArn: SubscriptionArn };
    });

    // Act
    const restored = await withRun(async (client) => ({
      topics: (await client.send(new ListTopicsCommand({}))).Topics,
      subscriptions: (await client.send(new ListSubscriptionsCommand({}))).Subscriptions,
      attributes: (
        await client.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn }))
      ).Attributes,
    }));

    // Assess
    expect(restored.topics).toEqual([{ TopicArn: topicArn }]);
    expect(restored.subscriptions).toEqual([
      {
        TopicArn: topicArn,
        Protocol: 'email',
        SubscriptionArn: subscriptionArn,
        Owner: '000000000000',
        Endpoint: 'analyst@example.com',
      },
    ]);
    expect(restored.attributes).toMatchObject({
      FilterPolicy: filterPolicy,
      FilterPolicyScope: 'MessageBody',
    });
  });

  it('applies a saved filter policy to the next run’s publishes', async () => {
    // Prepare
    const topicArn = await withRun(async (client) => {
      const { TopicArn } = await client.send(new CreateTopicCommand({ Name: 'analyst-alerts' }));
      await client.send(
        new SubscribeCommand({
          TopicArn,
          Protocol: 'email',
          Endpoint: 'analyst@example.com',
          Attributes: { FilterPolicy: '{"pair": ["PK-US"]}' },
        }),
      );
      return TopicArn;
    });
    const emulator = await startSnsEmulator({
      outboxDir: join(directory, 'second-outbox'),
      stateFile,
    });
    const client = snsClient(emulator.endpoint);

    // Act
    for (const pair of ['IN-US', 'PK-US']) {
      await client.send(
        new PublishCommand({
          TopicArn: topicArn,
          Message: `Alert for ${pair}`,
          MessageAttributes: { pair: { DataType: 'String', StringValue: pair } },
        }),
      );
    }
    await emulator.idle();
    const delivered = emulator.emails.map((delivery) => delivery.body.split('\n')[0]);
    client.destroy();
    await emulator.close();

    // Assess
    expect(delivered).toEqual(['Alert for PK-US']);
  });

  it('forgets an unsubscribed subscription', async () => {
    // Prepare
    await withRun(async (client) => {
      const { TopicArn } = await client.send(new CreateTopicCommand({ Name: 'analyst-alerts' }));
      const { SubscriptionArn } = await client.send(
        new SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: 'analyst@example.com' }),
      );
      await client.send(new UnsubscribeCommand({ SubscriptionArn }));
    });

    // Act
    const subscriptions = await withRun(
      async (client) => (await client.send(new ListSubscriptionsCommand({}))).Subscriptions,
    );

    // Assess
    expect(subscriptions).toEqual([]);
    expect(JSON.parse(await readFile(stateFile, 'utf8'))).toMatchObject({ version: 1, subscriptions: [] });
  });

  it('refuses to start from a state file that is not valid', async () => {
    // Prepare
    stateFile = join(directory, 'sns.json');
    await writeFile(stateFile, JSON.stringify({ version: 1, topics: [{ arn: 'x' }], subscriptions: [] }));

    // Act
    const error = await rejectionOf(startSnsEmulator({ outboxDir: join(directory, 'outbox'), stateFile }));

    // Assess
    expect(error.message).toContain(`SNS emulator state file ${stateFile} is invalid`);
  });
});
