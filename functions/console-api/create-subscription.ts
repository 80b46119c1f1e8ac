/** POST /subscriptions: subscribes the caller's own address to a rule, pair or topic. */
import { createAnalystSubscription } from '../../shared/console/analyst-subscriptions.ts';
import { created, parseInput } from './console-http.ts';
import type { ConsoleHandler } from './console-route.ts';
import { SubscriptionDraftSchema } from './subscription-input.ts';

export const createSubscription: ConsoleHandler = async ({ caller, body }, deps) =>
  created(await createAnalystSubscription(parseInput(SubscriptionDraftSchema, body, 'body'), caller, deps));
