/**
 * The console API's routes: the Lambda router, the CDK construct (one API Gateway route each) and
 * the OpenAPI test all read this table, so a route cannot exist in one and be missing in another.
 */
import { checkRule } from './check-rule.ts';
import type { ConsoleRoute } from './console-route.ts';
import { createRule } from './create-rule.ts';
import { createSubscription } from './create-subscription.ts';
import { deleteRule } from './delete-rule.ts';
import { deleteSubscription } from './delete-subscription.ts';
import { getArticle } from './get-article.ts';
import { getDeadLetters } from './get-dead-letters.ts';
import { getHeatmap } from './get-heatmap.ts';
import { getMe } from './get-me.ts';
import { getTimeline } from './get-timeline.ts';
import { listAlerts } from './list-alerts.ts';
import { listArticlesRoute } from './list-articles.ts';
import { listFeeds } from './list-feeds.ts';
import { listRules } from './list-rules.ts';
import { listSubscriptions } from './list-subscriptions.ts';
import { previewRule } from './preview-rule.ts';
import { updateRule } from './update-rule.ts';

export const CONSOLE_ROUTES: readonly ConsoleRoute[] = [
  { method: 'GET', path: '/me', operationId: 'getMe', admin: false, handler: getMe },
  { method: 'GET', path: '/rules', operationId: 'listRules', admin: false, handler: listRules },
  { method: 'POST', path: '/rules', operationId: 'createRule', admin: false, handler: createRule },
  { method: 'POST', path: '/rules/check', operationId: 'checkRule', admin: false, handler: checkRule },
  { method: 'POST', path: '/rules/preview', operationId: 'previewRule', admin: false, handler: previewRule },
  { method: 'PUT', path: '/rules/{ruleId}', operationId: 'updateRule', admin: false, handler: updateRule },
  { method: 'DELETE', path: '/rules/{ruleId}', operationId: 'deleteRule', admin: false, handler: deleteRule },
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
  {
    method: 'GET',
    path: '/subscriptions',
    operationId: 'listSubscriptions',
    admin: false,
    handler: listSubscriptions,
  },
  {
    method: 'POST',
    path: '/subscriptions',
    operationId: 'createSubscription',
    admin: false,
    handler: createSubscription,
  },
  {
    method: 'DELETE',
    path: '/subscriptions/{subscriptionId}',
    operationId: 'deleteSubscription',
    admin: false,
    handler: deleteSubscription,
  },
  { method: 'GET', path: '/ops/feeds', operationId: 'listFeeds', admin: true, handler: listFeeds },
  {
    method: 'GET',
    path: '/ops/dead-letters',
    operationId: 'getDeadLetters',
    admin: true,
    handler: getDeadLetters,
  },
];
