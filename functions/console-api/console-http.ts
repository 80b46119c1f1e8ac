/**
 * The console API's request, response and error model, shared by the router and every route handler.
 * A handler gets the caller (from the authorizer's verified claims only), the path parameters, the
 * query string and the parsed JSON body; it returns a status and a JSON body, or throws ApiError for
 * a 4xx the caller can act on. Anything else thrown becomes a 500 whose body says nothing about why.
 */
import type * as z from 'zod/mini';
import type { Caller } from './caller.ts';

export interface ConsoleRequest {
  caller: Caller;
  pathParameters: Readonly<Record<string, string>>;
  query: Readonly<Record<string, string>>;
  /** The parsed JSON body; undefined when the request has none. */
  body: unknown;
}

export interface ConsoleResponse {
  status: number;
  /** Serialised as JSON; absent for 204. */
  body?: unknown;
}

export interface ErrorBody {
  error: { code: string; message: string };
}

/** A failure the caller can act on: a 4xx with a stable code and a message meant for people. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const ok = (body: unknown): ConsoleResponse => ({ status: 200, body });
export const created = (body: unknown): ConsoleResponse => ({ status: 201, body });
export const noContent = (): ConsoleResponse => ({ status: 204 });

export const errorBody = (code: string, message: string): ErrorBody => ({ error: { code, message } });

/** Parses a handler's input with its schema; a mismatch is a 400 naming each bad field. */
export function parseInput<Schema extends z.ZodMiniType>(
  schema: Schema,
  value: unknown,
  where: 'body' | 'query' | 'path',
): z.infer<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => {
    const field = [where, ...issue.path].join('.');
    return issue.code === 'unrecognized_keys'
      ? `${field}: unknown field ${issue.keys.join(', ')}`
      : `${field}: ${issue.message}`;
  });
  throw new ApiError(400, 'invalid_request', issues.join('; '));
}
