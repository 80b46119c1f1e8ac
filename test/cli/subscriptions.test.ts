/** `wirewatch subscribe` and `unsubscribe` against the local SNS emulator: filter policies set and removed. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetSubscriptionAttributesCommand,
  ListSubscriptionsByTopicCommand,
  SNSClient,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filterPolicyFor, subscribeEmail } from '../../cli/commands/subscribe.ts';
import { unsubscribeEmail } from '../../cli/commands/unsubscribe.ts';
import { createTopic } from '../../local/create-resources.ts';
import { type SnsEmulator, startSnsEmulator } from '../../local/sns/sns-emulator.ts';
import { CliError } from '../../tools/cli-error.ts';

const none = { rules: [], pairs: [], topics: [], countries: [] };

let outboxDir: string;
let emulator: SnsEmulator;
let sns: SNSClient;
let topicArn: string;

beforeAll(async () => {
  outboxDir = await mkdtemp(join(tmpdir(), 'wirewatch-subscribe-'));
  emulator = await startSnsEmulator({ outboxDir });
  sns = new SNSClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  topicArn = await createTopic(sns, 'wirewatch-alerts');
});

afterAll(async () => {
  sns.destroy();
  await emulator.close();
  await rm(outboxDir, { recursive: true, force: true });
});

const filterPolicyOf = async (subscriptionArn: string) => {
  const { Attributes } = await sns.send(
    new GetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn }),
  );
  return Attributes?.FilterPolicy === undefined ? undefined : JSON.parse(Attributes.FilterPolicy);
};

const endpointsOnTopic = async () => {
  const { Subscriptions = [] } = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
  return Subscriptions.map(({ Endpoint, Protocol }) => `${Protocol}:${Endpoint}`).sort();
};

describe('subscribing an address to alerts', () => {
  it('sets a filter policy with only the keys given, on the alert message attributes', async () => {
    // Act
    const { subscriptionArn, filterPolicy } = await subscribeEmail(sns, topicArn, {
      ...none,
      email: 'pk-desk@example.com',
      rules: ['ct-dialogue'],
      pairs: ['PK-US', 'IN-PK'],
      countries: ['PK'],
    });

    // Assess
    const expected = { rule: ['ct-dialogue'], countryPairs: ['PK-US', 'IN-PK'], countries: ['PK'] };
    expect(filterPolicy).toEqual(expected);
    expect(await filterPolicyOf(subscriptionArn)).toEqual(expected);
  });

  it('sets no filter policy when no option is given: every alert', async () => {
    // Act
    const { subscriptionArn, filterPolicy } = await subscribeEmail(sns, topicArn, {
      ...none,
      email: 'everything@example.com',
    });

    // Assess
    expect(filterPolicy).toEqual({});
    expect(await filterPolicyOf(subscriptionArn)).toBeUndefined();
  });

  it('names topics under their attribute and drops repeated values', () => {
    // Act
    const policy = filterPolicyFor({ ...none, topics: ['trade', 'trade', 'energy-mining'] });

    // Assess
    expect(policy).toEqual({ topics: ['trade', 'energy-mining'] });
  });

  it('explains that an address already subscribed with another filter must unsubscribe first', async () => {
    // Prepare
    await subscribeEmail(sns, topicArn, { ...none, email: 'twice@example.com', rules: ['a'] });

    // Act
    const again = subscribeEmail(sns, topicArn, { ...none, email: 'twice@example.com', rules: ['b'] });

    // Assess
    await expect(again).rejects.toBeInstanceOf(CliError);
    await expect(again).rejects.toThrow(/wirewatch unsubscribe --email twice@example\.com/);
  });
});

describe('unsubscribing an address', () => {
  it('removes every subscription of the address on the topic, whatever the case, and no other', async () => {
    // Prepare
    await subscribeEmail(sns, topicArn, { ...none, email: 'leaver@example.com', topics: ['trade'] });
    await sns.send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'email-json', Endpoint: 'Leaver@Example.com' }),
    );
    await subscribeEmail(sns, topicArn, { ...none, email: 'stayer@example.com' });

    // Act
    const result = await unsubscribeEmail(sns, topicArn, 'LEAVER@example.com');
    const again = await unsubscribeEmail(sns, topicArn, 'leaver@example.com');

    // Assess
    expect(result.removed.map(({ protocol }) => protocol).sort()).toEqual(['email', 'email-json']);
    expect(again.removed).toEqual([]);
    const remaining = await endpointsOnTopic();
    expect(remaining).toContain('email:stayer@example.com');
    expect(remaining.filter((endpoint) => endpoint.toLowerCase().includes('leaver'))).toEqual([]);
  });
});
