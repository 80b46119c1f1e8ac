/**
 * The S3 client, created once per cold start and traced; only functions that use the bucket import
 * it. Its endpoint comes from AWS_ENDPOINT_URL_S3; a custom one (the local emulator) is addressed
 * path-style.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { withAwsClientHooks } from './aws-client-hooks.ts';
import { AWS_MAX_ATTEMPTS } from './aws-retries.ts';
import { traced } from './observability.ts';

export const s3 = traced(
  withAwsClientHooks(
    new S3Client({
      forcePathStyle: process.env.AWS_ENDPOINT_URL_S3 !== undefined,
      maxAttempts: AWS_MAX_ATTEMPTS,
    }),
    's3',
  ),
);
