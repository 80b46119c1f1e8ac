/**
 * Turns an API Gateway HTTP API (payload 2.0) event into a call of the route's handler, and its
 * result or failure into the HTTP response. Used by the Lambda entry (functions/console-api.ts) and,
 * with the same events, by the local console server.
 *
 * Failures the caller can act on are 4xx with `{ "error": { "code", "message" } }`; anything else is
 * logged and answered with a 500 that says nothing about the cause.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ConsoleRefusal, type RefusalKind } from '../../shared/console/console-refusal.ts';
import { logger } from '../commons/observability.ts';
import { callerFromClaims } from './caller.ts';
import type { ConsoleDeps } from './console-deps.ts';
import { ApiError, type ConsoleResponse, errorBody } from './console-http.ts';
import type { ConsoleRoute } from './console-route.ts';
import { MAX_BODY_BYTES, matchConsoleRoute, type RouteMatch } from './route-match.ts';

/**
 * On AWS each entry is its own API Gateway route, so the event's routeKey names it and API Gateway
 * has extracted the path parameters; a `$default` route is matched by method and path.
 */
function routeOf(
  routes: readonly ConsoleRoute[],
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
): RouteMatch {
  const method = event.requestContext.http.method.toUpperCase();
  const byKey = routes.find((route) => `${route.method} ${route.path}` === event.routeKey);
  if (byKey === undefined) return matchConsoleRoute(routes, method, event.rawPath);
  const pathParameters: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.pathParameters ?? {})) {
    if (value !== undefined) pathParameters[name] = value;
  }
  return { route: byKey, pathParameters };
}

function requestBody(event: APIGatewayProxyEventV2WithJWTAuthorizer): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw new ApiError(413, 'body_too_large', `The request body exceeds ${MAX_BODY_BYTES} bytes`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body is not JSON');
  }
}

const REFUSAL_STATUS: Record<RefusalKind, { status: number; code: string }> = {
  invalid: { status: 400, code: 'invalid_request' },
  not_found: { status: 404, code: 'not_found' },
  forbidden: { status: 403, code: 'forbidden' },
  conflict: { status: 409, code: 'conflict' },
};

function httpResponse(response: ConsoleResponse): APIGatewayProxyStructuredResultV2 {
  const headers = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
  if (response.body === undefined)
    return { statusCode: response.status, headers: { 'cache-control': 'no-store' } };
  return { statusCode: response.status, headers, body: JSON.stringify(response.body) };
}

async function answer(
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  routes: readonly ConsoleRoute[],
  deps: ConsoleDeps,
): Promise<ConsoleResponse> {
  const caller = callerFromClaims(event.requestContext.authorizer?.jwt?.claims);
  const { route, pathParameters } = routeOf(routes, event);
  if (route.admin && !caller.admin) {
    throw new ApiError(403, 'forbidden', `${route.operationId} is for members of the admins group`);
  }
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.queryStringParameters ?? {})) {
    if (value !== undefined) query[name] = value;
  }
  return route.handler({ caller, pathParameters, query, body: requestBody(event) }, deps);
}

export async function routeConsoleRequest(
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  routes: readonly ConsoleRoute[],
  deps: ConsoleDeps,
): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    return httpResponse(await answer(event, routes, deps));
  } catch (error) {
    if (error instanceof ApiError) {
      return httpResponse({ status: error.status, body: errorBody(error.code, error.message) });
    }
    if (error instanceof ConsoleRefusal) {
      const { status, code } = REFUSAL_STATUS[error.kind];
      return httpResponse({ status, body: errorBody(code, error.message) });
    }
    // The route key, not the path or body: those may carry an analyst's address or rule text.
    logger.error('Console request failed', { routeKey: event.routeKey, error });
    return httpResponse({ status: 500, body: errorBody('internal', 'The request failed; try again later') });
  }
}
