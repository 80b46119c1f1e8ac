/**
 * A DynamoDB document-client double for the commands the article catalog sends. It keeps items in a
 * map and, like DynamoDB (which promises no attribute order), returns every item with its attributes
 * and nested map keys in an order different from the one they were written in: reversed, at every
 * level. Lists keep their order, as DynamoDB keeps it. Conditions on revisions are checked.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { TableClient } from '../../adapters/dynamodb/table-client.ts';

type Item = Record<string, unknown>;

/** The same value with the keys of every map in reverse order; lists keep theirs. */
export function reverseKeyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeyOrder);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, inner]) => [key, reverseKeyOrder(inner)]),
  );
}

export class ShufflingDocumentClient {
  readonly items = new Map<string, Item>();
  /** Every PutItem sent, in order: an Article item rewrite shows up here. */
  readonly puts: Item[] = [];
  /**
   * Every UpdateItem sent (the catalog's record of an hour's label change, its SimHash bucket entries),
   * in order; not applied.
   */
  readonly updates: UpdateCommand['input'][] = [];
  /** Every command sent, in order: how many requests an operation costs. */
  readonly sent: unknown[] = [];

  private static key(item: Item): string {
    return `${String(item.pk)}|${String(item.sk)}`;
  }

  asTable(tableName = 'wirewatch-test'): TableClient {
    return { client: this as unknown as DynamoDBDocumentClient, tableName };
  }

  async send(command: unknown): Promise<unknown> {
    this.sent.push(command);
    if (command instanceof GetCommand) {
      const item = this.items.get(ShufflingDocumentClient.key(command.input.Key as Item));
      return { Item: item === undefined ? undefined : reverseKeyOrder(item) };
    }
    if (command instanceof PutCommand) return this.put(command);
    if (command instanceof QueryCommand) return this.query(command);
    if (command instanceof BatchGetCommand) return this.batchGet(command);
    if (command instanceof BatchWriteCommand) return this.batchWrite(command);
    if (command instanceof UpdateCommand) {
      this.updates.push(command.input);
      return {};
    }
    throw new Error(`ShufflingDocumentClient does not handle ${(command as object).constructor.name}`);
  }

  private put(command: PutCommand): object {
    const item = command.input.Item as Item;
    const stored = this.items.get(ShufflingDocumentClient.key(item));
    const condition = command.input.ConditionExpression;
    const expectedRevision = command.input.ExpressionAttributeValues?.[':revision'];
    const holds =
      condition === undefined ||
      (condition === 'attribute_not_exists(pk)' && stored === undefined) ||
      (condition === 'revision = :revision' && stored?.revision === expectedRevision);
    if (!holds) throw new ConditionalCheckFailedException({ message: 'condition failed', $metadata: {} });
    this.puts.push(structuredClone(item));
    this.items.set(ShufflingDocumentClient.key(item), structuredClone(item));
    return {};
  }

  private query(command: QueryCommand): object {
    // Only the catalog's own-partition query is answered; an index (cluster) query finds nothing.
    if (command.input.IndexName !== undefined) return { Items: [] };
    const pk = command.input.ExpressionAttributeValues?.[':pk'];
    return { Items: [...this.items.values()].filter((item) => item.pk === pk).map(reverseKeyOrder) };
  }

  private batchGet(command: BatchGetCommand): object {
    const Responses = Object.fromEntries(
      Object.entries(command.input.RequestItems ?? {}).map(([tableName, { Keys = [] }]) => [
        tableName,
        Keys.flatMap((key) => {
          const item = this.items.get(ShufflingDocumentClient.key(key as Item));
          return item === undefined ? [] : [reverseKeyOrder(item)];
        }),
      ]),
    );
    return { Responses, UnprocessedKeys: {} };
  }

  private batchWrite(command: BatchWriteCommand): object {
    for (const requests of Object.values(command.input.RequestItems ?? {})) {
      for (const request of requests) {
        if (request.PutRequest?.Item !== undefined) {
          const item = request.PutRequest.Item as Item;
          this.items.set(ShufflingDocumentClient.key(item), structuredClone(item));
        }
        if (request.DeleteRequest?.Key !== undefined) {
          this.items.delete(ShufflingDocumentClient.key(request.DeleteRequest.Key as Item));
        }
      }
    }
    return { UnprocessedItems: {} };
  }
}
