/**
 * A published message on its way to one subscription, and the two shapes SNS gives it: the JSON
 * notification envelope (email-json bodies) and the Lambda `SNSEvent`. The emulator does not sign
 * messages, so the signature fields are present but empty.
 */
import type { SNSEvent } from 'aws-lambda';
import type { DeliveredAttributes } from './message-attributes.ts';
import type { SubscriptionProtocol } from './state-file.ts';

export interface Notification {
  readonly messageId: string;
  readonly topicArn: string;
  readonly subject: string | undefined;
  /** The text for this subscription's protocol (MessageStructure=json picks per protocol). */
  readonly message: string;
  /** ISO 8601 publish time. */
  readonly timestamp: string;
  readonly attributes: DeliveredAttributes;
}

/** A notification that passed a subscription's filter policy and awaits delivery. */
export interface PlannedDelivery {
  readonly subscriptionArn: string;
  readonly protocol: SubscriptionProtocol;
  readonly endpoint: string;
  readonly notification: Notification;
}

/** The JSON envelope SNS sends to email-json (and HTTP) subscribers; key order follows SNS's. */
export function notificationEnvelope(notification: Notification, unsubscribeUrl: string): string {
  const envelope = {
    Type: 'Notification',
    MessageId: notification.messageId,
    TopicArn: notification.topicArn,
    ...(notification.subject === undefined ? {} : { Subject: notification.subject }),
    Message: notification.message,
    Timestamp: notification.timestamp,
    SignatureVersion: '1',
    Signature: '',
    SigningCertURL: '',
    UnsubscribeURL: unsubscribeUrl,
    ...(Object.keys(notification.attributes).length === 0
      ? {}
      : { MessageAttributes: notification.attributes }),
  };
  return JSON.stringify(envelope, null, 2);
}

/** The event Lambda receives from an SNS subscription: one record per notification. */
export function snsEvent(delivery: PlannedDelivery, unsubscribeUrl: string): SNSEvent {
  const { notification } = delivery;
  return {
    Records: [
      {
        EventVersion: '1.0',
        EventSubscriptionArn: delivery.subscriptionArn,
        EventSource: 'aws:sns',
        Sns: {
          Type: 'Notification',
          MessageId: notification.messageId,
          TopicArn: notification.topicArn,
          ...(notification.subject === undefined ? {} : { Subject: notification.subject }),
          Message: notification.message,
          Timestamp: notification.timestamp,
          SignatureVersion: '1',
          Signature: '',
          SigningCertUrl: '',
          UnsubscribeUrl: unsubscribeUrl,
          MessageAttributes: { ...notification.attributes },
        },
      },
    ],
  };
}
