/** The round-trip meter: waits one after another, as a handler on AWS would have them. */
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { meterRoundTrips, type RoundTripMeter } from '../../bench/round-trip-meter.ts';
import { withAwsClientHooks } from '../../functions/commons/aws-client-hooks.ts';

let meter: RoundTripMeter;
let client: DynamoDBClient;

beforeEach(() => {
  meter = meterRoundTrips();
  client = withAwsClientHooks(
    new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } }),
    'dynamodb',
  );
  // Inside the meter: every request is answered after the milliseconds its table name says, unsent.
  client.middlewareStack.add(
    () => async (args) => {
      await sleep(Number((args.input as { TableName: string }).TableName));
      return { output: { $metadata: {} }, response: {} };
    },
    { step: 'initialize', priority: 'low', name: 'answerAfterDelay' },
  );
});
afterEach(() => {
  meter.stop();
  client.destroy();
});

/** A request answered after `ms` milliseconds. */
const request = (ms: number) => client.send(new GetItemCommand({ TableName: String(ms), Key: {} }));

describe('meterRoundTrips', () => {
  it('counts requests sent one after another each, and requests sent together once', async () => {
    // Act
    await request(1);
    await request(1);
    await Promise.all([request(1), request(1), request(1)]);

    // Assess
    expect(meter.roundTrips()).toBe(3);
  });

  it('counts two chains side by side as the longer, though one chain always has a request in flight', async () => {
    // Act: a quick request then another, beside a slow one then another
    await Promise.all([request(1).then(() => request(40)), request(20).then(() => request(1))]);

    // Assess
    expect(meter.roundTrips()).toBe(2);
  });

  it('counts a request sent after a Promise.all one deeper than its longest chain, whichever came back last', async () => {
    // Act: two quick requests one after the other, beside a slow one
    await Promise.all([request(1).then(() => request(1)), request(30)]);
    await request(1);

    // Assess
    expect(meter.roundTrips()).toBe(3);
  });

  it('counts each lane of a bounded Promise.all once per request it sends', async () => {
    // Act: two lanes of three requests each
    const lane = async () => {
      for (let sent = 0; sent < 3; sent += 1) await request(5);
    };
    await Promise.all([lane(), lane()]);

    // Assess
    expect(meter.roundTrips()).toBe(3);
  });
});
