/** RuleStore on the table: one Rule item per rule, listed on gsi1 under RULES. */
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { RuleStore, StoredRule } from '../../shared/ports/rule-store.ts';
import { appliedUnlessConditionFails, queryAll, type TableClient } from './table-client.ts';
import { RULES_PARTITION, ruleKey, SCHEMA_VERSION } from './table-keys.ts';

export class DynamoDbRuleStore implements RuleStore {
  constructor(private readonly table: TableClient) {}

  async listRules(): Promise<StoredRule[]> {
    return queryAll<StoredRule>(this.table, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :rules',
      ExpressionAttributeValues: { ':rules': RULES_PARTITION },
    });
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
  }

  async removeRule(id: string): Promise<boolean> {
    return appliedUnlessConditionFails(
      this.table.client.send(
        new DeleteCommand({
          TableName: this.table.tableName,
          Key: ruleKey(id),
          ConditionExpression: 'attribute_exists(pk)',
        }),
      ),
    );
  }
}
