import { describe, expect, it } from 'vitest';
import { routeConsoleRequest } from '../../../functions/console-api/router.ts';
import { CONSOLE_ROUTES } from '../../../functions/console-api/routes.ts';
import { fakeConsoleDeps } from '../../support/console-fakes.ts';
import {
  consoleResponseValidator,
  declaredOperations,
  loadConsoleOpenApi,
} from '../../support/console-openapi.ts';
import { ADMIN_CLAIMS, consoleEvent } from '../../support/console-requests.ts';

describe('docs/api/console.openapi.yaml', () => {
  it('declares exactly the routes of routes.ts, with their operationIds and admin flags', () => {
    // Prepare
    const declared = declaredOperations(loadConsoleOpenApi());

    // Act
    const routes = CONSOLE_ROUTES.map(({ method, path, operationId, admin }) => ({
      method,
      path,
      operationId,
      admin,
    }));

    // Assess
    const byKey = (a: { method: string; path: string }, b: { method: string; path: string }) =>
      `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`);
    expect([...declared].sort(byKey)).toEqual([...routes].sort(byKey));
  });

  it('is OpenAPI 3.1 whose response schemas all compile, references included', () => {
    // Prepare
    const document = loadConsoleOpenApi();
    const validate = consoleResponseValidator(document);

    // Act
    const problems = declaredOperations(document).flatMap(({ method, path }) =>
      Object.keys(document.paths[path]?.[method.toLowerCase() as 'get']?.responses ?? {}).flatMap((status) =>
        // An impossible body: compiling each schema and resolving its references is what is checked.
        validate(method, path, Number(status), Symbol('not JSON')).filter((problem) =>
          problem.startsWith('the document'),
        ),
      ),
    );

    // Assess
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(problems).toEqual([]);
  });

  it('describes the bodies the router answers, errors included', async () => {
    // Prepare
    const validate = consoleResponseValidator();
    const deps = fakeConsoleDeps();

    // Act
    const me = await routeConsoleRequest(
      consoleEvent({ method: 'GET', path: '/me', claims: ADMIN_CLAIMS }),
      CONSOLE_ROUTES,
      deps,
    );
    const anonymous = await routeConsoleRequest(
      consoleEvent({ method: 'GET', path: '/me', claims: {} }),
      CONSOLE_ROUTES,
      deps,
    );

    // Assess
    expect(validate('GET', '/me', me.statusCode ?? 0, JSON.parse(me.body ?? ''))).toEqual([]);
    expect(validate('GET', '/me', anonymous.statusCode ?? 0, JSON.parse(anonymous.body ?? ''))).toEqual([]);
    expect(validate('GET', '/me', 200, { userId: 'x', admin: 'yes' })).not.toEqual([]);
  });
});
