/**
 * Counts the round trips to AWS a handler waits for one after another. On this machine the emulators
 * answer on loopback, so a handler's wall time says nothing of the waits it would have on AWS; the
 * cost model prices those from this count instead. A round trip starts when a request is sent while
 * none is in flight: requests sent together (a Promise.all of lookups) wait as one.
 *
 * The meter is middleware applied through the functions' client hook (functions/commons/aws-client-hooks.ts),
 * so it must be registered before the handlers' modules load.
 */
import { type AwsClient, registerAwsClientHook } from '../functions/commons/aws-client-hooks.ts';

const MIDDLEWARE_NAME = 'wirewatchRoundTripMeter';

export interface RoundTripMeter {
  /** Round trips waited for so far. */
  roundTrips(): number;
  /** Stops applying the meter to clients created from now on. */
  stop(): void;
}

export function meterRoundTrips(): RoundTripMeter {
  let inFlight = 0;
  let roundTrips = 0;
  const meter = (client: AwsClient) => {
    // Each client's send has its own stack type; the middleware only brackets the call.
    (client.middlewareStack as { add: (middleware: unknown, options: object) => void }).add(
      (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
        if (inFlight === 0) roundTrips += 1;
        inFlight += 1;
        try {
          return await next(args);
        } finally {
          inFlight -= 1;
        }
      },
      { step: 'initialize', name: MIDDLEWARE_NAME, override: true },
    );
  };
  const stop = registerAwsClientHook(meter);
  return { roundTrips: () => roundTrips, stop };
}
