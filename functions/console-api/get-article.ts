/** GET /articles/{articleId}: the archived text with the evidence for each label and matched rule. */
import * as z from 'zod/mini';
import { articlePage } from '../../shared/console/article-page.ts';
import { ApiError, ok, parseInput } from './console-http.ts';
import type { ConsoleHandler } from './console-route.ts';

/** Article ids are 22 base64url characters (docs/data-contract.md). */
const ArticlePath = z.object({ articleId: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)) });

export const getArticle: ConsoleHandler = async ({ pathParameters }, deps) => {
  const { articleId } = parseInput(ArticlePath, pathParameters, 'path');
  const page = await articlePage(articleId, {
    listings: deps.listings,
    archive: deps.archive,
    rules: deps.rules,
    classifier: deps.classifier(),
  });
  if (page === null) throw new ApiError(404, 'not_found', `There is no article ${articleId}`);
  return ok(page);
};
