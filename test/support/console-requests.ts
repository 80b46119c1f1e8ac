/** API Gateway HTTP API events for the console API, as a JWT authorizer would pass them on. */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { ConsoleDeps } from '../../functions/console-api/console-deps.ts';
import type { ConsoleRoute } from '../../functions/console-api/console-route.ts';
import { matchConsoleRoute } from '../../functions/console-api/route-match.ts';
import { routeConsoleRequest } from '../../functions/console-api/router.ts';
import { CONSOLE_ROUTES } from '../../functions/console-api/routes.ts';
import { httpApiEvent } from '../../local/lambda-events.ts';
import { consoleResponseValidator } from './console-openapi.ts';

export const ANALYST_CLAIMS = {
  sub: 'analyst-1',
  email: 'analyst@example.com',
  'cognito:groups': '[analysts]',
};
export const OTHER_ANALYST_CLAIMS = { sub: 'analyst-2', email: 'other@example.com' };
export const ADMIN_CLAIMS = { sub: 'admin-1', email: 'admin@example.com', 'cognito:groups': '[admins]' };

export interface ConsoleCall {
  method: string;
  /** With the query string, e.g. `/alerts?pair=PK-US`. */
  path: string;
  body?: unknown;
  claims?: Record<string, string>;
  routes?: readonly ConsoleRoute[];
}

/** The event of one call: its routeKey and path parameters as API Gateway fills them for a matched route. */
export function consoleEvent(call: ConsoleCall): APIGatewayProxyEventV2WithJWTAuthorizer {
  const [rawPath = '', rawQueryString = ''] = call.path.split('?', 2);
  let routeKey = '$default';
  let pathParameters: Record<string, string> | undefined;
  try {
    const { route, pathParameters: parameters } = matchConsoleRoute(
      call.routes ?? CONSOLE_ROUTES,
      call.method,
      rawPath,
    );
    routeKey = `${route.method} ${route.path}`;
    pathParameters = Object.keys(parameters).length > 0 ? parameters : undefined;
  } catch {
    // No route: API Gateway would answer itself; the router's own 404/405 stands in for it.
  }
  const body =
    call.body === undefined
      ? undefined
      : typeof call.body === 'string'
        ? call.body
        : JSON.stringify(call.body);
  return httpApiEvent(
    {
      method: call.method,
      rawPath,
      rawQueryString,
      headers: { host: 'api.example.com', 'content-type': 'application/json' },
      body,
      routeKey,
      pathParameters,
      claims: call.claims ?? ANALYST_CLAIMS,
      sourceIp: '192.0.2.1',
    },
    '123456789012',
  );
}

let validator: ReturnType<typeof consoleResponseValidator> | undefined;

/**
 * Calls the router as API Gateway would and returns the status and parsed body, after checking the
 * body against the response schema the OpenAPI file declares for the route and status: every test
 * that calls through here also checks the document.
 */
export async function callConsole(call: ConsoleCall, deps: ConsoleDeps) {
  const routes = call.routes ?? CONSOLE_ROUTES;
  const response = await routeConsoleRequest(consoleEvent(call), routes, deps);
  const status = response.statusCode ?? 0;
  const body: unknown = response.body === undefined ? undefined : JSON.parse(response.body);
  if (routes === CONSOLE_ROUTES && status !== 404 && status !== 405) {
    const [rawPath = ''] = call.path.split('?', 1);
    const { route } = matchConsoleRoute(routes, call.method, rawPath);
    validator ??= consoleResponseValidator();
    const problems = validator(call.method, route.path, status, body);
    if (problems.length > 0) {
      throw new Error(
        `${call.method} ${call.path} answered ${status} outside its OpenAPI schema: ${problems.join('; ')}`,
      );
    }
  }
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the route answered
  return { status, body: body as any };
}
