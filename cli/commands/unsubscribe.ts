/**
 * `wirewatch unsubscribe --email ADDRESS [--digest]`: removes every subscription of the address on the
 * alerts topic, whatever its filter policy; with --digest, its daily digest instead. A subscription still waiting for confirmation on AWS has no ARN
 * yet and cannot be removed; it lapses on its own after three days.
 */
import { ListSubscriptionsByTopicCommand, type SNSClient, UnsubscribeCommand } from '@aws-sdk/client-sns';
import { DynamoDbSubscriptionStore } from '../../adapters/dynamodb/subscription-store.dynamodb.ts';
import { parseCommandArgs } from '../../tools/cli-arguments.ts';
import { withTarget } from '../target.ts';
import { checkEmail } from './subscribe.ts';

const USAGE = `Usage: wirewatch unsubscribe --email ADDRESS [--digest] [--state DIR]

  Removes every alert subscription of ADDRESS; with --digest, its daily digest subscriptions instead.
  Without --state, the topic is WIREWATCH_TOPIC_ARN (with --digest, WIREWATCH_DIGEST_TOPIC_ARN and
  WIREWATCH_TABLE_NAME).`;

const PENDING = 'PendingConfirmation';

export interface UnsubscribeResult {
  removed: { subscriptionArn: string; protocol: string }[];
  pending: number;
}

export async function unsubscribeEmail(
  sns: SNSClient,
  topicArn: string,
  email: string,
): Promise<UnsubscribeResult> {
  const wanted = email.toLowerCase();
  const result: UnsubscribeResult = { removed: [], pending: 0 };
  const found: { subscriptionArn: string; protocol: string }[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sns.send(
      new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken: nextToken }),
    );
    for (const subscription of page.Subscriptions ?? []) {
      if (subscription.Endpoint?.toLowerCase() !== wanted) continue;
      if (!subscription.Protocol?.startsWith('email')) continue;
      if (subscription.SubscriptionArn === PENDING || subscription.SubscriptionArn === undefined)
        result.pending += 1;
      else found.push({ subscriptionArn: subscription.SubscriptionArn, protocol: subscription.Protocol });
    }
    nextToken = page.NextToken;
  } while (nextToken !== undefined);
  // Removed after listing, so the pages being walked do not shift underneath.
  for (const subscription of found) {
    await sns.send(new UnsubscribeCommand({ SubscriptionArn: subscription.subscriptionArn }));
    result.removed.push(subscription);
  }
  return result;
}

export async function main(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      email: { type: 'string' },
      digest: { type: 'boolean', default: false },
      state: { type: 'string' },
    },
    USAGE,
  );
  const email = checkEmail(values.email);
  if (values.digest) {
    return withTarget({ state: values.state, needs: ['table', 'digests'] }, async (target) => {
      const removed = await new DynamoDbSubscriptionStore(target.table).removeSubscriptionsFor(email);
      const { removed: topicSubscriptions } = await unsubscribeEmail(
        target.digests.sns,
        target.digests.topicArn,
        email,
      );
      console.log(
        removed + topicSubscriptions.length === 0
          ? `${email} has no daily digest: nothing to do.`
          : `Unsubscribed ${email} from the daily digest (${removed} filter${removed === 1 ? '' : 's'} removed)`,
      );
      return 0;
    });
  }
  return withTarget({ state: values.state, needs: ['alerts'] }, async (target) => {
    const { removed, pending } = await unsubscribeEmail(target.alerts.sns, target.alerts.topicArn, email);
    if (removed.length === 0 && pending === 0) {
      console.log(`${email} has no subscription on ${target.alerts.topicArn}: nothing to do.`);
    }
    if (removed.length > 0) {
      console.log(
        `Unsubscribed ${email}: removed ${removed.length} subscription${removed.length === 1 ? '' : 's'}`,
      );
      for (const { subscriptionArn } of removed) console.log(`  ${subscriptionArn}`);
    }
    if (pending > 0) {
      console.log(
        `${pending} subscription${pending === 1 ? ' is' : 's are'} still waiting for confirmation: SNS cannot remove ${pending === 1 ? 'it' : 'them'}, and ${pending === 1 ? 'it lapses' : 'they lapse'} after three days unless confirmed.`,
      );
    }
    return 0;
  });
}
