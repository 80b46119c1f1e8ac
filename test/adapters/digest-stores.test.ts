/**
 * The digest's DynamoDB adapters on the test backend (test-backend.ts): subscriptions, the alerts of a
 * rule's day, digest records.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbAlertLedger } from '../../adapters/dynamodb/alert-ledger.dynamodb.ts';
import { DynamoDbDigestLedger } from '../../adapters/dynamodb/digest-ledger.dynamodb.ts';
import { DynamoDbSubscriptionStore } from '../../adapters/dynamodb/subscription-store.dynamodb.ts';
import type { DigestRecord } from '../../shared/alerts/digest-record.ts';
import { newDigestSubscription } from '../../shared/alerts/digest-subscription.ts';
import { anAlert } from '../support/builders.ts';
import { startTestTable, type TestTable } from '../support/test-backend.ts';

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(async () => {
  await table.close();
});

const aDigest = (overrides: Partial<DigestRecord> = {}): DigestRecord => ({
  recipientId: 'recipient-1',
  email: 'analyst@example.com',
  day: '2026-11-27',
  matchCount: 2,
  status: 'pending',
  leaseUntil: null,
  publishedAt: null,
  messageId: null,
  attempts: 0,
  ...overrides,
});

describe('digest subscriptions on DynamoDB', () => {
  it('stores one item per address and filter, lists them, and removes every one of an address', async () => {
    // Prepare
    const store = new DynamoDbSubscriptionStore(table);
    const pkUs = newDigestSubscription(
      'analyst@example.com',
      { pairs: ['PK-US'] },
      '2026-11-01T00:00:00.000Z',
    );

    // Act
    await store.putSubscription(pkUs);
    await store.putSubscription(
      newDigestSubscription('analyst@example.com', { pairs: ['PK-US'] }, '2026-11-02'),
    );
    await store.putSubscription(
      newDigestSubscription('Analyst@Example.com', { rules: ['ct-dialogue'] }, '2026-11-03'),
    );
    await store.putSubscription(newDigestSubscription('other@example.com', {}, '2026-11-04'));
    const listed = await store.listDigestSubscriptions();
    const removed = await store.removeSubscriptionsFor('ANALYST@example.com');
    const left = await store.listDigestSubscriptions();

    // Assess
    expect(listed).toHaveLength(3);
    expect(listed).toContainEqual({ ...pkUs, createdAt: '2026-11-02' });
    expect(removed).toBe(2);
    expect(left.map(({ email, mode, filter }) => ({ email, mode, filter }))).toEqual([
      { email: 'other@example.com', mode: 'digest', filter: {} },
    ]);
    const { Item } = await table.client.send(
      new GetCommand({ TableName: table.tableName, Key: { pk: `SUB#${left[0]?.id}`, sk: 'SUB' } }),
    );
    expect(Item).toMatchObject({
      type: 'Subscription',
      schemaVersion: 1,
      gsi1pk: 'SUBSCRIPTIONS#digest',
      gsi1sk: 'other@example.com',
    });
  });
});

describe('alert history on DynamoDB', () => {
  it("lists a rule's alerts of one day, oldest first, and none of the days around it", async () => {
    // Prepare
    const ledger = new DynamoDbAlertLedger(table);
    const at = (matchedAt: string, articleId: string, ruleId = 'history-rule') =>
      ledger.claimAlert(anAlert({ matchedAt, articleId, ruleId }), matchedAt, matchedAt);
    await at('2026-11-26T23:59:59.999Z', 'before');
    await at('2026-11-27T18:00:00.000Z', 'evening');
    await at('2026-11-27T00:00:00.000Z', 'midnight');
    await at('2026-11-27T23:59:59.999Z', 'last');
    await at('2026-11-28T00:00:00.000Z', 'after');
    await at('2026-11-27T12:00:00.000Z', 'other-rule', 'another-rule');

    // Act
    const alerts = await ledger.listAlertsForRule(
      'history-rule',
      '2026-11-27T00:00:00.000Z',
      '2026-11-27T23:59:59.999Z',
    );

    // Assess
    expect(alerts.map(({ articleId }) => articleId)).toEqual(['midnight', 'evening', 'last']);
  });
});

describe('digest ledger on DynamoDB', () => {
  it('lets one run claim a digest, lets it be retried after release, and never after publishing', async () => {
    // Prepare
    const ledger = new DynamoDbDigestLedger(table);
    const now = '2026-11-28T06:00:00.000Z';
    const lease = '2026-11-28T06:01:00.000Z';

    // Act
    const first = await ledger.claimDigest(aDigest(), now, lease);
    const whileLeased = await ledger.claimDigest(aDigest(), now, lease);
    await ledger.releaseDigest('recipient-1', '2026-11-27');
    const retry = await ledger.claimDigest(aDigest({ matchCount: 3 }), now, lease);
    await ledger.markDigestPublished('recipient-1', '2026-11-27', 'message-1', now);
    const afterPublish = await ledger.claimDigest(aDigest(), '2026-11-28T07:00:00.000Z', lease);
    const otherDay = await ledger.claimDigest(aDigest({ day: '2026-11-28' }), now, lease);

    // Assess
    expect(first).toMatchObject({ status: 'pending', attempts: 1, leaseUntil: lease });
    expect(whileLeased).toBeNull();
    expect(retry).toMatchObject({ attempts: 2, matchCount: 2 });
    expect(afterPublish).toBeNull();
    expect(otherDay).toMatchObject({ day: '2026-11-28', attempts: 1 });
    const { Item } = await table.client.send(
      new GetCommand({
        TableName: table.tableName,
        Key: { pk: 'RECIPIENT#recipient-1', sk: 'DIGEST#2026-11-27' },
      }),
    );
    expect(Item).toMatchObject({
      type: 'DigestSent',
      schemaVersion: 1,
      status: 'published',
      messageId: 'message-1',
      leaseUntil: null,
      expiresAt: Date.parse('2026-11-27T00:00:00Z') / 1000 + 90 * 86_400,
    });
  });

  it('takes over a pending digest whose lease has expired', async () => {
    // Prepare
    const ledger = new DynamoDbDigestLedger(table);
    const digest = aDigest({ recipientId: 'recipient-2' });
    await ledger.claimDigest(digest, '2026-11-28T06:00:00.000Z', '2026-11-28T06:01:00.000Z');

    // Act
    const takeover = await ledger.claimDigest(digest, '2026-11-28T06:02:00.000Z', '2026-11-28T06:03:00.000Z');

    // Assess
    expect(takeover).toMatchObject({ attempts: 2, leaseUntil: '2026-11-28T06:03:00.000Z' });
  });
});
