/**
 * SNS filter policies × published messages, delivered through the SNS API of a backend: which
 * subscription receives which message. The same matrix runs on the local SNS emulator (lambda
 * subscriptions) and on moto (SQS subscriptions), so the two can be compared pair by pair
 * (test/local/sns/filter-policy-backends.test.ts, docs/emulators.md).
 */
import { randomUUID } from 'node:crypto';
import {
  type MessageAttributeValue,
  PublishCommand,
  type SNSClient,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SNSEvent } from 'aws-lambda';
import type { SnsEmulator } from '../../local/sns/sns-emulator.ts';

export interface PolicyCase {
  readonly scope: 'MessageAttributes' | 'MessageBody';
  readonly policy: Record<string, unknown>;
}

export interface MessageCase {
  readonly attributes?: Record<string, MessageAttributeValue>;
  /** A JSON value to serialise, or the message text itself when a string. */
  readonly body?: unknown;
}

const text = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });
const number = (value: string): MessageAttributeValue => ({ DataType: 'Number', StringValue: value });
const list = (value: unknown[]): MessageAttributeValue => ({
  DataType: 'String.Array',
  StringValue: JSON.stringify(value),
});

/** The SNS developer guide's examples and each operator it documents, on both scopes. */
export const POLICIES: Readonly<Record<string, PolicyCase>> = {
  'exact string': { scope: 'MessageAttributes', policy: { store: ['example_corp'] } },
  'string list': { scope: 'MessageAttributes', policy: { customer_interests: ['rugby', 'tennis'] } },
  prefix: { scope: 'MessageAttributes', policy: { event: [{ prefix: 'order-' }] } },
  suffix: { scope: 'MessageAttributes', policy: { event: [{ suffix: '-placed' }] } },
  'equals-ignore-case': {
    scope: 'MessageAttributes',
    policy: { store: [{ 'equals-ignore-case': 'EXAMPLE_CORP' }] },
  },
  'anything-but values': {
    scope: 'MessageAttributes',
    policy: { store: [{ 'anything-but': ['example_corp', 'other_corp'] }] },
  },
  'anything-but prefix': {
    scope: 'MessageAttributes',
    policy: { event: [{ 'anything-but': { prefix: 'order-' } }] },
  },
  'numeric equals': { scope: 'MessageAttributes', policy: { price_usd: [{ numeric: ['=', 210.75] }] } },
  'numeric range': {
    scope: 'MessageAttributes',
    policy: { price_usd: [{ numeric: ['>', 100, '<=', 500] }] },
  },
  'exists true': { scope: 'MessageAttributes', policy: { store: [{ exists: true }] } },
  'exists false': { scope: 'MessageAttributes', policy: { store: [{ exists: false }] } },
  cidr: { scope: 'MessageAttributes', policy: { source_ip: [{ cidr: '10.0.0.0/24' }] } },
  $or: {
    scope: 'MessageAttributes',
    policy: { $or: [{ store: ['example_corp'] }, { price_usd: [{ numeric: ['>', 1000] }] }] },
  },
  'two keys': { scope: 'MessageAttributes', policy: { store: ['example_corp'], event: ['order-placed'] } },
  'body exact': { scope: 'MessageBody', policy: { store: ['example_corp'] } },
  'body exists false': { scope: 'MessageBody', policy: { store: [{ exists: false }] } },
  'body nested': { scope: 'MessageBody', policy: { order: { status: ['placed'] } } },
  'body nested exists false': { scope: 'MessageBody', policy: { order: { status: [{ exists: false }] } } },
  'body nested numeric': { scope: 'MessageBody', policy: { order: { total: [{ numeric: ['>=', 100] }] } } },
};

export const MESSAGES: Readonly<Record<string, MessageCase>> = {
  'the guide example': {
    body: 'order',
    attributes: {
      customer_interests: list(['soccer', 'rugby', 'hockey']),
      store: text('example_corp'),
      event: text('order-placed'),
      price_usd: number('210.75'),
      source_ip: text('10.0.0.7'),
    },
  },
  'store in other case': { body: 'order', attributes: { store: text('Example_Corp') } },
  'other store, cancelled': {
    body: 'order',
    attributes: { store: text('other_corp'), event: text('order-cancelled'), price_usd: number('50') },
  },
  'third store': { body: 'order', attributes: { store: text('third_corp'), event: text('refund-placed') } },
  'no attributes': { body: 'order' },
  'event only': { body: 'order', attributes: { event: text('order-placed') } },
  'large price only': { body: 'order', attributes: { price_usd: number('1500') } },
  'price at the bound': { body: 'order', attributes: { price_usd: number('500') } },
  'price as text': { body: 'order', attributes: { price_usd: text('210.75') } },
  'prices as a list': { body: 'order', attributes: { price_usd: list([50, 150]) } },
  'interests tennis': { body: 'order', attributes: { customer_interests: list(['tennis']) } },
  'store as a list': { body: 'order', attributes: { store: list(['example_corp', 'x']) } },
  'ip outside the block': { body: 'order', attributes: { source_ip: text('10.0.1.7') } },
  'ip inside the block': { body: 'order', attributes: { source_ip: text('10.0.0.255') } },
  'body: the guide example': {
    body: {
      store: 'example_corp',
      event: 'order-placed',
      price_usd: 210.75,
      order: { status: 'placed', total: 210.75 },
    },
  },
  'body: other store': { body: { store: 'other_corp', order: { status: 'shipped', total: 50 } } },
  'body: no store': { body: { event: 'order-placed' } },
  'body: empty order': { body: { store: 'example_corp', order: {} } },
  'body: order null': { body: { order: null } },
  'body: status null': { body: { order: { status: null } } },
  'body: orders as a list': { body: { order: [{ status: 'shipped' }, { status: 'placed', total: 120 }] } },
  'body: dotted key': { body: { 'order.status': 'placed' } },
  'body: total as text': { body: { order: { status: 'placed', total: '210' } } },
  'body: store in other case': { body: { store: 'Example_Corp' } },
  'body: not JSON': { body: 'order placed' },
  'body: a JSON list': { body: '[{"store": "example_corp"}]' },
  'body: empty object': { body: {} },
};

/** Per policy: the names of the messages it received, or the reason Subscribe refused it. */
export type Deliveries = Map<string, { delivered: string[] } | { refused: string }>;

export interface MatrixRun {
  deliveries: Deliveries;
  /** Messages whose Publish failed, with the error: no subscriber can have received them. */
  publishFailures: Map<string, string>;
}

interface Subscriber {
  subscribe(policyName: string, policy: PolicyCase): Promise<void>;
  /** Message ids each policy's subscriber received, once every publish has been delivered. */
  received(policyName: string): Promise<string[]>;
}

async function runMatrix(sns: SNSClient, topicArn: string, subscriber: Subscriber): Promise<MatrixRun> {
  const deliveries: Deliveries = new Map();
  for (const [name, policy] of Object.entries(POLICIES)) {
    try {
      await subscriber.subscribe(name, policy);
      deliveries.set(name, { delivered: [] });
    } catch (error) {
      deliveries.set(name, { refused: (error as Error).message });
    }
  }
  const messageNames = new Map<string, string>();
  const publishFailures = new Map<string, string>();
  for (const [name, message] of Object.entries(MESSAGES)) {
    try {
      const { MessageId } = await sns.send(
        new PublishCommand({
          TopicArn: topicArn,
          Message: typeof message.body === 'string' ? message.body : JSON.stringify(message.body),
          ...(message.attributes === undefined ? {} : { MessageAttributes: message.attributes }),
        }),
      );
      messageNames.set(MessageId as string, name);
    } catch (error) {
      publishFailures.set(name, `${(error as Error).name}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  for (const [name, outcome] of deliveries) {
    if (!('delivered' in outcome)) continue;
    const ids = await subscriber.received(name);
    outcome.delivered.push(...ids.map((id) => messageNames.get(id) ?? `unknown message ${id}`).sort());
  }
  return { deliveries, publishFailures };
}

const subscriptionAttributes = ({ scope, policy }: PolicyCase) => ({
  FilterPolicy: JSON.stringify(policy),
  FilterPolicyScope: scope,
});

/** The matrix on the local SNS emulator: one lambda subscription per policy. */
export async function deliveriesOnEmulator(
  emulator: SnsEmulator,
  sns: SNSClient,
  topicArn: string,
): Promise<MatrixRun> {
  const received = new Map<string, string[]>();
  return runMatrix(sns, topicArn, {
    async subscribe(name, policy) {
      const functionArn = `arn:aws:lambda:us-east-1:000000000000:function:policy-${randomUUID()}`;
      const ids: string[] = [];
      received.set(name, ids);
      emulator.registerFunction(functionArn, async (event: SNSEvent) => {
        for (const record of event.Records) ids.push(record.Sns.MessageId);
      });
      await sns.send(
        new SubscribeCommand({
          TopicArn: topicArn,
          Protocol: 'lambda',
          Endpoint: functionArn,
          Attributes: subscriptionAttributes(policy),
        }),
      );
    },
    async received(name) {
      await emulator.idle();
      return received.get(name) ?? [];
    },
  });
}

/** The matrix on moto: one SQS queue subscribed per policy, drained after publishing. */
export async function deliveriesOnMoto(sns: SNSClient, sqs: SQSClient, topicArn: string): Promise<MatrixRun> {
  const queueUrls = new Map<string, string>();
  return runMatrix(sns, topicArn, {
    async subscribe(name, policy) {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `policy-${randomUUID()}` }));
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
      );
      await sns.send(
        new SubscribeCommand({
          TopicArn: topicArn,
          Protocol: 'sqs',
          Endpoint: Attributes?.QueueArn,
          Attributes: subscriptionAttributes(policy),
        }),
      );
      queueUrls.set(name, QueueUrl as string);
    },
    async received(name) {
      const queueUrl = queueUrls.get(name) as string;
      const ids: string[] = [];
      for (;;) {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 60 }),
        );
        if (Messages.length === 0) return ids;
        // Not raw delivery: each body is SNS's JSON notification envelope.
        ids.push(
          ...Messages.map(({ Body }) => (JSON.parse(Body as string) as { MessageId: string }).MessageId),
        );
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: Messages.map(({ ReceiptHandle }, n) => ({ Id: String(n), ReceiptHandle })),
          }),
        );
      }
    },
  });
}

/**
 * Where two runs of the matrix disagree: `policy × message` for a message one delivered and the other
 * did not, `policy refused` for a policy only one of them accepted. Messages either run failed to
 * publish are left out: they say nothing about filtering.
 */
export function disagreements(a: MatrixRun, b: MatrixRun): string[] {
  const lines: string[] = [];
  const published = Object.keys(MESSAGES).filter(
    (message) => !a.publishFailures.has(message) && !b.publishFailures.has(message),
  );
  for (const [policy, outcome] of a.deliveries) {
    const other = b.deliveries.get(policy);
    if (other === undefined) continue;
    if ('refused' in outcome || 'refused' in other) {
      if ('refused' in outcome !== 'refused' in other) lines.push(`${policy} refused`);
      continue;
    }
    for (const message of published) {
      if (outcome.delivered.includes(message) !== other.delivered.includes(message))
        lines.push(`${policy} × ${message}`);
    }
  }
  return lines;
}
