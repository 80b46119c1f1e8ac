/**
 * console-api: the one Lambda behind the console's HTTP API (API Gateway HTTP API, payload 2.0, JWT
 * authorizer on the analyst user pool). A thin router: routes.ts maps each route to its handler,
 * which validates the input, calls one use case in shared/console and maps the result to JSON.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { systemClock } from '../shared/ports/clock.ts';
import { logger } from './commons/observability.ts';
import type { ConsoleDeps } from './console-api/console-deps.ts';
import { routeConsoleRequest } from './console-api/router.ts';
import { CONSOLE_ROUTES } from './console-api/routes.ts';

const deps: ConsoleDeps = { clock: systemClock };

export const handler = async (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => {
  logger.addContext(context);
  return routeConsoleRequest(event, CONSOLE_ROUTES, deps);
};
