/**
 * DigestPublisher on SNS: one plain-text Publish per digest on the digest topic, with a `recipient`
 * attribute; each address's email subscription there filters on `{"recipient": ["<address>"]}`, so
 * SNS delivers it to that address alone and still owns unsubscribe links and bounces.
 */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { DigestEmail } from '../../shared/alerts/digest-email.ts';
import type { DigestPublisher } from '../../shared/ports/digest-publisher.ts';

export class SnsDigestPublisher implements DigestPublisher {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
  ) {}

  async publish(digest: DigestEmail): Promise<string> {
    const { MessageId } = await this.sns.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: digest.subject,
        Message: digest.body,
        MessageAttributes: { recipient: { DataType: 'String', StringValue: digest.recipient } },
      }),
    );
    if (MessageId === undefined) throw new Error('SNS Publish returned no MessageId');
    return MessageId;
  }
}
