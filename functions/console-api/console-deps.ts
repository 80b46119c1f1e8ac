/**
 * The ports the console's route handlers use. console-api.ts builds them from the environment on
 * AWS, the local console server from the emulators, and unit tests from in-memory fakes.
 */
import type { Clock } from '../../shared/ports/clock.ts';

export interface ConsoleDeps {
  clock: Clock;
}
