/** GET /ops/feeds (admins): every feed with its state, last error and next poll. */
import { feedOverview } from '../../shared/console/feed-overview.ts';
import { ok } from './console-http.ts';
import type { ConsoleHandler } from './console-route.ts';

export const listFeeds: ConsoleHandler = async (_, deps) => ok({ feeds: await feedOverview(deps) });
