/** GET /trends/heatmap?since=&until=: article counts per country pair × topic over a period. */
import * as z from 'zod/mini';
import { heatmap } from '../../shared/console/trends.ts';
import { ok, parseInput } from './console-http.ts';
import type { ConsoleHandler } from './console-route.ts';
import { periodOf, timeParameter } from './view-queries.ts';

const HeatmapQuery = z.object({ since: z.optional(timeParameter), until: z.optional(timeParameter) });

export const getHeatmap: ConsoleHandler = async ({ query }, deps) => {
  const period = periodOf(parseInput(HeatmapQuery, query, 'query'), deps.clock);
  const { since, until, pairs, topics, cells, pairsOmitted } = await heatmap(period, {
    listings: deps.listings,
    rollups: deps.trendRollups,
  });
  return ok({ since, until, pairs, topics, cells, pairsOmitted });
};
