/**
 * The console API's routes: the Lambda router, the CDK construct (one API Gateway route each) and
 * the OpenAPI test all read this table, so a route cannot exist in one and be missing in another.
 */
import type { ConsoleRoute } from './console-route.ts';
import { getArticle } from './get-article.ts';
import { getHeatmap } from './get-heatmap.ts';
import { getMe } from './get-me.ts';
import { getTimeline } from './get-timeline.ts';
import { listAlerts } from './list-alerts.ts';
import { listArticlesRoute } from './list-articles.ts';

export const CONSOLE_ROUTES: readonly ConsoleRoute[] = [
  { method: 'GET', path: '/me', operationId: 'getMe', admin: false, handler: getMe },
  { method: 'GET', path: '/alerts', operationId: 'listAlerts', admin: false, handler: listAlerts },
  { method: 'GET', path: '/articles', operationId: 'listArticles', admin: false, handler: listArticlesRoute },
  {
    method: 'GET',
    path: '/articles/{articleId}',
    operationId: 'getArticle',
    admin: false,
    handler: getArticle,
  },
  { method: 'GET', path: '/trends/heatmap', operationId: 'getHeatmap', admin: false, handler: getHeatmap },
  { method: 'GET', path: '/trends/timeline', operationId: 'getTimeline', admin: false, handler: getTimeline },
];
