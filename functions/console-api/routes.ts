/**
 * The console API's routes: the Lambda router, the CDK construct (one API Gateway route each) and
 * the OpenAPI test all read this table, so a route cannot exist in one and be missing in another.
 */
import type { ConsoleRoute } from './console-route.ts';
import { getMe } from './get-me.ts';

export const CONSOLE_ROUTES: readonly ConsoleRoute[] = [
  { method: 'GET', path: '/me', operationId: 'getMe', admin: false, handler: getMe },
];
