/**
 * AWS call failures for the chaos run: drawn reproducibly from the seed, shaped so that the SDK's own
 * retry rules treat them as the real ones, and a lost response really reaches the server first.
 */
import { isServerError, isThrottlingError, isTransientError } from '@smithy/service-error-classification';
import { describe, expect, it } from 'vitest';
import {
  AWS_FAULT_KINDS,
  type AwsCall,
  type AwsCallObserver,
  AwsFaultInjector,
  injectedError,
} from '../../local/chaos/aws-faults.ts';

const quiet: AwsCallObserver = {
  accepted: () => {},
  beforeAttempt: () => {},
  afterAttempt: () => {},
  settled: () => {},
};

const callOn = (key: string): AwsCall => ({
  service: 'dynamodb',
  command: 'GetItemCommand',
  input: { TableName: 'wirewatch', Key: { pk: key, sk: 'ARTICLE' } },
});

const drawsFor = (seed: number, rate: number) => {
  const injector = new AwsFaultInjector(seed, rate, quiet);
  return Array.from({ length: 400 }, (_, index) => injector.draw(callOn(`ARTICLE#${index % 100}`)));
};

describe('AWS fault injection', () => {
  it('gives the same calls the same faults for a seed, other faults for another seed', () => {
    // Act
    const first = drawsFor(7, 0.2);
    const again = drawsFor(7, 0.2);
    const other = drawsFor(8, 0.2);

    // Assess
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('fails about the share of attempts asked for, with every kind of fault, and none at rate 0', () => {
    // Act
    const draws = drawsFor(3, 0.2);
    const none = drawsFor(3, 0);

    // Assess
    const failed = draws.filter((kind) => kind !== null);
    expect(failed.length / draws.length).toBeGreaterThan(0.12);
    expect(failed.length / draws.length).toBeLessThan(0.28);
    expect(new Set(failed)).toEqual(new Set(AWS_FAULT_KINDS));
    expect(none.every((kind) => kind === null)).toBe(true);
  });

  it('shapes each fault so that the SDK retries it as it would the real failure', () => {
    // Act
    const errors = Object.fromEntries(AWS_FAULT_KINDS.map((kind) => [kind, injectedError(kind, 'sqs')]));

    // Assess
    expect(isThrottlingError(errors.throttling as never)).toBe(true);
    expect(
      isTransientError(errors['server-error'] as never) || isServerError(errors['server-error'] as never),
    ).toBe(true);
    for (const kind of ['timeout', 'connection-reset', 'response-lost'])
      expect(isTransientError(errors[kind] as never)).toBe(true);
  });

  it('sends a request whose response it then loses, and tells the observer the server took it', async () => {
    // Prepare: a seed and call whose first attempt draws a lost response.
    const call: AwsCall = { service: 'sns', command: 'PublishCommand', input: { TopicArn: 'arn:topic' } };
    let seed = 0;
    while (new AwsFaultInjector(seed, 1, quiet).draw(call) !== 'response-lost') seed += 1;
    const accepted: boolean[] = [];
    const injector = new AwsFaultInjector(seed, 1, {
      ...quiet,
      accepted: (_call, _output, delivered) => accepted.push(delivered),
    });
    let sent = 0;

    // Act
    const attempt = injector.attempt(call, async () => {
      sent += 1;
      return { output: { MessageId: 'm-1' } };
    });

    // Assess
    await expect(attempt).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(sent).toBe(1);
    expect(accepted).toEqual([false]);
    expect(injector.counts).toMatchObject({ attempts: 1, injected: { 'response-lost': 1 } });
  });
});
