/** GET /ops/dead-letters (admins): how many messages wait in each dead-letter queue. */
import { ok } from './console-http.ts';
import type { ConsoleHandler } from './console-route.ts';

export const getDeadLetters: ConsoleHandler = async (_, deps) =>
  ok({ queues: await deps.deadLetters.depths() });
