/** `wirewatch subscribe --rule ID`: only rules that exist, since a subscription on another gets nothing. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbRuleStore } from '../../adapters/dynamodb/rule-store.dynamodb.ts';
import type { TableClient } from '../../adapters/dynamodb/table-client.ts';
import { checkRulesExist, main as subscribe } from '../../cli/commands/subscribe.ts';
import { startLocalTable } from '../support/local-table.ts';
import { CT_DIALOGUE_RULE } from '../support/sample-pipeline.ts';

let table: TableClient & { close(): Promise<void> };
let state: string;

beforeAll(async () => {
  table = await startLocalTable();
  await new DynamoDbRuleStore(table).putRule(CT_DIALOGUE_RULE);
  state = await mkdtemp(join(tmpdir(), 'wirewatch-subscribe-rules-'));
});

afterAll(async () => {
  await table.close();
  await rm(state, { recursive: true, force: true });
});

describe('subscribing on rules', () => {
  it('accepts stored rules and refuses, by id, those that are not', async () => {
    // Act
    const stored = await checkRulesExist(table, ['ct-dialogue']);
    const unknown = await checkRulesExist(table, ['ct-dialogue', 'no-such-rule', 'typo']).catch(
      (error: unknown) => error,
    );

    // Assess
    expect(stored).toBeUndefined();
    expect((unknown as Error).message).toMatch(/^there is no rule no-such-rule, typo: /);
  });

  it('subscribe --rule on the local state refuses a rule that does not exist, alerts and digests alike', async () => {
    // Act
    const alerts = await subscribe([
      '--email',
      'analyst@example.com',
      '--rule',
      'no-such-rule',
      '--state',
      state,
    ]).catch((error: unknown) => error);
    const digests = await subscribe([
      '--email',
      'analyst@example.com',
      '--rule',
      'no-such-rule',
      '--digest',
      '--state',
      state,
    ]).catch((error: unknown) => error);

    // Assess
    expect(alerts).toMatchObject({
      name: 'CliError',
      message: expect.stringMatching(/^there is no rule no-such-rule/),
    });
    expect(digests).toMatchObject({
      name: 'CliError',
      message: expect.stringMatching(/^there is no rule no-such-rule/),
    });
  });
});
