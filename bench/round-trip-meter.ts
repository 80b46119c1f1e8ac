/**
 * Counts the round trips to AWS a handler waits for one after another. On this machine the emulators
 * answer on loopback, so a handler's wall time says nothing of the waits it would have on AWS; the
 * cost model prices those from this count instead.
 *
 * The count is the depth of the deepest request, as if each took one round trip. A request sent after
 * others came back (since the request before it was sent) is one deeper than the deepest of them: it
 * may have waited for any of them, as after a Promise.all. A request sent before any came back is as
 * deep as the one before it: they leave together and wait as one. So two chains side by side (a query
 * then a write, beside a read then an update) count as the longer one, although on loopback one's
 * second request may leave while the other's first is in flight, and lanes of a bounded Promise.all
 * count one each per request they send. A request that came back and led nowhere still deepens the
 * next one sent, which can overcount a lane that ran ahead of the others.
 *
 * The meter is middleware applied through the functions' client hook (functions/commons/aws-client-hooks.ts),
 * so it must be registered before the handlers' modules load.
 */
import { type AwsClient, registerAwsClientHook } from '../functions/commons/aws-client-hooks.ts';

const MIDDLEWARE_NAME = 'wirewatchRoundTripMeter';

export interface RoundTripMeter {
  /** Round trips waited for so far: the depth of the deepest request sent. */
  roundTrips(): number;
  /** Stops applying the meter to clients created from now on. */
  stop(): void;
}

export function meterRoundTrips(): RoundTripMeter {
  let deepestSent = 0;
  let lastSent = 0;
  /** The deepest request that came back since the last one was sent; 0 when none did. */
  let deepestReturnedSinceSent = 0;
  const meter = (client: AwsClient) => {
    // Each client's send has its own stack type; the middleware only brackets the call.
    (client.middlewareStack as { add: (middleware: unknown, options: object) => void }).add(
      (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
        const depth = deepestReturnedSinceSent > 0 ? deepestReturnedSinceSent + 1 : Math.max(lastSent, 1);
        lastSent = depth;
        deepestReturnedSinceSent = 0;
        deepestSent = Math.max(deepestSent, depth);
        try {
          return await next(args);
        } finally {
          deepestReturnedSinceSent = Math.max(deepestReturnedSinceSent, depth);
        }
      },
      { step: 'initialize', name: MIDDLEWARE_NAME, override: true },
    );
  };
  const stop = registerAwsClientHook(meter);
  return { roundTrips: () => deepestSent, stop };
}
