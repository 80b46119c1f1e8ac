/** GET /articles?pair=&topic=&date=&since=&until=&cursor=: the articles behind a heat-map cell or timeline point. */
import * as z from 'zod/mini';
import { listArticles } from '../../shared/console/article-listing.ts';
import { ok, parseInput } from './console-http.ts';
import type { ConsoleHandler } from './console-route.ts';
import {
  cursorParameter,
  pairParameter,
  periodOf,
  timeParameter,
  topicParameter,
  VIEW_PAGE_SIZE,
} from './view-queries.ts';

const ArticlesQuery = z.object({
  pair: z.optional(pairParameter),
  topic: z.optional(topicParameter),
  date: z.optional(timeParameter),
  since: z.optional(timeParameter),
  until: z.optional(timeParameter),
  cursor: z.optional(cursorParameter),
});

export const listArticlesRoute: ConsoleHandler = async ({ query }, deps) => {
  const { pair, topic, cursor, ...range } = parseInput(ArticlesQuery, query, 'query');
  const period = periodOf(range, deps.clock);
  const page = await listArticles({ pair, topic, cursor, period, limit: VIEW_PAGE_SIZE }, deps.listings);
  return ok({
    articles: page.articles.map(({ sortAt: _sortAt, ...article }) => article),
    nextCursor: page.nextCursor,
  });
};
