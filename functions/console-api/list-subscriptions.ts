/** GET /subscriptions: the caller's own subscriptions, with SNS's confirmation state. */
import { listAnalystSubscriptions } from '../../shared/console/analyst-subscriptions.ts';
import { ok } from './console-http.ts';
import type { ConsoleHandler } from './console-route.ts';

export const listSubscriptions: ConsoleHandler = async ({ caller }, deps) =>
  ok({ subscriptions: await listAnalystSubscriptions(caller, deps) });
