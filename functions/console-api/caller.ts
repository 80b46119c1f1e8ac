/**
 * Who is calling: read from the claims the API Gateway JWT authorizer verified (`sub`, `email`,
 * `cognito:groups`), never from anything else the client sends. Locally the console server puts the
 * local analyst's claims in the same place.
 */
import type { Analyst } from '../../shared/console/analyst.ts';
import { ApiError } from './console-http.ts';

/** Members of this Cognito group may change any rule and read the ops routes. */
export const ADMIN_GROUP = 'admins';

export type Caller = Analyst;

type Claims = Record<string, string | number | boolean | string[]> | undefined;

/**
 * The groups claim as API Gateway hands it over: an array, or (HTTP API JWT authorizer) one string
 * such as "[admins analysts]"; a comma-separated string is read too.
 */
function groupsOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== 'string') return [];
  return claim
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

export function callerFromClaims(claims: Claims): Caller {
  const sub = claims?.sub;
  const email = claims?.email;
  if (typeof sub !== 'string' || sub === '' || typeof email !== 'string' || email === '') {
    throw new ApiError(
      401,
      'unauthenticated',
      'Sign in first: the request carries no identity with an email',
    );
  }
  return { userId: sub, email, admin: groupsOf(claims?.['cognito:groups']).includes(ADMIN_GROUP) };
}
