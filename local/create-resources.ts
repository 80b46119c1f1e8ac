/**
 * Creates the table and the topic on the local emulators from the same definitions the CDK stack
 * uses (infra/resource-definitions.ts), so keys and indexes cannot drift between AWS and this machine.
 * Idempotent: a kept state directory already has them.
 */
import {
  CreateTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { CreateTopicCommand, type SNSClient } from '@aws-sdk/client-sns';
import { TABLE } from '../infra/resource-definitions.ts';

/** Creates the table unless it exists; true when this call created it (so it holds nothing older). */
export async function createTable(dynamodb: DynamoDBClient, tableName: string): Promise<boolean> {
  const keys = [
    TABLE.partitionKey,
    TABLE.sortKey,
    ...TABLE.globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  let created = true;
  try {
    await dynamodb.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...new Map(keys.map((key) => [key.name, key])).values()].map((key) => ({
          AttributeName: key.name,
          AttributeType: key.type,
        })),
        KeySchema: [
          { AttributeName: TABLE.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: TABLE.sortKey.name, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: TABLE.globalSecondaryIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
            { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
          ],
          Projection:
            typeof index.projection === 'string'
              ? { ProjectionType: index.projection }
              : { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projection] },
        })),
        // Accepted and ignored by dynalite; the core path never reads the stream.
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    created = false;
  }
  await waitUntilTableExists(
    { client: dynamodb, maxWaitTime: 30, minDelay: 1, maxDelay: 2 },
    { TableName: tableName },
  );
  return created;
}

export async function createTopic(sns: SNSClient, topicName: string): Promise<string> {
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: topicName }));
  if (TopicArn === undefined) throw new Error('CreateTopic returned no TopicArn');
  return TopicArn;
}
