/**
 * EmailSubscriptions on an SNS topic: the address's subscription is found by listing the topic (an
 * address compares case-insensitively); its filter policy and confirmation state come from its
 * attributes. SNS lists a subscription awaiting confirmation as "PendingConfirmation" without its
 * ARN, so such a subscription's filter can be neither read nor changed until it is confirmed.
 */
import {
  GetSubscriptionAttributesCommand,
  ListSubscriptionsByTopicCommand,
  SetSubscriptionAttributesCommand,
  type SNSClient,
  SubscribeCommand,
  type Subscription,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import {
  type EmailSubscriptions,
  type FilterPolicy,
  SubscriptionPendingError,
  type TopicEmailSubscription,
} from '../../shared/ports/email-subscriptions.ts';

const PENDING_ARN = 'PendingConfirmation';

export class SnsEmailSubscriptions implements EmailSubscriptions {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
  ) {}

  private async listed(email: string): Promise<Subscription | null> {
    const address = email.trim().toLowerCase();
    let nextToken: string | undefined;
    do {
      const page = await this.sns.send(
        new ListSubscriptionsByTopicCommand({ TopicArn: this.topicArn, NextToken: nextToken }),
      );
      const found = page.Subscriptions?.find(
        (each) => each.Protocol === 'email' && each.Endpoint?.trim().toLowerCase() === address,
      );
      if (found !== undefined) return found;
      nextToken = page.NextToken;
    } while (nextToken !== undefined);
    return null;
  }

  private async attributes(subscriptionArn: string): Promise<TopicEmailSubscription> {
    const { Attributes = {} } = await this.sns.send(
      new GetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn }),
    );
    return {
      filterPolicy:
        Attributes.FilterPolicy === undefined ? {} : (JSON.parse(Attributes.FilterPolicy) as FilterPolicy),
      pending: Attributes.PendingConfirmation === 'true',
    };
  }

  async find(email: string): Promise<TopicEmailSubscription | null> {
    const listed = await this.listed(email);
    if (listed === null) return null;
    if (listed.SubscriptionArn === undefined || listed.SubscriptionArn === PENDING_ARN) {
      return { filterPolicy: null, pending: true };
    }
    return this.attributes(listed.SubscriptionArn);
  }

  async put(email: string, filterPolicy: FilterPolicy): Promise<TopicEmailSubscription> {
    const listed = await this.listed(email);
    if (listed?.SubscriptionArn === PENDING_ARN) {
      throw new SubscriptionPendingError(
        `${email} has a subscription waiting for confirmation: follow the link in its email first`,
      );
    }
    if (listed?.SubscriptionArn !== undefined) {
      await this.sns.send(
        new SetSubscriptionAttributesCommand({
          SubscriptionArn: listed.SubscriptionArn,
          AttributeName: 'FilterPolicy',
          AttributeValue: JSON.stringify(filterPolicy),
        }),
      );
      return this.attributes(listed.SubscriptionArn);
    }
    const { SubscriptionArn } = await this.sns.send(
      new SubscribeCommand({
        TopicArn: this.topicArn,
        Protocol: 'email',
        Endpoint: email.trim(),
        ReturnSubscriptionArn: true,
        Attributes: { FilterPolicy: JSON.stringify(filterPolicy) },
      }),
    );
    if (SubscriptionArn === undefined || SubscriptionArn === PENDING_ARN)
      return { filterPolicy, pending: true };
    return this.attributes(SubscriptionArn);
  }

  async remove(email: string): Promise<boolean> {
    const listed = await this.listed(email);
    if (listed?.SubscriptionArn === undefined) return false;
    if (listed.SubscriptionArn === PENDING_ARN) {
      throw new SubscriptionPendingError(
        `${email} has a subscription waiting for confirmation; SNS removes it if its link is not followed within three days`,
      );
    }
    await this.sns.send(new UnsubscribeCommand({ SubscriptionArn: listed.SubscriptionArn }));
    return true;
  }
}
