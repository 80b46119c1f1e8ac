/**
 * A seam for fault injection on this machine only: hooks registered here before a function's modules
 * load are applied to each AWS client that functions/commons creates (e.g. to add SDK middleware).
 * No environment variable or deployment setting reaches it: only code in the same process can register
 * a hook, and only `wirewatch chaos` (local/chaos/) does. With none registered, clients are untouched.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SQSClient } from '@aws-sdk/client-sqs';

export type AwsService = 'dynamodb' | 's3' | 'sns' | 'sqs';
export type AwsClient = DynamoDBClient | S3Client | SNSClient | SQSClient;
export type AwsClientHook = (client: AwsClient, service: AwsService) => void;

const hooks = new Set<AwsClientHook>();

/** Applies `hook` to every client created from now on; returns a function that removes it. */
export function registerAwsClientHook(hook: AwsClientHook): () => void {
  hooks.add(hook);
  return () => hooks.delete(hook);
}

export function withAwsClientHooks<Client extends AwsClient>(client: Client, service: AwsService): Client {
  for (const hook of hooks) hook(client, service);
  return client;
}
