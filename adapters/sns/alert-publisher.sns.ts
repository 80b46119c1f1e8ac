/**
 * AlertPublisher on SNS: one Publish with MessageStructure json (a readable `email` body, the
 * versioned JSON `default` for every other protocol) and the attributes filter policies select on.
 */
import { type MessageAttributeValue, PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AlertNotification } from '../../shared/alerts/alert-notification.ts';
import type { AlertPublisher } from '../../shared/ports/alert-publisher.ts';

function stringArray(values: readonly string[]): MessageAttributeValue | undefined {
  // SNS rejects empty attribute values; an absent attribute is what filter policies expect instead.
  return values.length === 0 ? undefined : { DataType: 'String.Array', StringValue: JSON.stringify(values) };
}

export function messageAttributesOf(notification: AlertNotification): Record<string, MessageAttributeValue> {
  const { rule, countryPairs, countries, topics, source, relation } = notification.attributes;
  const attributes: Record<string, MessageAttributeValue | undefined> = {
    rule: { DataType: 'String', StringValue: rule },
    countryPairs: stringArray(countryPairs),
    countries: stringArray(countries),
    topics: stringArray(topics),
    source: { DataType: 'String', StringValue: source },
    relation: relation === null ? undefined : { DataType: 'String', StringValue: relation },
  };
  return Object.fromEntries(
    Object.entries(attributes).filter(
      (entry): entry is [string, MessageAttributeValue] => entry[1] !== undefined,
    ),
  );
}

export class SnsAlertPublisher implements AlertPublisher {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
  ) {}

  async publish(notification: AlertNotification): Promise<string> {
    const { MessageId } = await this.sns.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: notification.subject,
        MessageStructure: 'json',
        Message: JSON.stringify({
          default: JSON.stringify(notification.message),
          email: notification.email,
        }),
        MessageAttributes: messageAttributesOf(notification),
      }),
    );
    if (MessageId === undefined) throw new Error('SNS Publish returned no MessageId');
    return MessageId;
  }
}
