import { describe, expect, it } from 'vitest';
import {
  FilterPolicyError,
  type FilterPolicyScope,
  matchesFilterPolicy,
  parseFilterPolicy,
} from '../../../local/sns/filter-policy.ts';
import type { DeliveredAttributes } from '../../../local/sns/message-attributes.ts';

interface AttributeCase {
  readonly policy: object;
  readonly attributes: DeliveredAttributes;
  readonly matches: boolean;
}

interface BodyCase {
  readonly policy: object;
  readonly body: unknown;
  readonly matches: boolean;
}

const string = (Value: string) => ({ Type: 'String', Value });
const stringArray = (values: readonly unknown[]) => ({ Type: 'String.Array', Value: JSON.stringify(values) });
const number = (Value: string) => ({ Type: 'Number', Value });

const bodyText = (body: unknown) => (typeof body === 'string' ? body : JSON.stringify(body));

// Examples from "String value matching": https://docs.aws.amazon.com/sns/latest/dg/string-value-matching.html
const stringValueMatching: readonly AttributeCase[] = [
  {
    policy: { customer_interests: ['rugby', 'tennis'] },
    attributes: { customer_interests: string('rugby') },
    matches: true,
  },
  {
    policy: { customer_interests: ['rugby', 'tennis'] },
    attributes: { customer_interests: string('tennis') },
    matches: true,
  },
  {
    policy: { customer_interests: ['rugby', 'tennis'] },
    attributes: { customer_interests: stringArray(['rugby', 'tennis']) },
    matches: true,
  },
  {
    policy: { customer_interests: ['rugby', 'tennis'] },
    attributes: { customer_interests: string('baseball') },
    matches: false,
  },
  {
    policy: { customer_interests: ['rugby', 'tennis'] },
    attributes: { customer_interests: stringArray(['baseball']) },
    matches: false,
  },
  {
    policy: { customer_interests: [{ 'anything-but': ['rugby', 'tennis'] }] },
    attributes: { customer_interests: string('baseball') },
    matches: true,
  },
  {
    policy: { customer_interests: [{ 'anything-but': ['rugby', 'tennis'] }] },
    attributes: { customer_interests: string('football') },
    matches: true,
  },
  {
    policy: { customer_interests: [{ 'anything-but': ['rugby', 'tennis'] }] },
    attributes: { customer_interests: stringArray(['rugby', 'baseball']) },
    matches: true,
  },
  {
    policy: { customer_interests: [{ 'anything-but': ['rugby', 'tennis'] }] },
    attributes: { customer_interests: string('rugby') },
    matches: false,
  },
  {
    policy: { event: [{ 'anything-but': { prefix: 'order-' } }] },
    attributes: { event: string('data-entry') },
    matches: true,
  },
  {
    policy: { event: [{ 'anything-but': { prefix: 'order-' } }] },
    attributes: { event: string('order_number') },
    matches: true,
  },
  {
    policy: { event: [{ 'anything-but': { prefix: 'order-' } }] },
    attributes: { event: string('order-cancelled') },
    matches: false,
  },
  {
    policy: { customer_interests: [{ 'equals-ignore-case': 'tennis' }] },
    attributes: { customer_interests: string('TENNIS') },
    matches: true,
  },
  {
    policy: { customer_interests: [{ 'equals-ignore-case': 'tennis' }] },
    attributes: { customer_interests: string('Tennis') },
    matches: true,
  },
  {
    policy: { customer_interests: [{ 'equals-ignore-case': 'tennis' }] },
    attributes: { customer_interests: string('rugby') },
    matches: false,
  },
  {
    policy: { customer_interests: [{ prefix: 'bas' }] },
    attributes: { customer_interests: string('baseball') },
    matches: true,
  },
  {
    policy: { customer_interests: [{ prefix: 'bas' }] },
    attributes: { customer_interests: string('basketball') },
    matches: true,
  },
  {
    policy: { customer_interests: [{ prefix: 'bas' }] },
    attributes: { customer_interests: string('rugby') },
    matches: false,
  },
  {
    policy: { customer_interests: [{ suffix: 'ball' }] },
    attributes: { customer_interests: string('baseball') },
    matches: true,
  },
  {
    policy: { customer_interests: [{ suffix: 'ball' }] },
    attributes: { customer_interests: string('basketball') },
    matches: true,
  },
  {
    policy: { customer_interests: [{ suffix: 'ball' }] },
    attributes: { customer_interests: string('rugby') },
    matches: false,
  },
  {
    policy: { source_ip: [{ cidr: '10.0.0.0/24' }] },
    attributes: { source_ip: string('10.0.0.0') },
    matches: true,
  },
  {
    policy: { source_ip: [{ cidr: '10.0.0.0/24' }] },
    attributes: { source_ip: string('10.0.0.255') },
    matches: true,
  },
  {
    policy: { source_ip: [{ cidr: '10.0.0.0/24' }] },
    attributes: { source_ip: string('10.1.1.0') },
    matches: false,
  },
];

// Examples from "Numeric value matching": https://docs.aws.amazon.com/sns/latest/dg/numeric-value-matching.html
const numericValueMatching: readonly AttributeCase[] = [
  {
    policy: { price_usd: [{ numeric: ['=', 301.5] }] },
    attributes: { price_usd: number('301.5') },
    matches: true,
  },
  {
    policy: { price_usd: [{ numeric: ['=', 301.5] }] },
    attributes: { price_usd: number('3.015e2') },
    matches: true,
  },
  {
    policy: { price: [{ 'anything-but': [100, 500] }] },
    attributes: { price: number('101') },
    matches: true,
  },
  {
    policy: { price: [{ 'anything-but': [100, 500] }] },
    attributes: { price: number('100.1') },
    matches: true,
  },
  {
    policy: { price: [{ 'anything-but': [100, 500] }] },
    attributes: { price: { Type: 'Number.Array', Value: '[100, 50]' } },
    matches: true,
  },
  {
    policy: { price: [{ 'anything-but': [100, 500] }] },
    attributes: { price: number('100') },
    matches: false,
  },
  {
    policy: { price_usd: [{ numeric: ['<', 0] }] },
    attributes: { price_usd: number('-0.5') },
    matches: true,
  },
  { policy: { price_usd: [{ numeric: ['<', 0] }] }, attributes: { price_usd: number('0') }, matches: false },
  {
    policy: { price_usd: [{ numeric: ['>', 0, '<=', 150] }] },
    attributes: { price_usd: number('150') },
    matches: true,
  },
  {
    policy: { price_usd: [{ numeric: ['>', 0, '<=', 150] }] },
    attributes: { price_usd: number('0') },
    matches: false,
  },
  {
    policy: { price_usd: [{ numeric: ['>', 0, '<=', 150] }] },
    attributes: { price_usd: number('150.01') },
    matches: false,
  },
];

// Examples from "Key matching": https://docs.aws.amazon.com/sns/latest/dg/attribute-key-matching.html
const keyMatching: readonly AttributeCase[] = [
  {
    policy: { store: [{ exists: true }] },
    attributes: { store: string('fans'), customer_interests: stringArray(['baseball', 'basketball']) },
    matches: true,
  },
  {
    policy: { store: [{ exists: true }] },
    attributes: { customer_interests: stringArray(['baseball', 'basketball']) },
    matches: false,
  },
  {
    policy: { store: [{ exists: false }] },
    attributes: { store: string('fans'), customer_interests: stringArray(['baseball', 'basketball']) },
    matches: false,
  },
  {
    policy: { store: [{ exists: false }] },
    attributes: { customer_interests: stringArray(['baseball', 'basketball']) },
    matches: true,
  },
  // The page's note: "exists": false only matches if at least one attribute is present.
  { policy: { store: [{ exists: false }] }, attributes: {}, matches: false },
];

// Examples from "AND/OR logic": https://docs.aws.amazon.com/sns/latest/dg/and-or-logic.html
const andOrLogic: readonly AttributeCase[] = [
  {
    policy: { customer_interests: ['rugby'], price_usd: [{ numeric: ['>', 100] }] },
    attributes: { customer_interests: string('rugby'), price_usd: number('101') },
    matches: true,
  },
  {
    policy: { customer_interests: ['rugby'], price_usd: [{ numeric: ['>', 100] }] },
    attributes: { customer_interests: string('rugby'), price_usd: number('100') },
    matches: false,
  },
  {
    policy: { customer_interests: ['rugby'], price_usd: [{ numeric: ['>', 100] }] },
    attributes: { customer_interests: string('rugby') },
    matches: false,
  },
  {
    policy: { customer_interests: ['rugby', 'football', 'baseball'] },
    attributes: { customer_interests: string('football') },
    matches: true,
  },
  {
    policy: { customer_interests: ['rugby', 'football', 'baseball'] },
    attributes: { customer_interests: string('hockey') },
    matches: false,
  },
  {
    policy: {
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }],
    },
    attributes: { source: string('aws.cloudwatch'), metricName: string('CPUUtilization') },
    matches: true,
  },
  {
    policy: {
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }],
    },
    attributes: { source: string('aws.cloudwatch'), namespace: string('AWS/EC2') },
    matches: true,
  },
  {
    policy: {
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }],
    },
    attributes: { source: string('aws.cloudwatch'), metricName: string('DiskReadOps') },
    matches: false,
  },
  {
    policy: {
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }],
    },
    attributes: { source: string('aws.events'), namespace: string('AWS/EC2') },
    matches: false,
  },
];

// The example message and policies of "Amazon SNS example filter policies":
// https://docs.aws.amazon.com/sns/latest/dg/example-filter-policies.html
const exampleMessageAttributes: DeliveredAttributes = {
  customer_interests: stringArray(['soccer', 'rugby', 'hockey']),
  store: string('example_corp'),
  event: string('order_placed'),
  price_usd: number('210.75'),
};
const acceptingPolicy = {
  store: ['example_corp'],
  event: [{ 'anything-but': 'order_cancelled' }],
  customer_interests: ['rugby', 'football', 'baseball'],
  price_usd: [{ numeric: ['>=', 100] }],
};
const rejectingPolicy = {
  store: ['example_corp'],
  event: ['order_cancelled'],
  encrypted: [false],
  customer_interests: ['basketball', 'baseball'],
};
const examplePolicies: readonly AttributeCase[] = [
  { policy: acceptingPolicy, attributes: exampleMessageAttributes, matches: true },
  { policy: rejectingPolicy, attributes: exampleMessageAttributes, matches: false },
];

// The same pages' message-body examples, for FilterPolicyScope MessageBody.
const messageBodyMatching: readonly BodyCase[] = [
  {
    policy: { customer_interests: ['rugby', 'tennis'] },
    body: { customer_interests: 'rugby' },
    matches: true,
  },
  {
    policy: { customer_interests: ['rugby', 'tennis'] },
    body: { customer_interests: 'baseball' },
    matches: false,
  },
  {
    policy: { customer_interests: [{ 'equals-ignore-case': 'tennis' }] },
    body: { customer_interests: 'tenNis' },
    matches: true,
  },
  { policy: { price_usd: [{ numeric: ['=', 301.5] }] }, body: '{"price_usd": 3.015e2}', matches: true },
  { policy: { price: [{ 'anything-but': [100, 500] }] }, body: { price: [100, 50] }, matches: true },
  { policy: { price: [{ 'anything-but': [100, 500] }] }, body: { price: 100 }, matches: false },
  {
    policy: { store: [{ exists: true }] },
    body: { store: 'fans', customer_interests: ['baseball', 'basketball'] },
    matches: true,
  },
  {
    policy: { store: [{ exists: true }] },
    body: { customer_interests: ['baseball', 'basketball'] },
    matches: false,
  },
  {
    policy: { store: [{ exists: false }] },
    body: { customer_interests: ['baseball', 'basketball'] },
    matches: true,
  },
  {
    policy: acceptingPolicy,
    body: {
      customer_interests: ['soccer', 'rugby', 'hockey'],
      store: 'example_corp',
      event: 'order_placed',
      price_usd: 210.75,
    },
    matches: true,
  },
  {
    policy: rejectingPolicy,
    body: {
      customer_interests: ['soccer', 'rugby', 'hockey'],
      store: 'example_corp',
      event: 'order_placed',
      price_usd: 210.75,
    },
    matches: false,
  },
];

// Nested keys, which only the MessageBody scope supports: each level of the policy follows the body's nesting.
const nestedBodyMatching: readonly BodyCase[] = [
  {
    policy: { article: { countries: ['PK'], topic: [{ prefix: 'counterterrorism' }] } },
    body: { article: { countries: ['PK', 'US'], topic: 'counterterrorism dialogue' } },
    matches: true,
  },
  {
    policy: { article: { countries: ['PK'], topic: [{ prefix: 'counterterrorism' }] } },
    body: { article: { countries: ['IN'], topic: 'counterterrorism dialogue' } },
    matches: false,
  },
  {
    policy: { article: { countries: ['PK'] } },
    body: { articles: [{ countries: ['PK'] }] },
    matches: false,
  },
  {
    policy: { article: { countries: ['PK'] } },
    body: { article: [{ countries: ['US'] }, { countries: ['PK'] }] },
    matches: true,
  },
  // Body-scope keys on a nested path, which the SNS guide leaves open, decided from the documented
  // examples of AWS's matching engine (https://github.com/aws/event-ruler#ruler-by-example): an event
  // is name/value pairs whose nested names are joined with dots, so a property named "order.status"
  // is the field order.status; and `exists` works on leaf nodes only, so a key holding an object
  // does not exist. See docs/emulators.md.
  { policy: { order: { status: ['placed'] } }, body: { 'order.status': 'placed' }, matches: true },
  { policy: { order: { status: ['placed'] } }, body: { order: { 'status.code': 'placed' } }, matches: false },
  {
    policy: { detail: { 'c-count': [{ exists: false }] } },
    body: { detail: { state: 'running', 'c-count': { c1: 100 } } },
    matches: true,
  },
  {
    policy: { detail: { 'c-count': [{ exists: true }] } },
    body: { detail: { state: 'running', 'c-count': { c1: 100 } } },
    matches: false,
  },
  { policy: { article: { countries: ['PK'] } }, body: 'not json', matches: false },
  { policy: { article: { countries: ['PK'] } }, body: '["PK"]', matches: false },
];

describe('matchesFilterPolicy on message attributes', () => {
  const tables = { stringValueMatching, numericValueMatching, keyMatching, andOrLogic, examplePolicies };
  for (const [table, cases] of Object.entries(tables)) {
    it.each(cases)(`${table}: $policy against $attributes → $matches`, ({ policy, attributes, matches }) => {
      // Prepare
      const parsed = parseFilterPolicy(JSON.stringify(policy), 'MessageAttributes');

      // Act
      const accepted = matchesFilterPolicy(parsed, { attributes, body: '{}' });

      // Assess
      expect(accepted).toBe(matches);
    });
  }

  it('ignores Binary attributes, as SNS does', () => {
    // Prepare
    const parsed = parseFilterPolicy('{"store": [{"exists": true}]}', 'MessageAttributes');
    const attributes = { store: { Type: 'Binary', Value: Buffer.from('example_corp').toString('base64') } };

    // Act
    const exists = matchesFilterPolicy(parsed, { attributes, body: '{}' });

    // Assess
    expect(exists).toBe(false);
  });

  it('accepts every message when the policy is empty', () => {
    // Prepare
    const parsed = parseFilterPolicy('{}', 'MessageAttributes');

    // Act
    const accepted = matchesFilterPolicy(parsed, { attributes: {}, body: 'plain text' });

    // Assess
    expect(accepted).toBe(true);
  });
});

describe('matchesFilterPolicy on the message body', () => {
  const tables = { messageBodyMatching, nestedBodyMatching };
  for (const [table, cases] of Object.entries(tables)) {
    it.each(cases)(`${table}: $policy against $body → $matches`, ({ policy, body, matches }) => {
      // Prepare
      const parsed = parseFilterPolicy(JSON.stringify(policy), 'MessageBody');

      // Act
      const accepted = matchesFilterPolicy(parsed, { attributes: {}, body: bodyText(body) });

      // Assess
      expect(accepted).toBe(matches);
    });
  }
});

interface InvalidPolicyCase {
  readonly policy: string;
  readonly scope: FilterPolicyScope;
  readonly reason: string;
}

// Reasons as SNS words them after "Invalid parameter: ", per the filter policy constraints page
// (https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html) and AWS replies.
const invalidPolicies: readonly InvalidPolicyCase[] = [
  {
    policy: '{"store": ["example_corp"',
    scope: 'MessageAttributes',
    reason: 'FilterPolicy: failed to parse JSON.',
  },
  {
    policy: '["example_corp"]',
    scope: 'MessageAttributes',
    reason: 'FilterPolicy: Filter policy must be a JSON object',
  },
  {
    policy: '{"store": []}',
    scope: 'MessageAttributes',
    reason: 'FilterPolicy: Empty arrays are not allowed',
  },
  {
    policy: '{"store": "example_corp"}',
    scope: 'MessageAttributes',
    reason: 'FilterPolicy: "store" must be an object or an array',
  },
  {
    policy: '{"store": [{"wildcard": "ex*"}]}',
    scope: 'MessageAttributes',
    reason: 'FilterPolicy: Unrecognized match type wildcard',
  },
  {
    policy: '{"store": [{"prefix": 1}]}',
    scope: 'MessageAttributes',
    reason: 'FilterPolicy: prefix match pattern must be a string',
  },
  {
    policy: '{"store": [{"prefix": "a", "suffix": "b"}]}',
    scope: 'MessageAttributes',
    reason: 'FilterPolicy: Only one key allowed in match expression',
  },
  {
    policy: '{"store": [{"exists": "yes"}]}',
    scope: 'MessageAttributes',
    reason: 'FilterPolicy: exists match pattern must be either true or false.',
  },
  {
    policy: '{"store": [{"anything-but": {"equals-ignore-case": "x"}}]}',
    scope: 'MessageAttributes',
    reason: 'FilterPolicy: Unsupported anything-but pattern: equals-ignore-case',
  },
  {
    policy: '{"price": [{"numeric": ["~", 1]}]}',
    scope: 'MessageAttributes',
    reason: 'FilterPolicy: Unrecognized numeric range operator: ~',
  },
  {
    policy: '{"price": [{"numeric": ["=", "1"]}]}',
    scope: 'MessageAttributes',
    reason: 'FilterPolicy: Value of equals must be numeric',
  },
  {
    policy: '{"price": [{"numeric": ["<", 1, ">", 0]}]}',
    scope: 'MessageAttributes',
    reason: 'FilterPolicy: Too many elements in numeric expression',
  },
  {
    policy: '{"price": [{"numeric": [">", 10, "<", 5]}]}',
    scope: 'MessageAttributes',
    reason: 'FilterPolicy: Bottom must be less than top',
  },
  {
    policy: '{"ip": [{"cidr": "10.0.0.0"}]}',
    scope: 'MessageAttributes',
    reason: "FilterPolicy: Malformed CIDR, one '/' required",
  },
  {
    policy: '{"a": ["1"], "b": ["1"], "c": ["1"], "d": ["1"], "e": ["1"], "f": ["1"]}',
    scope: 'MessageAttributes',
    reason: 'FilterPolicy: Filter policy can not have more than 5 keys',
  },
  {
    policy: JSON.stringify({
      a: Array.from({ length: 10 }, String),
      b: Array.from({ length: 10 }, String),
      c: ['1', '2'],
    }),
    scope: 'MessageAttributes',
    reason: 'FilterPolicy: Filter policy is too complex',
  },
  {
    policy: '{"article": {"countries": ["PK"]}}',
    scope: 'MessageAttributes',
    reason: 'Filter policy scope MessageAttributes does not support nested filter policy',
  },
];

describe('parseFilterPolicy', () => {
  it.each(invalidPolicies)('refuses $policy with "$reason"', ({ policy, scope, reason }) => {
    // Prepare
    const expected = new FilterPolicyError(reason);

    // Act
    const parse = () => parseFilterPolicy(policy, scope);

    // Assess
    expect(parse).toThrow(FilterPolicyError);
    expect(parse).toThrow(expected);
  });

  it('accepts nested keys for the MessageBody scope', () => {
    // Prepare
    const policy = '{"article": {"countries": ["PK"]}}';

    // Act
    const parsed = parseFilterPolicy(policy, 'MessageBody');

    // Assess
    expect(parsed.branches).toHaveLength(1);
  });

  it('treats $or holding a single object as a plain key name, as SNS does', () => {
    // Prepare
    const policy = '{"$or": [{"store": ["example_corp"]}]}';

    // Act
    const parse = () => parseFilterPolicy(policy, 'MessageAttributes');

    // Assess
    expect(parse).toThrow(new FilterPolicyError('FilterPolicy: Unrecognized match type store'));
  });
});
