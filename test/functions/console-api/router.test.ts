import { describe, expect, it } from 'vitest';
import { ApiError, ok } from '../../../functions/console-api/console-http.ts';
import type { ConsoleRoute } from '../../../functions/console-api/console-route.ts';
import { MAX_BODY_BYTES } from '../../../functions/console-api/route-match.ts';
import { routeConsoleRequest } from '../../../functions/console-api/router.ts';
import { CONSOLE_ROUTES } from '../../../functions/console-api/routes.ts';
import { fakeConsoleDeps } from '../../support/console-fakes.ts';
import {
  ADMIN_CLAIMS,
  ANALYST_CLAIMS,
  type ConsoleCall,
  consoleEvent,
} from '../../support/console-requests.ts';

const deps = fakeConsoleDeps();

const echo: ConsoleRoute['handler'] = async (request) => ok(request);
const TEST_ROUTES: readonly ConsoleRoute[] = [
  { method: 'GET', path: '/things/{thingId}', operationId: 'getThing', admin: false, handler: echo },
  { method: 'POST', path: '/things/special', operationId: 'special', admin: false, handler: echo },
  { method: 'POST', path: '/things', operationId: 'addThing', admin: false, handler: echo },
  { method: 'GET', path: '/secret', operationId: 'getSecret', admin: true, handler: echo },
  {
    method: 'GET',
    path: '/broken',
    operationId: 'broken',
    admin: false,
    handler: async () => {
      throw new Error('table "wirewatch-prod" refused the write for analyst@example.com');
    },
  },
  {
    method: 'GET',
    path: '/refused',
    operationId: 'refused',
    admin: false,
    handler: async () => {
      throw new ApiError(409, 'conflict', 'Already there');
    },
  },
];

async function call(request: ConsoleCall) {
  const response = await routeConsoleRequest(consoleEvent(request), request.routes ?? CONSOLE_ROUTES, deps);
  return {
    status: response.statusCode,
    headers: response.headers,
    body: response.body && JSON.parse(response.body),
  };
}

describe('console API router', () => {
  it('answers GET /me with the identity from the verified claims', async () => {
    // Prepare: an admin's claims, with the groups claim as the HTTP API JWT authorizer formats it
    const request = { method: 'GET', path: '/me', claims: ADMIN_CLAIMS };

    // Act
    const response = await call(request);

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers?.['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual({ userId: 'admin-1', email: 'admin@example.com', admin: true });
  });

  it('reads the groups claim as an array too, and a non-member is no admin', async () => {
    // Prepare
    const asArray = consoleEvent({ method: 'GET', path: '/me' });
    const claims = asArray.requestContext.authorizer.jwt.claims;
    const arrayAdmin = { ...claims, 'cognito:groups': ['analysts', 'admins'] };
    const event = {
      ...asArray,
      requestContext: {
        ...asArray.requestContext,
        authorizer: { ...asArray.requestContext.authorizer, jwt: { claims: arrayAdmin, scopes: [] } },
      },
    };

    // Act
    const admin = await routeConsoleRequest(event, CONSOLE_ROUTES, deps);
    const analyst = await call({ method: 'GET', path: '/me', claims: ANALYST_CLAIMS });

    // Assess
    expect(JSON.parse(admin.body ?? '')).toMatchObject({ admin: true });
    expect(analyst.body).toMatchObject({ admin: false });
  });

  it('refuses a request without sub and email claims with 401', async () => {
    // Act
    const response = await call({ method: 'GET', path: '/me', claims: { sub: 'someone' } });

    // Assess
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('unauthenticated');
  });

  it('answers unknown paths with 404 and known paths with another method with 405', async () => {
    // Act
    const missing = await call({ method: 'GET', path: '/nothing-here' });
    const wrongMethod = await call({ method: 'DELETE', path: '/me' });

    // Assess
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect(wrongMethod).toMatchObject({ status: 405, body: { error: { code: 'method_not_allowed' } } });
  });

  it('prefers a fixed path to a template and decodes path parameters', async () => {
    // Act
    const fixed = await call({ method: 'POST', path: '/things/special', body: {}, routes: TEST_ROUTES });
    const templated = await call({ method: 'GET', path: '/things/a%20b', routes: TEST_ROUTES });

    // Assess
    expect(fixed.status).toBe(200);
    expect(fixed.body.pathParameters).toEqual({});
    expect(templated.body.pathParameters).toEqual({ thingId: 'a b' });
  });

  it('matches by path when API Gateway hands over a $default route', async () => {
    // Prepare
    const event = {
      ...consoleEvent({ method: 'GET', path: '/things/x?limit=5', routes: TEST_ROUTES }),
      routeKey: '$default',
    };
    delete event.pathParameters;

    // Act
    const response = await routeConsoleRequest(event, TEST_ROUTES, deps);

    // Assess
    expect(JSON.parse(response.body ?? '')).toMatchObject({
      pathParameters: { thingId: 'x' },
      query: { limit: '5' },
    });
  });

  it('passes the parsed JSON body and refuses a body that is not JSON or too large', async () => {
    // Act
    const parsed = await call({ method: 'POST', path: '/things', body: { a: 1 }, routes: TEST_ROUTES });
    const notJson = await call({ method: 'POST', path: '/things', body: '{"a":', routes: TEST_ROUTES });
    const tooLarge = await call({
      method: 'POST',
      path: '/things',
      body: { text: 'x'.repeat(MAX_BODY_BYTES) },
      routes: TEST_ROUTES,
    });

    // Assess
    expect(parsed.body.body).toEqual({ a: 1 });
    expect(notJson).toMatchObject({ status: 400, body: { error: { code: 'invalid_json' } } });
    expect(tooLarge).toMatchObject({ status: 413, body: { error: { code: 'body_too_large' } } });
  });

  it('keeps admin routes to the admins group', async () => {
    // Act
    const analyst = await call({ method: 'GET', path: '/secret', routes: TEST_ROUTES });
    const admin = await call({ method: 'GET', path: '/secret', claims: ADMIN_CLAIMS, routes: TEST_ROUTES });

    // Assess
    expect(analyst).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect(admin.status).toBe(200);
  });

  it('answers an ApiError with its status and an unexpected failure with a 500 that tells nothing', async () => {
    // Act
    const refused = await call({ method: 'GET', path: '/refused', routes: TEST_ROUTES });
    const broken = await call({ method: 'GET', path: '/broken', routes: TEST_ROUTES });

    // Assess
    expect(refused).toMatchObject({
      status: 409,
      body: { error: { code: 'conflict', message: 'Already there' } },
    });
    expect(broken).toEqual({
      status: 500,
      headers: expect.anything(),
      body: { error: { code: 'internal', message: 'The request failed; try again later' } },
    });
  });
});
