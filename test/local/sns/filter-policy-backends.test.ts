/**
 * The same SNS filter policies × messages (test/support/filter-policy-matrix.ts) on the local SNS
 * emulator and on moto, through the SNS API: they may disagree only where moto departs from the AWS
 * documentation, each departure named below with the page that decides it (docs/emulators.md has
 * the table). A new disagreement, or a departure moto has fixed, fails here. Runs with
 * WIREWATCH_TEST_BACKEND=moto; the emulator's side alone is pinned in filter-policy.test.ts.
 */
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deliveriesOnEmulator,
  deliveriesOnMoto,
  disagreements,
  type MatrixRun,
  MESSAGES,
  POLICIES,
} from '../../support/filter-policy-matrix.ts';
import { motoClientConfig, TEST_BACKEND } from '../../support/test-backend.ts';
import { type SnsTestHarness, startTestEmulator } from './sns-test-harness.ts';

/** moto answers HTTP 500 to these publishes: a body string where a subscription has a numeric condition. */
const MOTO_PUBLISH_FAILURES = ['body: total as text'];

/** Messages published with a body only, no attributes; the pairs moto could not publish are not compared. */
const BODY_ONLY_MESSAGES = Object.entries(MESSAGES)
  .filter(([name, message]) => message.attributes === undefined && !MOTO_PUBLISH_FAILURES.includes(name))
  .map(([name]) => name);

/** Where moto differs from the AWS documentation; on every one of these pairs the emulator follows it. */
const MOTO_FILTER_POLICY_DEPARTURES: readonly {
  name: string;
  decidedBy: string;
  pairs: readonly string[];
}[] = [
  {
    name: 'moto never matches equals-ignore-case',
    decidedBy: 'https://docs.aws.amazon.com/sns/latest/dg/string-value-matching.html',
    pairs: ['the guide example', 'store in other case', 'store as a list'].map(
      (message) => `equals-ignore-case × ${message}`,
    ),
  },
  {
    name: 'moto refuses cidr at Subscribe ("Unrecognized match type cidr")',
    decidedBy: 'https://docs.aws.amazon.com/sns/latest/dg/string-value-matching.html (IP address matching)',
    pairs: ['cidr refused'],
  },
  {
    name: 'moto delivers attribute-scope "exists": false to messages with no attributes at all',
    decidedBy:
      'https://docs.aws.amazon.com/sns/latest/dg/attribute-key-matching.html (the note on exists: false)',
    pairs: BODY_ONLY_MESSAGES.map((message) => `exists false × ${message}`),
  },
  {
    name: 'moto does not deliver body-scope "exists": false on a nested key whose leaf is absent or null',
    decidedBy:
      'https://docs.aws.amazon.com/sns/latest/dg/attribute-key-matching.html (exists: true needs a non-null value; exists works on leaf nodes)',
    pairs: [
      'body: no store',
      'body: order null',
      'body: status null',
      'body: store in other case',
      'body: empty object',
    ].map((message) => `body nested exists false × ${message}`),
  },
  {
    name: 'moto filters a JSON list body by the objects in it',
    decidedBy:
      'https://docs.aws.amazon.com/sns/latest/dg/message-filtering.html ("the message payload is a well-formed JSON object")',
    pairs: ['body exact × body: a JSON list'],
  },
  {
    name: 'moto does not match numeric conditions against the numbers of a String.Array attribute',
    decidedBy:
      'https://docs.aws.amazon.com/sns/latest/dg/sns-message-attributes.html (a String.Array may hold numbers) and https://docs.aws.amazon.com/sns/latest/dg/string-value-matching.html (each element is matched separately)',
    pairs: ['numeric range × prices as a list'],
  },
  {
    name: 'moto does not match a nested body policy against a property whose name holds the dotted path',
    decidedBy:
      'https://github.com/aws/event-ruler#ruler-by-example (AWS matching engine: an event is name/value pairs, nested names joined with dots, so {"order.status"} and {"order": {"status"}} are the same field)',
    pairs: ['body nested × body: dotted key'],
  },
];

describe.skipIf(TEST_BACKEND !== 'moto')('SNS filter policies on the local emulator and on moto', () => {
  let harness: SnsTestHarness;
  let emulator: MatrixRun;
  let moto: MatrixRun;

  beforeAll(async () => {
    harness = await startTestEmulator();
    emulator = await deliveriesOnEmulator(harness.emulator, harness.client, await harness.createTopic());
    const config = motoClientConfig();
    const sns = new SNSClient(config);
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'filter-policy-matrix' }));
    moto = await deliveriesOnMoto(sns, new SQSClient(config), TopicArn as string);
  }, 120_000);

  afterAll(async () => {
    await harness.stop();
  });

  it(`disagree on ${Object.keys(POLICIES).length} policies × ${Object.keys(MESSAGES).length} messages only where moto departs from the AWS documentation`, () => {
    // Act
    const differences = disagreements(emulator, moto);

    // Assess
    expect(differences.sort()).toEqual(MOTO_FILTER_POLICY_DEPARTURES.flatMap(({ pairs }) => pairs).sort());
  });

  it('publish every message on the emulator, and all but the known ones on moto', () => {
    // Assess
    expect([...emulator.publishFailures.keys()]).toEqual([]);
    expect([...moto.publishFailures.keys()]).toEqual(MOTO_PUBLISH_FAILURES);
  });
});
