/**
 * A claim whose write succeeded on DynamoDB but whose response was lost is retried by the SDK: the
 * retry must recognise the lease as its own, or the alert is left pending with nobody to publish it.
 */
import { DynamoDBClient, type ServiceInputTypes, type ServiceOutputTypes } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FinalizeRequestMiddleware } from '@smithy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbAlertLedger } from '../../adapters/dynamodb/alert-ledger.dynamodb.ts';
import type { TableClient } from '../../adapters/dynamodb/table-client.ts';
import { anAlert } from '../support/builders.ts';
import { startLocalTable } from '../support/local-table.ts';

let table: Awaited<ReturnType<typeof startLocalTable>>;
beforeAll(async () => {
  table = await startLocalTable();
});
afterAll(async () => {
  await table.close();
});

/** A client to the same table that loses the response to the first `command` it sends. */
function losingFirstResponseOf(command: string): TableClient & { lost: number } {
  const raw = new DynamoDBClient({
    endpoint: table.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const state = { lost: 0 };
  const loseResponse: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> =
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === command && state.lost === 0) {
        state.lost += 1;
        throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
      }
      return result;
    };
  raw.middlewareStack.addRelativeTo(loseResponse, {
    relation: 'after',
    toMiddleware: 'retryMiddleware',
    name: 'loseFirstResponse',
  });
  return {
    client: DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } }),
    tableName: table.tableName,
    get lost() {
      return state.lost;
    },
  };
}

describe('claiming a delivery when a response is lost', () => {
  it('keeps a new claim whose put succeeded but whose response was lost', async () => {
    // Prepare
    const flaky = losingFirstResponseOf('PutItemCommand');
    const ledger = new DynamoDbAlertLedger(flaky);
    const alert = anAlert({ articleId: 'lost-put' });

    // Act
    const claimed = await ledger.claimAlert(alert, '2026-11-27T08:00:00.000Z', '2026-11-27T08:01:00.000Z');

    // Assess
    expect(flaky.lost).toBe(1);
    expect(claimed).toMatchObject({
      articleId: 'lost-put',
      status: 'pending',
      leaseUntil: '2026-11-27T08:01:00.000Z',
    });
    expect(claimed).not.toHaveProperty('claimToken');
  });

  it('keeps a take-over whose update succeeded but whose response was lost', async () => {
    // Prepare: a pending alert whose holder's lease ran out.
    const alert = anAlert({ articleId: 'lost-update' });
    await new DynamoDbAlertLedger(table).claimAlert(
      alert,
      '2026-11-27T08:00:00.000Z',
      '2026-11-27T08:01:00.000Z',
    );
    const flaky = losingFirstResponseOf('UpdateItemCommand');

    // Act
    const claimed = await new DynamoDbAlertLedger(flaky).claimAlert(
      alert,
      '2026-11-27T08:05:00.000Z',
      '2026-11-27T08:06:00.000Z',
    );

    // Assess
    expect(flaky.lost).toBe(1);
    expect(claimed).toMatchObject({ status: 'pending', leaseUntil: '2026-11-27T08:06:00.000Z' });
  });

  it('still refuses a second claimant while the first holds its lease', async () => {
    // Prepare
    const alert = anAlert({ articleId: 'held' });
    const ledger = new DynamoDbAlertLedger(table);
    await ledger.claimAlert(alert, '2026-11-27T08:00:00.000Z', '2026-11-27T08:01:00.000Z');

    // Act
    const second = await ledger.claimAlert(alert, '2026-11-27T08:00:10.000Z', '2026-11-27T08:01:10.000Z');

    // Assess
    expect(second).toBeNull();
  });
});
