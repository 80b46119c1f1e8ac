/** GET /trends/timeline?pair=&since=&until=: one pair's articles per day. */
import * as z from 'zod/mini';
import { pairTimeline } from '../../shared/console/trends.ts';
import { ok, parseInput } from './console-http.ts';
import type { ConsoleHandler } from './console-route.ts';
import { pairParameter, periodOf, timeParameter } from './view-queries.ts';

const TimelineQuery = z.object({
  pair: pairParameter,
  since: z.optional(timeParameter),
  until: z.optional(timeParameter),
});

export const getTimeline: ConsoleHandler = async ({ query }, deps) => {
  const { pair, ...range } = parseInput(TimelineQuery, query, 'query');
  const timeline = await pairTimeline(pair, periodOf(range, deps.clock), deps.listings);
  return ok({ pair: timeline.pair, since: timeline.since, until: timeline.until, days: timeline.days });
};
