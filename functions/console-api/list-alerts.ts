/** GET /alerts?rule=&pair=&topic=&source=&cursor=: the caller's inbox, the alerts their subscriptions delivered. */
import * as z from 'zod/mini';
import { listAnalystSubscriptions } from '../../shared/console/analyst-subscriptions.ts';
import { inbox } from '../../shared/console/inbox.ts';
import { ok, parseInput } from './console-http.ts';
import type { ConsoleHandler } from './console-route.ts';
import {
  cursorParameter,
  pairParameter,
  periodOf,
  ruleParameter,
  sourceParameter,
  timeParameter,
  topicParameter,
  VIEW_PAGE_SIZE,
} from './view-queries.ts';

const AlertsQuery = z.object({
  rule: z.optional(ruleParameter),
  pair: z.optional(pairParameter),
  topic: z.optional(topicParameter),
  source: z.optional(sourceParameter),
  since: z.optional(timeParameter),
  until: z.optional(timeParameter),
  cursor: z.optional(cursorParameter),
});

export const listAlerts: ConsoleHandler = async ({ caller, query }, deps) => {
  const { cursor, since, until, ...filters } = parseInput(AlertsQuery, query, 'query');
  const period = periodOf({ since, until }, deps.clock);
  const subscriptions = (await listAnalystSubscriptions(caller, deps)).map(({ target }) => target);
  const page = await inbox({ subscriptions, filters, period, limit: VIEW_PAGE_SIZE, cursor }, deps.listings);
  return ok(page);
};
