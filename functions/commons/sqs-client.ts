/**
 * The SQS client, created once per cold start and traced, shared by a function's own sends and its
 * dead-letter queue; only functions that use a queue import it. Its endpoint comes from the standard
 * AWS_ENDPOINT_URL_SQS variable.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { withAwsClientHooks } from './aws-client-hooks.ts';
import { AWS_MAX_ATTEMPTS } from './aws-retries.ts';
import { traced } from './observability.ts';

export const sqs = traced(withAwsClientHooks(new SQSClient({ maxAttempts: AWS_MAX_ATTEMPTS }), 'sqs'));
