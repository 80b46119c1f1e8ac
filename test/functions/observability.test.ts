/**
 * The observability module traces the functions' AWS SDK calls only when tracing is on, so a
 * function with it off never loads the X-Ray SDK.
 */

import { SQSClient } from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** The module as a fresh cold start with POWERTOOLS_TRACE_ENABLED set to `enabled` sees it. */
async function observabilityWithTracing(enabled: 'true' | 'false') {
  vi.stubEnv('POWERTOOLS_TRACE_ENABLED', enabled);
  // Powertools traces only inside Lambda, which it recognises by this variable.
  vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs22.x');
  vi.resetModules();
  return import('../../functions/commons/observability.ts');
}

const middlewareNames = (client: SQSClient) => client.middlewareStack.identify().join('\n');

describe('traced', () => {
  afterEach(() => {
    vi.doUnmock('@aws-lambda-powertools/tracer');
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('adds the X-Ray middleware to a client when tracing is on', async () => {
    // Prepare
    const { traced } = await observabilityWithTracing('true');

    // Act
    const client = traced(new SQSClient({ region: 'us-east-1' }));

    // Assess
    expect(middlewareNames(client)).toMatch(/XRay/);
  });

  it('leaves a client as it is when tracing is off, without loading the tracer', async () => {
    // Prepare
    vi.doMock('@aws-lambda-powertools/tracer', () => {
      throw new Error('the tracer was imported with tracing off');
    });
    const { traced } = await observabilityWithTracing('false');
    const client = new SQSClient({ region: 'us-east-1' });
    const before = middlewareNames(client);

    // Act
    const returned = traced(client);

    // Assess
    expect(returned).toBe(client);
    expect(middlewareNames(client)).toBe(before);
    expect(before).not.toMatch(/XRay/);
  });

  it('says how to deploy the tracer when tracing is on in a bundle built without it', async () => {
    // Prepare
    vi.doMock('@aws-lambda-powertools/tracer', () => {
      throw new Error("Cannot find package '@aws-lambda-powertools/tracer'");
    });

    // Act
    const loading = observabilityWithTracing('true');

    // Assess
    await expect(loading).rejects.toThrow(/deploy the stage with tracing true/);
  });
});
