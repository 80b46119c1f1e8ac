/** API Gateway HTTP API events for the console API, as a JWT authorizer would pass them on. */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { ConsoleRoute } from '../../functions/console-api/console-route.ts';
import { matchConsoleRoute } from '../../functions/console-api/router.ts';
import { CONSOLE_ROUTES } from '../../functions/console-api/routes.ts';
import { httpApiEvent } from '../../local/lambda-events.ts';

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
