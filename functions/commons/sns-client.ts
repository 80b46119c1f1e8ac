/**
 * The SNS client, created once per cold start and traced; only functions that publish import it. Its
 * endpoint comes from the standard AWS_ENDPOINT_URL_SNS variable.
 */
import { SNSClient } from '@aws-sdk/client-sns';
import { withAwsClientHooks } from './aws-client-hooks.ts';
import { AWS_MAX_ATTEMPTS } from './aws-retries.ts';
import { traced } from './observability.ts';

export const sns = traced(withAwsClientHooks(new SNSClient({ maxAttempts: AWS_MAX_ATTEMPTS }), 'sns'));
