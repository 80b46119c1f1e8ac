import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ListSubscriptionsCommand, PublishCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import type { SNSEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryFailure, EmailDelivery } from '../../../local/sns/sns-emulator.ts';
import { readEml } from './eml-reader.ts';
import { type SnsTestHarness, startTestEmulator } from './sns-test-harness.ts';

const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:alert-dispatcher';

let harness: SnsTestHarness;

beforeEach(async () => {
  harness = await startTestEmulator();
});

afterEach(async () => {
  await harness.stop();
});

const createTopic = (name?: string) => harness.createTopic(name);

async function subscribe(
  topicArn: string,
  protocol: 'email' | 'email-json' | 'lambda',
  endpoint: string,
  attributes?: Record<string, string>,
): Promise<string> {
  const { SubscriptionArn } = await harness.client.send(
    new SubscribeCommand({
      TopicArn: topicArn,
      Protocol: protocol,
      Endpoint: endpoint,
      Attributes: attributes,
    }),
  );
  if (!SubscriptionArn) throw new Error('Subscribe returned no SubscriptionArn');
  return SubscriptionArn;
}

function recordEvents(functionArn = FUNCTION_ARN): SNSEvent[] {
  const events: SNSEvent[] = [];
  harness.emulator.registerFunction(functionArn, async (event) => {
    events.push(event);
  });
  return events;
}

describe('email delivery', () => {
  it('writes an RFC 5322 email with the message and an unsubscribe footer', async () => {
    // Prepare
    const topicArn = await createTopic();
    const subscriptionArn = await subscribe(topicArn, 'email', 'analyst@example.com');

    // Act
    const { MessageId } = await harness.client.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: 'PK-US: counterterrorism dialogue',
        Message: 'Talks resume.',
      }),
    );
    await harness.emulator.idle();

    // Assess
    const [delivery] = harness.emulator.emails;
    const email = readEml(await readFile(delivery?.file ?? '', 'utf8'));
    expect(email.headers.get('from')).toBe('AWS Notifications <no-reply@sns.amazonaws.com>');
    expect(email.headers.get('to')).toBe('analyst@example.com');
    expect(email.headers.get('subject')).toBe('PK-US: counterterrorism dialogue');
    expect(email.headers.get('date')).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
    expect(email.headers.get('message-id')).toMatch(/^<[^<>\s]+@[^<>\s]+>$/);
    expect(email.headers.get('mime-version')).toBe('1.0');
    expect(email.headers.get('content-type')).toBe('text/plain; charset=UTF-8');
    expect(email.headers.get('content-transfer-encoding')).toBe('quoted-printable');
    const unsubscribeUrl = `${harness.emulator.endpoint}/unsubscribe?SubscriptionArn=${encodeURIComponent(subscriptionArn)}`;
    expect(email.body.startsWith('Talks resume.\n\n--\n')).toBe(true);
    expect(email.body).toContain(`\n${unsubscribeUrl}\n`);
    expect(delivery).toEqual({
      messageId: MessageId,
      topicArn,
      subscriptionArn,
      to: 'analyst@example.com',
      subject: 'PK-US: counterterrorism dialogue',
      body: email.body,
      file: delivery?.file,
    });
  });

  it('uses SNS default subject when the publisher gives none', async () => {
    // Prepare
    const topicArn = await createTopic();
    await subscribe(topicArn, 'email', 'analyst@example.com');

    // Act
    await harness.client.send(new PublishCommand({ TopicArn: topicArn, Message: 'Talks resume.' }));
    await harness.emulator.idle();

    // Assess
    expect(harness.emulator.emails.map((delivery) => delivery.subject)).toEqual(['AWS Notification Message']);
  });

  it('encodes a non-ASCII subject and body so they read back intact', async () => {
    // Prepare
    const topicArn = await createTopic();
    await subscribe(topicArn, 'email', 'analyst@example.com');
    const subject = 'Pakistan–US dialogue: “Zusammenarbeit” 🤝 gegen Terrorismus, رؤية مشتركة';
    const message = `Résumé: ${'ünïcødé '.repeat(20)}= done`;

    // Act
    await harness.client.send(new PublishCommand({ TopicArn: topicArn, Subject: subject, Message: message }));
    await harness.emulator.idle();

    // Assess
    const text = await readFile(harness.emulator.emails[0]?.file ?? '', 'utf8');
    const email = readEml(text);
    expect(text).toMatch(/^[\x20-\x7e\r\n\t]*$/);
    const encodedBodyLines = text.slice(text.indexOf('\r\n\r\n') + 4).split('\r\n');
    expect(encodedBodyLines.every((line) => line.length <= 76)).toBe(true);
    expect(email.headers.get('subject')).toBe(subject);
    expect(email.body.startsWith(`${message}\n`)).toBe(true);
  });

  it('writes email-json deliveries with the JSON notification as body', async () => {
    // Prepare
    const topicArn = await createTopic();
    const subscriptionArn = await subscribe(topicArn, 'email-json', 'pipeline@example.com');

    // Act
    const { MessageId } = await harness.client.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: 'PK-US',
        Message: 'Talks resume.',
        MessageAttributes: { country: { DataType: 'String', StringValue: 'PK' } },
      }),
    );
    await harness.emulator.idle();

    // Assess
    const email = readEml(await readFile(harness.emulator.emails[0]?.file ?? '', 'utf8'));
    expect(JSON.parse(email.body)).toEqual({
      Type: 'Notification',
      MessageId,
      TopicArn: topicArn,
      Subject: 'PK-US',
      Message: 'Talks resume.',
      Timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      SignatureVersion: '1',
      Signature: '',
      SigningCertURL: '',
      UnsubscribeURL: `${harness.emulator.endpoint}/unsubscribe?SubscriptionArn=${encodeURIComponent(subscriptionArn)}`,
      MessageAttributes: { country: { Type: 'String', Value: 'PK' } },
    });
  });

  it('names email files so that they sort in publish order', async () => {
    // Prepare
    const topicArn = await createTopic();
    await subscribe(topicArn, 'email', 'analyst@example.com');
    const messageIds: (string | undefined)[] = [];

    // Act
    for (const message of ['first', 'second', 'third']) {
      const { MessageId } = await harness.client.send(
        new PublishCommand({ TopicArn: topicArn, Message: message }),
      );
      messageIds.push(MessageId);
      await harness.emulator.idle();
    }

    // Assess
    const files = (await readdir(join(harness.directory, 'outbox'))).sort();
    expect(files).toHaveLength(3);
    expect(
      files.map((file) => messageIds.findIndex((id) => id !== undefined && file.endsWith(`${id}.eml`))),
    ).toEqual([0, 1, 2]);
  });

  it('gives each subscription its own file and tells the email listeners', async () => {
    // Prepare
    const topicArn = await createTopic();
    await subscribe(topicArn, 'email', 'first@example.com');
    await subscribe(topicArn, 'email', 'second@example.com');
    const heard: EmailDelivery[] = [];
    harness.emulator.onEmail((delivery) => heard.push(delivery));

    // Act
    await harness.client.send(new PublishCommand({ TopicArn: topicArn, Message: 'Talks resume.' }));
    await harness.emulator.idle();

    // Assess
    expect(heard.map((delivery) => delivery.to).sort()).toEqual(['first@example.com', 'second@example.com']);
    expect(new Set(heard.map((delivery) => delivery.file)).size).toBe(2);
    expect(harness.emulator.emails).toEqual(heard);
  });
});

describe('lambda delivery', () => {
  it('invokes the registered handler with the SNSEvent SNS sends', async () => {
    // Prepare
    const topicArn = await createTopic();
    const subscriptionArn = await subscribe(topicArn, 'lambda', FUNCTION_ARN);
    const events = recordEvents();

    // Act
    const { MessageId } = await harness.client.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: 'PK-US',
        Message: '{"articleId": "a-1"}',
        MessageAttributes: {
          countries: { DataType: 'String.Array', StringValue: '["PK", "US"]' },
          score: { DataType: 'Number', StringValue: '0.93' },
          digest: { DataType: 'Binary', BinaryValue: new Uint8Array([0, 1, 254, 255]) },
        },
      }),
    );
    await harness.emulator.idle();

    // Assess
    expect(events).toEqual([
      {
        Records: [
          {
            EventVersion: '1.0',
            EventSubscriptionArn: subscriptionArn,
            EventSource: 'aws:sns',
            Sns: {
              Type: 'Notification',
              MessageId,
              TopicArn: topicArn,
              Subject: 'PK-US',
              Message: '{"articleId": "a-1"}',
              Timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
              SignatureVersion: '1',
              Signature: '',
              SigningCertUrl: '',
              UnsubscribeUrl: `${harness.emulator.endpoint}/unsubscribe?SubscriptionArn=${encodeURIComponent(subscriptionArn)}`,
              MessageAttributes: {
                countries: { Type: 'String.Array', Value: '["PK", "US"]' },
                score: { Type: 'Number', Value: '0.93' },
                digest: { Type: 'Binary', Value: Buffer.from([0, 1, 254, 255]).toString('base64') },
              },
            },
          },
        ],
      },
    ]);
  });

  it('reports a delivery to a function that is not registered, or that throws', async () => {
    // Prepare
    const topicArn = await createTopic();
    const unregistered = 'arn:aws:lambda:us-east-1:000000000000:function:nobody';
    await subscribe(topicArn, 'lambda', unregistered);
    await subscribe(topicArn, 'lambda', FUNCTION_ARN);
    harness.emulator.registerFunction(FUNCTION_ARN, async () => {
      throw new Error('dispatcher down');
    });
    const failures: DeliveryFailure[] = [];
    harness.emulator.onDeliveryFailure((failure) => failures.push(failure));

    // Act
    const { MessageId } = await harness.client.send(
      new PublishCommand({ TopicArn: topicArn, Message: 'Talks resume.' }),
    );
    await harness.emulator.idle();

    // Assess
    expect(
      failures
        .map(({ endpoint, messageId }) => ({ endpoint, messageId }))
        .sort((a, b) => a.endpoint.localeCompare(b.endpoint)),
    ).toEqual([
      { endpoint: FUNCTION_ARN, messageId: MessageId },
      { endpoint: unregistered, messageId: MessageId },
    ]);
    expect(failures.map((failure) => String(failure.error)).sort()).toEqual([
      'Error: No function registered for arn:aws:lambda:us-east-1:000000000000:function:nobody',
      'Error: dispatcher down',
    ]);
  });
});

describe('message structure', () => {
  it('gives each protocol its own entry of a json message, or the default', async () => {
    // Prepare
    const topicArn = await createTopic();
    await subscribe(topicArn, 'email', 'analyst@example.com');
    await subscribe(topicArn, 'email-json', 'pipeline@example.com');
    await subscribe(topicArn, 'lambda', FUNCTION_ARN);
    const events = recordEvents();

    // Act
    await harness.client.send(
      new PublishCommand({
        TopicArn: topicArn,
        MessageStructure: 'json',
        Message: JSON.stringify({
          default: 'Talks resume.',
          email: 'Dear analyst, talks resume.',
          lambda: '{"id": 1}',
        }),
      }),
    );
    await harness.emulator.idle();

    // Assess
    const emailBody = harness.emulator.emails.find((delivery) => delivery.to === 'analyst@example.com')?.body;
    const jsonBody = harness.emulator.emails.find((delivery) => delivery.to === 'pipeline@example.com')?.body;
    expect(emailBody?.startsWith('Dear analyst, talks resume.\n')).toBe(true);
    expect(JSON.parse(jsonBody ?? '{}')).toMatchObject({ Message: 'Talks resume.' });
    expect(events[0]?.Records[0]?.Sns.Message).toBe('{"id": 1}');
  });
});

describe('filter policies', () => {
  it('delivers only to subscriptions whose attribute policy accepts the message', async () => {
    // Prepare
    const topicArn = await createTopic();
    await subscribe(topicArn, 'email', 'pakistan@example.com', {
      FilterPolicy: JSON.stringify({ pair: ['PK-US'], topic: [{ prefix: 'counterterrorism' }] }),
    });
    await subscribe(topicArn, 'email', 'india@example.com', {
      FilterPolicy: JSON.stringify({ pair: ['IN-US'] }),
    });
    await subscribe(topicArn, 'email', 'everything@example.com');

    // Act
    await harness.client.send(
      new PublishCommand({
        TopicArn: topicArn,
        Message: 'Talks resume.',
        MessageAttributes: {
          pair: { DataType: 'String', StringValue: 'PK-US' },
          topic: { DataType: 'String', StringValue: 'counterterrorism dialogue' },
        },
      }),
    );
    await harness.emulator.idle();

    // Assess
    expect(harness.emulator.emails.map((delivery) => delivery.to).sort()).toEqual([
      'everything@example.com',
      'pakistan@example.com',
    ]);
  });

  it('applies a MessageBody policy to the JSON message, nested keys included', async () => {
    // Prepare
    const topicArn = await createTopic();
    await subscribe(topicArn, 'lambda', FUNCTION_ARN, {
      FilterPolicyScope: 'MessageBody',
      FilterPolicy: JSON.stringify({ article: { countries: ['PK'], score: [{ numeric: ['>=', 0.8] }] } }),
    });
    const events = recordEvents();

    // Act
    for (const article of [
      { id: 'kept', countries: ['PK', 'US'], score: 0.93 },
      { id: 'low-score', countries: ['PK'], score: 0.2 },
      { id: 'other-country', countries: ['IN'], score: 0.99 },
    ]) {
      await harness.client.send(
        new PublishCommand({ TopicArn: topicArn, Message: JSON.stringify({ article }) }),
      );
    }
    await harness.emulator.idle();

    // Assess
    expect(events.map((event) => JSON.parse(event.Records[0]?.Sns.Message ?? '{}').article.id)).toEqual([
      'kept',
    ]);
  });
});

describe('unsubscribe link', () => {
  it('unsubscribes with a GET, after which the endpoint receives nothing', async () => {
    // Prepare
    const topicArn = await createTopic();
    await subscribe(topicArn, 'email', 'analyst@example.com');
    await harness.client.send(new PublishCommand({ TopicArn: topicArn, Message: 'first' }));
    await harness.emulator.idle();
    const unsubscribeUrl = harness.emulator.emails[0]?.body
      .split('\n')
      .find((line) => line.includes('/unsubscribe?'));

    // Act
    const response = await fetch(unsubscribeUrl ?? '');
    await harness.client.send(new PublishCommand({ TopicArn: topicArn, Message: 'second' }));
    await harness.emulator.idle();

    // Assess
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Subscription removed');
    expect(harness.emulator.emails).toHaveLength(1);
    const { Subscriptions } = await harness.client.send(new ListSubscriptionsCommand({}));
    expect(Subscriptions).toEqual([]);
  });

  it('answers 404 for a subscription that no longer exists', async () => {
    // Prepare
    const topicArn = await createTopic();
    const unknown = `${topicArn}:00000000-0000-0000-0000-000000000000`;

    // Act
    const response = await fetch(
      `${harness.emulator.endpoint}/unsubscribe?SubscriptionArn=${encodeURIComponent(unknown)}`,
    );

    // Assess
    expect(response.status).toBe(404);
  });
});

describe('idle', () => {
  it('lets Publish answer before delivering, and resolves once the delivery is done', async () => {
    // Prepare
    const topicArn = await createTopic();
    await subscribe(topicArn, 'lambda', FUNCTION_ARN);
    let releaseHandler = () => {};
    const handlerReleased = new Promise<void>((resolve) => {
      releaseHandler = resolve;
    });
    const handled: string[] = [];
    harness.emulator.registerFunction(FUNCTION_ARN, async (event) => {
      await handlerReleased;
      handled.push(event.Records[0]?.Sns.Message ?? '');
    });

    // Act
    await harness.client.send(new PublishCommand({ TopicArn: topicArn, Message: 'Talks resume.' }));
    const handledWhenPublishAnswered = [...handled];
    releaseHandler();
    await harness.emulator.idle();

    // Assess
    expect(handledWhenPublishAnswered).toEqual([]);
    expect(handled).toEqual(['Talks resume.']);
  });

  it('also waits for deliveries that deliveries cause', async () => {
    // Prepare
    const alerts = await createTopic('analyst-alerts');
    const digests = await createTopic('daily-digest');
    await subscribe(alerts, 'lambda', FUNCTION_ARN);
    await subscribe(digests, 'email', 'analyst@example.com');
    harness.emulator.registerFunction(FUNCTION_ARN, async (event) => {
      const message = event.Records[0]?.Sns.Message ?? '';
      await harness.client.send(new PublishCommand({ TopicArn: digests, Message: `Digest: ${message}` }));
    });

    // Act
    await harness.client.send(new PublishCommand({ TopicArn: alerts, Message: 'Talks resume.' }));
    await harness.emulator.idle();

    // Assess
    expect(harness.emulator.emails.map((delivery) => delivery.body.split('\n')[0])).toEqual([
      'Digest: Talks resume.',
    ]);
  });
});

describe('keepEmails: false', () => {
  it('writes and announces each email but keeps none in emails', async () => {
    // Prepare
    const quiet = await startTestEmulator({ keepEmails: false });
    const heard: EmailDelivery[] = [];
    quiet.emulator.onEmail((delivery) => heard.push(delivery));
    const topicArn = await quiet.createTopic();
    await quiet.client.send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: 'analyst@example.com' }),
    );

    // Act
    await quiet.client.send(new PublishCommand({ TopicArn: topicArn, Message: 'Talks resume.' }));
    await quiet.emulator.idle();

    // Assess
    expect(quiet.emulator.emails).toEqual([]);
    expect(heard.map(({ to }) => to)).toEqual(['analyst@example.com']);
    expect(await readdir(join(quiet.directory, 'outbox'))).toHaveLength(1);
    await quiet.stop();
  });
});
