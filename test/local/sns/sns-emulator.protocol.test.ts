import {
  BatchEntryIdsNotDistinctException,
  BatchRequestTooLongException,
  CreateTopicCommand,
  DeleteTopicCommand,
  EmptyBatchRequestException,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  InvalidBatchEntryIdException,
  InvalidParameterException,
  InvalidParameterValueException,
  ListSubscriptionsByTopicCommand,
  ListSubscriptionsCommand,
  ListTopicsCommand,
  NotFoundException,
  PublishBatchCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SubscribeCommand,
  TooManyEntriesInBatchRequestException,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejectionOf, type SnsTestHarness, startTestEmulator } from './sns-test-harness.ts';

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
  endpoint = 'analyst@example.com',
  attributes?: Record<string, string>,
) {
  const { SubscriptionArn } = await harness.client.send(
    new SubscribeCommand({
      TopicArn: topicArn,
      Protocol: 'email',
      Endpoint: endpoint,
      Attributes: attributes,
    }),
  );
  if (!SubscriptionArn) throw new Error('Subscribe returned no SubscriptionArn');
  return SubscriptionArn;
}

describe('topics', () => {
  it('creates a topic idempotently by name and lists it', async () => {
    // Prepare
    const first = await createTopic('analyst-alerts');

    // Act
    const second = await createTopic('analyst-alerts');
    const { Topics } = await harness.client.send(new ListTopicsCommand({}));

    // Assess
    expect(first).toBe('arn:aws:sns:us-east-1:000000000000:analyst-alerts');
    expect(second).toBe(first);
    expect(Topics).toEqual([{ TopicArn: first }]);
  });

  it('returns the topic attributes, counting its subscriptions', async () => {
    // Prepare
    const { TopicArn } = await harness.client.send(
      new CreateTopicCommand({ Name: 'analyst-alerts', Attributes: { DisplayName: 'Wirewatch' } }),
    );
    await subscribe(TopicArn ?? '');

    // Act
    const { Attributes } = await harness.client.send(new GetTopicAttributesCommand({ TopicArn }));

    // Assess
    expect(Attributes).toMatchObject({
      TopicArn,
      DisplayName: 'Wirewatch',
      Owner: '000000000000',
      SubscriptionsConfirmed: '1',
      SubscriptionsPending: '0',
    });
  });

  it('deletes a topic with its subscriptions, and deleting it again succeeds', async () => {
    // Prepare
    const topicArn = await createTopic();
    await subscribe(topicArn);

    // Act
    await harness.client.send(new DeleteTopicCommand({ TopicArn: topicArn }));
    await harness.client.send(new DeleteTopicCommand({ TopicArn: topicArn }));

    // Assess
    const { Topics } = await harness.client.send(new ListTopicsCommand({}));
    const { Subscriptions } = await harness.client.send(new ListSubscriptionsCommand({}));
    expect(Topics).toEqual([]);
    expect(Subscriptions).toEqual([]);
  });

  it('lists topics in pages of 100', async () => {
    // Prepare
    for (let index = 0; index < 101; index += 1) await createTopic(`topic-${index}`);

    // Act
    const firstPage = await harness.client.send(new ListTopicsCommand({}));
    const secondPage = await harness.client.send(new ListTopicsCommand({ NextToken: firstPage.NextToken }));

    // Assess
    expect(firstPage.Topics).toHaveLength(100);
    expect(firstPage.NextToken).toEqual(expect.any(String));
    expect(secondPage.Topics).toEqual([{ TopicArn: 'arn:aws:sns:us-east-1:000000000000:topic-100' }]);
    expect(secondPage.NextToken).toBeUndefined();
  });

  it('refuses an invalid topic name', async () => {
    // Prepare
    const command = new CreateTopicCommand({ Name: 'analyst alerts' });

    // Act
    const error = await rejectionOf(harness.client.send(command));

    // Assess
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(error.message).toBe('Invalid parameter: Topic Name');
  });

  it('answers NotFound for an unknown topic', async () => {
    // Prepare
    const command = new GetTopicAttributesCommand({ TopicArn: 'arn:aws:sns:us-east-1:000000000000:missing' });

    // Act
    const error = await rejectionOf(harness.client.send(command));

    // Assess
    expect(error).toBeInstanceOf(NotFoundException);
    expect(error.message).toBe('Topic does not exist');
  });

  it('refuses a malformed topic ARN', async () => {
    // Prepare
    const command = new GetTopicAttributesCommand({ TopicArn: 'analyst-alerts' });

    // Act
    const error = await rejectionOf(harness.client.send(command));

    // Assess
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(error.message).toBe(
      'Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1',
    );
  });
});

describe('subscriptions', () => {
  it('confirms an email subscription at once and describes it', async () => {
    // Prepare
    const topicArn = await createTopic();

    // Act
    const subscriptionArn = await subscribe(topicArn);
    const { Attributes } = await harness.client.send(
      new GetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn }),
    );

    // Assess
    expect(subscriptionArn).toMatch(new RegExp(`^${topicArn}:[0-9a-f-]{36}$`));
    expect(Attributes).toEqual({
      SubscriptionArn: subscriptionArn,
      TopicArn: topicArn,
      Owner: '000000000000',
      Protocol: 'email',
      Endpoint: 'analyst@example.com',
      PendingConfirmation: 'false',
      ConfirmationWasAuthenticated: 'false',
      RawMessageDelivery: 'false',
    });
  });

  it('returns the existing subscription when the same endpoint subscribes again', async () => {
    // Prepare
    const topicArn = await createTopic();
    const first = await subscribe(topicArn);

    // Act
    const second = await subscribe(topicArn);

    // Assess
    expect(second).toBe(first);
  });

  it('refuses to subscribe the same endpoint again with a different filter policy', async () => {
    // Prepare
    const topicArn = await createTopic();
    await subscribe(topicArn, 'analyst@example.com', { FilterPolicy: '{"country": ["PK"]}' });

    // Act
    const error = await rejectionOf(
      subscribe(topicArn, 'analyst@example.com', { FilterPolicy: '{"country": ["US"]}' }),
    );

    // Assess
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(error.message).toBe(
      'Invalid parameter: Attributes Reason: Subscription already exists with different attributes',
    );
  });

  it('keeps a filter policy and its scope given at subscription', async () => {
    // Prepare
    const topicArn = await createTopic();
    const filterPolicy = '{"article": {"pairs": ["PK-US"]}}';

    // Act
    const subscriptionArn = await subscribe(topicArn, 'analyst@example.com', {
      FilterPolicy: filterPolicy,
      FilterPolicyScope: 'MessageBody',
    });

    // Assess
    const { Attributes } = await harness.client.send(
      new GetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn }),
    );
    expect(Attributes).toMatchObject({ FilterPolicy: filterPolicy, FilterPolicyScope: 'MessageBody' });
  });

  it('subscribes a lambda function by its ARN', async () => {
    // Prepare
    const topicArn = await createTopic();

    // Act
    const { SubscriptionArn } = await harness.client.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: 'lambda',
        Endpoint: FUNCTION_ARN,
        ReturnSubscriptionArn: true,
      }),
    );

    // Assess
    const { Subscriptions } = await harness.client.send(
      new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }),
    );
    expect(Subscriptions).toEqual([
      {
        TopicArn: topicArn,
        Protocol: 'lambda',
        SubscriptionArn,
        Owner: '000000000000',
        Endpoint: FUNCTION_ARN,
      },
    ]);
  });

  it('lists subscriptions across topics and by topic', async () => {
    // Prepare
    const alerts = await createTopic('analyst-alerts');
    const digests = await createTopic('daily-digest');
    const alertSubscription = await subscribe(alerts);
    await subscribe(digests);

    // Act
    const all = await harness.client.send(new ListSubscriptionsCommand({}));
    const byTopic = await harness.client.send(new ListSubscriptionsByTopicCommand({ TopicArn: alerts }));

    // Assess
    expect(all.Subscriptions?.map((subscription) => subscription.TopicArn)).toEqual([alerts, digests]);
    expect(byTopic.Subscriptions?.map((subscription) => subscription.SubscriptionArn)).toEqual([
      alertSubscription,
    ]);
  });

  it('validates a filter policy given at subscription, with the Subscribe reason prefix', async () => {
    // Prepare
    const topicArn = await createTopic();

    // Act
    const error = await rejectionOf(
      subscribe(topicArn, 'analyst@example.com', { FilterPolicy: '{"country": []}' }),
    );

    // Assess
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(error.message).toBe(
      'Invalid parameter: Attributes Reason: FilterPolicy: Empty arrays are not allowed',
    );
  });

  it.each([
    ['{"country": ["PK"', 'Invalid parameter: FilterPolicy: failed to parse JSON.'],
    [
      '{"country": [{"wildcard": "P*"}]}',
      'Invalid parameter: FilterPolicy: Unrecognized match type wildcard',
    ],
    [
      '{"article": {"country": ["PK"]}}',
      'Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy',
    ],
  ])('refuses to set the filter policy %s', async (filterPolicy, message) => {
    // Prepare
    const subscriptionArn = await subscribe(await createTopic());

    // Act
    const error = await rejectionOf(
      harness.client.send(
        new SetSubscriptionAttributesCommand({
          SubscriptionArn: subscriptionArn,
          AttributeName: 'FilterPolicy',
          AttributeValue: filterPolicy,
        }),
      ),
    );

    // Assess
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(error.message).toBe(message);
  });

  it('sets, then removes, a filter policy', async () => {
    // Prepare
    const subscriptionArn = await subscribe(await createTopic());
    const setPolicy = (value: string) =>
      harness.client.send(
        new SetSubscriptionAttributesCommand({
          SubscriptionArn: subscriptionArn,
          AttributeName: 'FilterPolicy',
          AttributeValue: value,
        }),
      );

    // Act
    await setPolicy('{"country": ["PK"]}');
    const withPolicy = await harness.client.send(
      new GetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn }),
    );
    await setPolicy('');
    const withoutPolicy = await harness.client.send(
      new GetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn }),
    );

    // Assess
    expect(withPolicy.Attributes).toMatchObject({
      FilterPolicy: '{"country": ["PK"]}',
      FilterPolicyScope: 'MessageAttributes',
    });
    expect(withoutPolicy.Attributes).not.toHaveProperty('FilterPolicy');
  });

  it.each([
    [
      'RawMessageDelivery',
      'true',
      'Invalid parameter: Delivery protocol [email] does not support raw message delivery.',
    ],
    [
      'FilterPolicyScope',
      'Body',
      'Invalid parameter: FilterPolicyScope: Invalid value [Body]. Please use either MessageBody or MessageAttributes',
    ],
    ['Colour', 'blue', 'Invalid parameter: AttributeName'],
  ])('refuses to set %s to %s', async (attributeName, attributeValue, message) => {
    // Prepare
    const subscriptionArn = await subscribe(await createTopic());

    // Act
    const error = await rejectionOf(
      harness.client.send(
        new SetSubscriptionAttributesCommand({
          SubscriptionArn: subscriptionArn,
          AttributeName: attributeName,
          AttributeValue: attributeValue,
        }),
      ),
    );

    // Assess
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(error.message).toBe(message);
  });

  it('answers NotFound for an unknown subscription', async () => {
    // Prepare
    const topicArn = await createTopic();
    const unknown = `${topicArn}:00000000-0000-0000-0000-000000000000`;

    // Act
    const getError = await rejectionOf(
      harness.client.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: unknown })),
    );
    const setError = await rejectionOf(
      harness.client.send(
        new SetSubscriptionAttributesCommand({
          SubscriptionArn: unknown,
          AttributeName: 'FilterPolicy',
          AttributeValue: '{}',
        }),
      ),
    );

    // Assess
    expect(getError).toBeInstanceOf(NotFoundException);
    expect(getError.message).toBe('Subscription does not exist');
    expect(setError).toBeInstanceOf(NotFoundException);
  });

  it.each([
    ['email', 'not-an-address', InvalidParameterException, 'Invalid parameter: Email address'],
    [
      'email',
      'analyst@example.com\r\nBcc: spy@example.com',
      InvalidParameterException,
      'Invalid parameter: Email address',
    ],
    ['lambda', 'alert-dispatcher', InvalidParameterException, 'Invalid parameter: Lambda endpoint ARN'],
    [
      'sqs',
      'arn:aws:sqs:us-east-1:000000000000:alerts',
      InvalidParameterException,
      'Invalid parameter: Protocol Reason: the local SNS emulator cannot deliver to sqs',
    ],
    [
      'pigeon',
      'loft',
      InvalidParameterException,
      'Invalid parameter: Amazon SNS does not support this protocol string: pigeon',
    ],
  ])('refuses protocol %s with endpoint %j', async (protocol, endpoint, errorClass, message) => {
    // Prepare
    const topicArn = await createTopic();

    // Act
    const error = await rejectionOf(
      harness.client.send(
        new SubscribeCommand({ TopicArn: topicArn, Protocol: protocol, Endpoint: endpoint }),
      ),
    );

    // Assess
    expect(error).toBeInstanceOf(errorClass);
    expect(error.message).toBe(message);
  });

  it('answers NotFound when subscribing to, or listing, an unknown topic', async () => {
    // Prepare
    const unknownTopic = 'arn:aws:sns:us-east-1:000000000000:missing';

    // Act
    const subscribeError = await rejectionOf(subscribe(unknownTopic));
    const listError = await rejectionOf(
      harness.client.send(new ListSubscriptionsByTopicCommand({ TopicArn: unknownTopic })),
    );

    // Assess
    expect(subscribeError).toBeInstanceOf(NotFoundException);
    expect(listError).toBeInstanceOf(NotFoundException);
  });

  it('unsubscribes, and unsubscribing again succeeds', async () => {
    // Prepare
    const topicArn = await createTopic();
    const subscriptionArn = await subscribe(topicArn);

    // Act
    await harness.client.send(new UnsubscribeCommand({ SubscriptionArn: subscriptionArn }));
    await harness.client.send(new UnsubscribeCommand({ SubscriptionArn: subscriptionArn }));

    // Assess
    const { Subscriptions } = await harness.client.send(
      new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }),
    );
    expect(Subscriptions).toEqual([]);
  });

  it('refuses to unsubscribe a topic ARN', async () => {
    // Prepare
    const topicArn = await createTopic();

    // Act
    const error = await rejectionOf(
      harness.client.send(new UnsubscribeCommand({ SubscriptionArn: topicArn })),
    );

    // Assess
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(error.message).toBe('Invalid parameter: SubscriptionId');
  });
});

describe('publish', () => {
  it('returns a message id', async () => {
    // Prepare
    const topicArn = await createTopic();

    // Act
    const { MessageId } = await harness.client.send(
      new PublishCommand({ TopicArn: topicArn, Message: 'Talks resume' }),
    );

    // Assess
    expect(MessageId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('answers NotFound for an unknown topic', async () => {
    // Prepare
    const command = new PublishCommand({
      TopicArn: 'arn:aws:sns:us-east-1:000000000000:missing',
      Message: 'Talks resume',
    });

    // Act
    const error = await rejectionOf(harness.client.send(command));

    // Assess
    expect(error).toBeInstanceOf(NotFoundException);
    expect(error.message).toBe('Topic does not exist');
  });

  it.each([
    ['a subject longer than 100 characters', { Subject: 's'.repeat(101) }, 'Invalid parameter: Subject'],
    ['a subject with a line break', { Subject: 'Alert\nBcc: spy@example.com' }, 'Invalid parameter: Subject'],
    ['a subject with a control character', { Subject: 'Alert\u0007' }, 'Invalid parameter: Subject'],
    ['an empty message', { Message: '' }, 'Invalid parameter: Empty message'],
    ['a message over 256 KB', { Message: 'x'.repeat(262_145) }, 'Invalid parameter: Message too long'],
    [
      'a json structure without a default entry',
      { MessageStructure: 'json', Message: '{"email": "Talks resume"}' },
      'Invalid parameter: Message Structure - No default entry in JSON message body',
    ],
    [
      'a json structure that does not parse',
      { MessageStructure: 'json', Message: '{"default": ' },
      'Invalid parameter: Message Structure - JSON message body failed to parse',
    ],
  ])('refuses %s', async (_case, fields, message) => {
    // Prepare
    const topicArn = await createTopic();

    // Act
    const error = await rejectionOf(
      harness.client.send(new PublishCommand({ TopicArn: topicArn, Message: 'Talks resume', ...fields })),
    );

    // Assess
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(error.message).toBe(message);
  });

  it('accepts a subject of exactly 100 characters', async () => {
    // Prepare
    const topicArn = await createTopic();

    // Act
    const { MessageId } = await harness.client.send(
      new PublishCommand({ TopicArn: topicArn, Message: 'Talks resume', Subject: 's'.repeat(100) }),
    );

    // Assess
    expect(MessageId).toEqual(expect.any(String));
  });

  it.each([
    [
      'a number that is not one',
      { price: { DataType: 'Number', StringValue: 'twelve' } },
      "Could not cast message attribute 'price' value to number.",
    ],
    [
      'an unknown data type',
      { country: { DataType: 'Text', StringValue: 'PK' } },
      "The message attribute 'country' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.",
    ],
    [
      'a string array that is not a JSON array',
      { countries: { DataType: 'String.Array', StringValue: 'PK,US' } },
      "The message attribute 'countries' with type 'String.Array' must be a JSON array of strings, numbers, true, false or null.",
    ],
    [
      'a string given as binary',
      { country: { DataType: 'String', BinaryValue: new Uint8Array([1]) } },
      "The message attribute 'country' with type 'String' must use field 'String'.",
    ],
    [
      'an empty value',
      { country: { DataType: 'String', StringValue: '' } },
      "The message attribute 'country' must contain non-empty message attribute value for message attribute type 'String'.",
    ],
    [
      'a name with a space',
      { 'country code': { DataType: 'String', StringValue: 'PK' } },
      "Invalid non-alphanumeric character '#x20' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.",
    ],
    [
      'a name with successive dots',
      { 'country..code': { DataType: 'String', StringValue: 'PK' } },
      "Message attribute name can not have successive '.' character.",
    ],
  ])('refuses a message attribute with %s', async (_case, MessageAttributes, message) => {
    // Prepare
    const topicArn = await createTopic();

    // Act
    const error = await rejectionOf(
      harness.client.send(
        new PublishCommand({ TopicArn: topicArn, Message: 'Talks resume', MessageAttributes }),
      ),
    );

    // Assess
    expect(error).toBeInstanceOf(InvalidParameterValueException);
    expect(error.message).toBe(message);
  });

  it('accepts String, String.Array, Number and Binary attributes', async () => {
    // Prepare
    const topicArn = await createTopic();

    // Act
    const { MessageId } = await harness.client.send(
      new PublishCommand({
        TopicArn: topicArn,
        Message: 'Talks resume',
        MessageAttributes: {
          country: { DataType: 'String', StringValue: 'PK' },
          countries: { DataType: 'String.Array', StringValue: '["PK", "US", 2, true, null]' },
          score: { DataType: 'Number', StringValue: '-1.5e3' },
          digest: { DataType: 'Binary', BinaryValue: new Uint8Array([0, 255]) },
        },
      }),
    );

    // Assess
    expect(MessageId).toEqual(expect.any(String));
  });
});

describe('publish batch', () => {
  it('reports each entry as successful or failed', async () => {
    // Prepare
    const topicArn = await createTopic();

    // Act
    const response = await harness.client.send(
      new PublishBatchCommand({
        TopicArn: topicArn,
        PublishBatchRequestEntries: [
          { Id: 'first', Message: 'Talks resume' },
          { Id: 'second', Message: 'Talks stall', Subject: 'Bad\nsubject' },
          {
            Id: 'third',
            Message: 'Talks end',
            MessageAttributes: { score: { DataType: 'Number', StringValue: 'high' } },
          },
        ],
      }),
    );

    // Assess
    expect(response.Successful).toEqual([{ Id: 'first', MessageId: expect.any(String) }]);
    expect(response.Failed).toEqual([
      { Id: 'second', Code: 'InvalidParameter', Message: 'Invalid parameter: Subject', SenderFault: true },
      {
        Id: 'third',
        Code: 'ParameterValueInvalid',
        Message: "Could not cast message attribute 'score' value to number.",
        SenderFault: true,
      },
    ]);
  });

  it.each([
    ['no entries', [], EmptyBatchRequestException, "The batch request doesn't contain any entries."],
    [
      'eleven entries',
      Array.from({ length: 11 }, (_, index) => ({ Id: `entry-${index}`, Message: 'Talks resume' })),
      TooManyEntriesInBatchRequestException,
      'The batch request contains more entries than permissible.',
    ],
    [
      'repeated ids',
      [
        { Id: 'same', Message: 'Talks resume' },
        { Id: 'same', Message: 'Talks stall' },
      ],
      BatchEntryIdsNotDistinctException,
      'Two or more batch entries in the request have the same Id.',
    ],
    [
      'an id with a dot',
      [{ Id: 'entry.1', Message: 'Talks resume' }],
      InvalidBatchEntryIdException,
      'The Id of a batch entry in the batch request contains an impermissible character: entry.1',
    ],
    [
      'messages over 256 KB together',
      [
        { Id: 'first', Message: 'x'.repeat(150_000) },
        { Id: 'second', Message: 'x'.repeat(150_000) },
      ],
      BatchRequestTooLongException,
      'The length of all the messages put together is more than the limit.',
    ],
  ])('refuses a batch with %s', async (_case, entries, errorClass, message) => {
    // Prepare
    const topicArn = await createTopic();

    // Act
    const error = await rejectionOf(
      harness.client.send(
        new PublishBatchCommand({ TopicArn: topicArn, PublishBatchRequestEntries: entries }),
      ),
    );

    // Assess
    expect(error).toBeInstanceOf(errorClass);
    expect(error.message).toBe(message);
  });

  it('answers NotFound for an unknown topic', async () => {
    // Prepare
    const command = new PublishBatchCommand({
      TopicArn: 'arn:aws:sns:us-east-1:000000000000:missing',
      PublishBatchRequestEntries: [{ Id: 'first', Message: 'Talks resume' }],
    });

    // Act
    const error = await rejectionOf(harness.client.send(command));

    // Assess
    expect(error).toBeInstanceOf(NotFoundException);
  });
});

describe('awsQuery protocol', () => {
  it('answers an unknown action with an InvalidAction error document', async () => {
    // Prepare
    const body = new URLSearchParams({ Action: 'ListPlatformApplications', Version: '2010-03-31' });

    // Act
    const response = await fetch(harness.emulator.endpoint, { method: 'POST', body });

    // Assess
    expect(response.status).toBe(400);
    const xml = await response.text();
    expect(xml).toContain(
      '<ErrorResponse xmlns="https://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type>',
    );
    expect(xml).toContain('<Code>InvalidAction</Code>');
    expect(xml).toMatch(/<\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/);
  });

  it('answers a request without an action with a validation error', async () => {
    // Prepare
    const body = new URLSearchParams({ Version: '2010-03-31' });

    // Act
    const response = await fetch(harness.emulator.endpoint, { method: 'POST', body });

    // Assess
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('<Code>ValidationError</Code>');
  });
});
