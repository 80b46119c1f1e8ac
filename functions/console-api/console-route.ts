/** One route of the console API, as routes.ts lists them and the CDK construct and OpenAPI file mirror. */
import type { ConsoleDeps } from './console-deps.ts';
import type { ConsoleRequest, ConsoleResponse } from './console-http.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type ConsoleHandler = (request: ConsoleRequest, deps: ConsoleDeps) => Promise<ConsoleResponse>;

export interface ConsoleRoute {
  method: HttpMethod;
  /** API Gateway path syntax: `/rules/{ruleId}`. */
  path: string;
  operationId: string;
  /** Only members of the admins group may call it. */
  admin: boolean;
  handler: ConsoleHandler;
}
