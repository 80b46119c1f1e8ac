/**
 * `wirewatch subscribe --email ADDRESS [--rule ID] [--pair PK-US] [--topic ID] [--country XX] [--digest]`:
 * an email subscription on the alerts topic whose filter policy selects on the alert's message
 * attributes (`rule`, `countryPairs`, `topics`, `countries`). Each option may repeat (any of its
 * values); different options must all hold. With none, the address receives every alert.
 * With --digest the address instead gets one email a day with the day's matches: a Subscription item
 * holds its filter, and its SNS subscription on the digest topic accepts only mail addressed to it.
 */
import { type SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { DynamoDbRuleStore } from '../../adapters/dynamodb/rule-store.dynamodb.ts';
import { DynamoDbSubscriptionStore } from '../../adapters/dynamodb/subscription-store.dynamodb.ts';
import type { TableClient } from '../../adapters/dynamodb/table-client.ts';
import { newDigestSubscription, recipientFilterPolicy } from '../../shared/alerts/digest-subscription.ts';
import { parseCommandArgs } from '../../tools/cli-arguments.ts';
import { CliError } from '../../tools/cli-error.ts';
import { withTarget } from '../target.ts';
import { normaliseCountry, normalisePair, normaliseTopic } from './query.ts';

const USAGE = `Usage: wirewatch subscribe --email ADDRESS [--rule ID] [--pair PK-US] [--topic ID] [--country XX] [--digest] [--state DIR]

  Each option may be given more than once: --pair PK-US --pair IN-PK receives alerts on either pair.
  Different options must all hold: --rule ct-dialogue --country PK receives that rule's alerts on PK.
  --digest sends one email a day (06:00 UTC) with the previous day's matches instead of one per alert.
  On AWS the address first gets a confirmation email; alerts start once its link is followed.
  Without --state, the topic is WIREWATCH_TOPIC_ARN (with --digest, WIREWATCH_DIGEST_TOPIC_ARN and
  WIREWATCH_TABLE_NAME).`;

export interface SubscriptionRequest {
  email: string;
  rules: readonly string[];
  pairs: readonly string[];
  topics: readonly string[];
  countries: readonly string[];
}

export type FilterPolicy = Record<string, string[]>;

/** Only the keys given: an absent key lets every value through. */
export function filterPolicyFor(request: Omit<SubscriptionRequest, 'email'>): FilterPolicy {
  const policy: FilterPolicy = {};
  if (request.rules.length > 0) policy.rule = [...new Set(request.rules)];
  if (request.pairs.length > 0) policy.countryPairs = [...new Set(request.pairs)];
  if (request.topics.length > 0) policy.topics = [...new Set(request.topics)];
  if (request.countries.length > 0) policy.countries = [...new Set(request.countries)];
  return policy;
}

// Deliberately loose: SNS and the mail system are the judges; this catches a missing or swapped value.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkEmail(email: string | undefined): string {
  if (email === undefined || !EMAIL.test(email.trim())) {
    throw new CliError(
      `--email needs an address such as analyst@example.com${email === undefined ? '' : `, not "${email}"`}`,
    );
  }
  return email.trim();
}

/** Subscribes the address; returns the subscription ARN (`pending confirmation` on AWS until confirmed). */
export async function subscribeEmail(
  sns: SNSClient,
  topicArn: string,
  request: SubscriptionRequest,
): Promise<{ subscriptionArn: string; filterPolicy: FilterPolicy }> {
  const filterPolicy = filterPolicyFor(request);
  try {
    const { SubscriptionArn } = await sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: 'email',
        Endpoint: request.email,
        ReturnSubscriptionArn: true,
        ...(Object.keys(filterPolicy).length === 0
          ? {}
          : { Attributes: { FilterPolicy: JSON.stringify(filterPolicy) } }),
      }),
    );
    return { subscriptionArn: SubscriptionArn ?? 'pending confirmation', filterPolicy };
  } catch (error) {
    // SNS keeps one email subscription per address and topic.
    if (error instanceof Error && /already exists with different attributes/i.test(error.message)) {
      throw new CliError(
        `${request.email} is already subscribed with another filter: one address has one subscription on the topic. Run \`wirewatch unsubscribe --email ${request.email}\` first, then subscribe with every option wanted in one command (options may repeat)`,
      );
    }
    throw error;
  }
}

/** Refuses rule ids that name no stored rule: a subscription on one would never receive anything. */
export async function checkRulesExist(table: TableClient, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const stored = new Set((await new DynamoDbRuleStore(table).listRules()).map(({ id }) => id));
  const unknown = [...new Set(ids)].filter((id) => !stored.has(id));
  if (unknown.length > 0) {
    throw new CliError(
      `there is no rule ${unknown.join(', ')}: a subscription on it would never receive an alert (see \`wirewatch rules list\`, or add it first with \`wirewatch rules add\`)`,
    );
  }
}

function parse(args: string[]) {
  return parseCommandArgs(
    args,
    {
      email: { type: 'string' },
      rule: { type: 'string', multiple: true, default: [] },
      pair: { type: 'string', multiple: true, default: [] },
      topic: { type: 'string', multiple: true, default: [] },
      country: { type: 'string', multiple: true, default: [] },
      digest: { type: 'boolean', default: false },
      state: { type: 'string' },
    },
    USAGE,
  ).values;
}

export async function main(args: string[]): Promise<number> {
  const values = parse(args);
  const request: SubscriptionRequest = {
    email: checkEmail(values.email),
    rules: values.rule.map((rule) => rule.trim()),
    pairs: values.pair.map(normalisePair),
    topics: values.topic.map(normaliseTopic),
    countries: values.country.map(normaliseCountry),
  };
  if (values.digest) return subscribeToDigest(request, values.state);
  // The rules are looked up in the table, which only a subscription on rules needs.
  const needs = request.rules.length > 0 ? (['alerts', 'table'] as const) : (['alerts'] as const);
  return withTarget({ state: values.state, needs }, async (target) => {
    if ('table' in target) await checkRulesExist(target.table, request.rules);
    const { subscriptionArn, filterPolicy } = await subscribeEmail(
      target.alerts.sns,
      target.alerts.topicArn,
      request,
    );
    const what =
      Object.keys(filterPolicy).length === 0
        ? 'every alert'
        : `alerts matching ${JSON.stringify(filterPolicy)}`;
    console.log(`Subscribed ${request.email} to ${what}`);
    console.log(`  topic         ${target.alerts.topicArn}`);
    console.log(`  subscription  ${subscriptionArn}`);
    console.log(
      target.stateDir === null
        ? `AWS has sent ${request.email} a confirmation email: alerts start once its link is followed.`
        : `Confirmed at once by the local emulator; emails are written to ${target.stateDir}/outbox.`,
    );
    return 0;
  });
}

async function subscribeToDigest(request: SubscriptionRequest, state: string | undefined): Promise<number> {
  return withTarget({ state, needs: ['table', 'digests'] }, async (target) => {
    await checkRulesExist(target.table, request.rules);
    const { email, ...filter } = request;
    const subscription = newDigestSubscription(
      email,
      {
        rules: [...filter.rules],
        pairs: [...filter.pairs],
        topics: [...filter.topics],
        countries: [...filter.countries],
      },
      new Date().toISOString(),
    );
    await new DynamoDbSubscriptionStore(target.table).putSubscription(subscription);
    // One SNS subscription per address delivers every digest addressed to it, whatever the filters.
    const { SubscriptionArn } = await target.digests.sns.send(
      new SubscribeCommand({
        TopicArn: target.digests.topicArn,
        Protocol: 'email',
        Endpoint: email,
        ReturnSubscriptionArn: true,
        Attributes: { FilterPolicy: JSON.stringify(recipientFilterPolicy(email)) },
      }),
    );
    const filterText =
      Object.keys(subscription.filter).length === 0 ? 'every match' : JSON.stringify(subscription.filter);
    console.log(`Subscribed ${email} to a daily digest of ${filterText}`);
    console.log(`  topic         ${target.digests.topicArn}`);
    console.log(`  subscription  ${SubscriptionArn ?? 'pending confirmation'}`);
    console.log(
      target.stateDir === null
        ? `AWS has sent ${email} a confirmation email: digests start once its link is followed.`
        : `Send one now with \`wirewatch digest --state ${target.stateDir}\`; emails are written to ${target.stateDir}/outbox.`,
    );
    return 0;
  });
}
