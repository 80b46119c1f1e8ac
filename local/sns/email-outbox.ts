/**
 * Delivers email and email-json notifications as `.eml` files in the outbox directory, composed as
 * SNS composes them: the message with SNS's unsubscribe footer, or the JSON notification envelope.
 * File names start with the publish time and a sequence number, so they sort in delivery order.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderEmail } from './email-message.ts';
import { notificationEnvelope, type PlannedDelivery } from './notification.ts';

export interface EmailDelivery {
  readonly messageId: string;
  readonly topicArn: string;
  readonly subscriptionArn: string;
  readonly to: string;
  readonly subject: string;
  /** The decoded body text. */
  readonly body: string;
  /** Path of the `.eml` file. */
  readonly file: string;
}

const SENDER = 'AWS Notifications <no-reply@sns.amazonaws.com>';
/** The subject SNS uses when the publisher gives none. */
const DEFAULT_SUBJECT = 'AWS Notification Message';

export class EmailOutbox {
  #sequence = 0;

  constructor(private readonly directory: string) {}

  async deliver(delivery: PlannedDelivery, unsubscribeUrl: string): Promise<EmailDelivery> {
    const { notification } = delivery;
    const subject = notification.subject ?? DEFAULT_SUBJECT;
    const body =
      delivery.protocol === 'email-json'
        ? notificationEnvelope(notification, unsubscribeUrl)
        : withUnsubscribeFooter(notification.message, unsubscribeUrl);
    const publishedAt = new Date(notification.timestamp);
    const email = renderEmail({
      from: SENDER,
      to: delivery.endpoint,
      subject,
      date: publishedAt,
      messageId: `${randomUUID()}@sns.local`,
      extraHeaders: [
        ['X-Amz-Sns-Message-Id', notification.messageId],
        ['X-Amz-Sns-Topic-Arn', notification.topicArn],
        ['X-Amz-Sns-Subscription-Arn', delivery.subscriptionArn],
      ],
      body,
    });
    this.#sequence += 1;
    // Colons are left out of the time so the names are valid on every file system.
    const stamp = notification.timestamp.replace(/:/g, '-');
    const file = join(
      this.directory,
      `${stamp}-${String(this.#sequence).padStart(6, '0')}-${notification.messageId}.eml`,
    );
    // `wx` refuses to overwrite: every delivery gets its own file.
    await writeFile(file, email, { encoding: 'utf8', flag: 'wx' });
    return {
      messageId: notification.messageId,
      topicArn: notification.topicArn,
      subscriptionArn: delivery.subscriptionArn,
      to: delivery.endpoint,
      subject,
      body,
      file,
    };
  }
}

function withUnsubscribeFooter(message: string, unsubscribeUrl: string): string {
  return [
    message,
    '',
    '--',
    'If you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:',
    unsubscribeUrl,
    '',
    'Please do not reply directly to this email. This message was delivered by the local SNS emulator.',
    '',
  ].join('\n');
}
