/**
 * Which console route a method and path name, and the request size the API accepts. Kept apart from
 * the router, which loads the functions' logger: the local console server matches routes in the CLI's
 * process before the local runtime has set the environment the handlers' logger reads at load.
 */

import { ApiError } from './console-http.ts';
import type { ConsoleRoute } from './console-route.ts';

/** Request bodies are rules and subscriptions: a few kilobytes at most. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface RouteMatch {
  route: ConsoleRoute;
  pathParameters: Record<string, string>;
}

const templatePattern = (path: string) =>
  new RegExp(`^${path.replace(/\{([^/}]+)\}/g, (_, name: string) => `(?<${name}>[^/]+)`)}$`);

function decodeParameters(groups: Record<string, string> | undefined): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const [name, value] of Object.entries(groups ?? {})) {
    try {
      parameters[name] = decodeURIComponent(value);
    } catch {
      throw new ApiError(400, 'invalid_request', `path.${name}: not a valid percent-encoded value`);
    }
  }
  return parameters;
}

/**
 * The route of a method and path, fixed paths before templated ones (`/rules/check` before
 * `/rules/{ruleId}`), with its decoded path parameters. Throws 404 or 405 ApiError when none.
 */
export function matchConsoleRoute(routes: readonly ConsoleRoute[], method: string, path: string): RouteMatch {
  const ordered = [...routes].sort((a, b) => Number(a.path.includes('{')) - Number(b.path.includes('{')));
  let pathKnown = false;
  for (const route of ordered) {
    const match = templatePattern(route.path).exec(path);
    if (match === null) continue;
    pathKnown = true;
    if (route.method === method) return { route, pathParameters: decodeParameters(match.groups) };
  }
  if (pathKnown) throw new ApiError(405, 'method_not_allowed', `${method} is not allowed on ${path}`);
  throw new ApiError(404, 'not_found', `There is no route ${method} ${path}`);
}
