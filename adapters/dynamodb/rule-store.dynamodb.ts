/**
 * RuleStore on the table: one Rule item per rule, listed on gsi1 under RULES, and a RulesVersion item
 * counting the changes. The count goes up after each change is written, so a reader that sees it
 * go up reads the change.
 */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RuleStore, StoredRule } from '../../shared/ports/rule-store.ts';
import { appliedUnlessConditionFails, queryAll, type TableClient } from './table-client.ts';
import { RULES_PARTITION, ruleKey, rulesVersionKey, SCHEMA_VERSION } from './table-keys.ts';

export class DynamoDbRuleStore implements RuleStore {
  constructor(private readonly table: TableClient) {}

  async listRules(): Promise<StoredRule[]> {
    return queryAll<StoredRule>(this.table, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :rules',
      ExpressionAttributeValues: { ':rules': RULES_PARTITION },
    });
  }

  async version(): Promise<number> {
    const { Item } = await this.table.client.send(
      new GetCommand({ TableName: this.table.tableName, Key: rulesVersionKey, ConsistentRead: true }),
    );
    return typeof Item?.changes === 'number' ? Item.changes : 0;
  }

  private async countChange(): Promise<void> {
    await this.table.client.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: rulesVersionKey,
        UpdateExpression: 'ADD changes :one SET #type = :type, schemaVersion = :schema',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':one': 1, ':type': 'RulesVersion', ':schema': SCHEMA_VERSION },
      }),
    );
  }

  async putRule(rule: StoredRule): Promise<void> {
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: {
          ...ruleKey(rule.id),
          gsi1pk: RULES_PARTITION,
          gsi1sk: rule.id,
          type: 'Rule',
          schemaVersion: SCHEMA_VERSION,
          ...rule,
        },
      }),
    );
    await this.countChange();
  }

  async removeRule(id: string): Promise<boolean> {
    const removed = await appliedUnlessConditionFails(
      this.table.client.send(
        new DeleteCommand({
          TableName: this.table.tableName,
          Key: ruleKey(id),
          ConditionExpression: 'attribute_exists(pk)',
        }),
      ),
    );
    if (removed) await this.countChange();
    return removed;
  }
}
