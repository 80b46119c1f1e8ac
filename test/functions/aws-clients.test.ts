/**
 * The functions' AWS clients try each call five times before a record fails, and take the hooks a
 * chaos run registers before they are created (and only then).
 */

import { SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { registerAwsClientHook, withAwsClientHooks } from '../../functions/commons/aws-client-hooks.ts';
import { AWS_MAX_ATTEMPTS } from '../../functions/commons/aws-retries.ts';
import { dynamodb } from '../../functions/commons/dynamodb-client.ts';
import { s3 } from '../../functions/commons/s3-client.ts';
import { sns } from '../../functions/commons/sns-client.ts';
import { sqs } from '../../functions/commons/sqs-client.ts';

describe("the functions' AWS clients", () => {
  it('try each call five times', async () => {
    // Act
    const attempts = await Promise.all([dynamodb, s3, sns, sqs].map((client) => client.config.maxAttempts()));

    // Assess
    expect(AWS_MAX_ATTEMPTS).toBe(5);
    expect(attempts).toEqual([5, 5, 5, 5]);
  });

  it('take a registered hook, and none once it is removed', () => {
    // Prepare
    const hooked: string[] = [];
    const remove = registerAwsClientHook((_client, service) => hooked.push(service));

    // Act
    withAwsClientHooks(new SQSClient({ region: 'us-east-1' }), 'sqs');
    remove();
    withAwsClientHooks(new SQSClient({ region: 'us-east-1' }), 'sqs');

    // Assess
    expect(hooked).toEqual(['sqs']);
  });
});
