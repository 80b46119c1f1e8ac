/** DELETE /subscriptions/{subscriptionId}: removes one of the caller's own subscriptions. */
import { deleteAnalystSubscription } from '../../shared/console/analyst-subscriptions.ts';
import { noContent, parseInput } from './console-http.ts';
import type { ConsoleHandler } from './console-route.ts';
import { SubscriptionIdSchema } from './subscription-input.ts';

export const deleteSubscription: ConsoleHandler = async ({ caller, pathParameters }, deps) => {
  const { subscriptionId } = parseInput(SubscriptionIdSchema, pathParameters, 'path');
  await deleteAnalystSubscription(subscriptionId, caller, deps);
  return noContent();
};
