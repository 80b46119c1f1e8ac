/**
 * The DynamoDB document client, created once per cold start and traced; only functions that use the
 * table import it, so the others neither bundle nor construct it. Its endpoint comes from the
 * standard AWS_ENDPOINT_URL_DYNAMODB variable, which is all the local runtime changes.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { withAwsClientHooks } from './aws-client-hooks.ts';
import { AWS_MAX_ATTEMPTS } from './aws-retries.ts';
import { traced } from './observability.ts';

export const dynamodb = DynamoDBDocumentClient.from(
  traced(withAwsClientHooks(new DynamoDBClient({ maxAttempts: AWS_MAX_ATTEMPTS }), 'dynamodb')),
  {
    marshallOptions: { removeUndefinedValues: true },
  },
);
