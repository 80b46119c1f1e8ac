/** The console's rule routes through the router, on in-memory ports; every answer is checked against the OpenAPI file. */
import { describe, expect, it } from 'vitest';
import type { StoredRule } from '../../../shared/ports/rule-store.ts';
import { archiveDocument, fakeConsoleDeps } from '../../support/console-fakes.ts';
import { ADMIN_CLAIMS, callConsole, OTHER_ANALYST_CLAIMS } from '../../support/console-requests.ts';

const createdAt = '2026-11-01T00:00:00.000Z';
const rule = (id: string, owner?: string): StoredRule => ({
  id,
  name: `Rule ${id}`,
  query: 'sanctions',
  createdAt,
  ...(owner === undefined ? {} : { owner }),
});

function depsWithRules() {
  const deps = fakeConsoleDeps();
  for (const stored of [
    rule('mine', 'Analyst@Example.com'),
    rule('theirs', 'other@example.com'),
    rule('cli'),
  ]) {
    deps.rules.rules.set(stored.id, stored);
  }
  return deps;
}

describe('GET /rules', () => {
  it('lists every rule, marking those the caller may change', async () => {
    // Prepare
    const deps = depsWithRules();

    // Act
    const analyst = await callConsole({ method: 'GET', path: '/rules' }, deps);
    const admin = await callConsole({ method: 'GET', path: '/rules', claims: ADMIN_CLAIMS }, deps);

    // Assess
    expect(analyst.status).toBe(200);
    const mine = Object.fromEntries(
      analyst.body.rules.map((each: { id: string; mine: boolean }) => [each.id, each.mine]),
    );
    expect(mine).toEqual({ mine: true, theirs: false, cli: false });
    expect(admin.body.rules.every((each: { mine: boolean }) => each.mine)).toBe(true);
    expect(analyst.body.rules.find((each: { id: string }) => each.id === 'cli').owner).toBeNull();
  });
});

describe('POST /rules', () => {
  it('stores a new rule owned by the caller under a readable id', async () => {
    // Prepare
    const deps = fakeConsoleDeps();

    // Act
    const response = await callConsole(
      { method: 'POST', path: '/rules', body: { name: 'PK–US talks', query: 'pair:PK-US AND talks' } },
      deps,
    );

    // Assess
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ name: 'PK–US talks', owner: 'analyst@example.com', mine: true });
    expect(response.body.id).toMatch(/^pk-us-talks-[0-9a-f]{8}$/);
    expect(deps.rules.rules.get(response.body.id)).toMatchObject({
      owner: 'analyst@example.com',
      query: 'pair:PK-US AND talks',
      createdAt: '2026-11-24T06:30:00.000Z',
    });
  });

  it.each([
    ['a query that does not parse', { name: 'x', query: 'sanctions AND (iran' }, /does not parse at/],
    ['a name with a line break', { name: 'a\nBcc: x', query: 'sanctions' }, /one line of text/],
    ['no query', { name: 'x' }, /body\.query/],
    ['an unknown field', { name: 'x', query: 'sanctions', owner: 'someone@else' }, /owner/],
    ['a query past the limit', { name: 'x', query: 'a '.repeat(3000) }, /body\.query/],
  ])('refuses %s with a 400 saying why', async (_, body, message) => {
    // Prepare
    const deps = fakeConsoleDeps();

    // Act
    const response = await callConsole({ method: 'POST', path: '/rules', body }, deps);

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(message),
    });
    expect(deps.rules.rules.size).toBe(0);
  });
});

describe('PUT and DELETE /rules/{ruleId}', () => {
  it('let the owner change and remove their rule, keeping its owner and creation time', async () => {
    // Prepare
    const deps = depsWithRules();

    // Act
    const updated = await callConsole(
      { method: 'PUT', path: '/rules/mine', body: { name: 'Renamed', query: 'tariffs' } },
      deps,
    );
    const removed = await callConsole({ method: 'DELETE', path: '/rules/mine' }, deps);

    // Assess
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      id: 'mine',
      name: 'Renamed',
      query: 'tariffs',
      createdAt,
      mine: true,
    });
    expect(removed).toEqual({ status: 204, body: undefined });
    expect(deps.rules.rules.has('mine')).toBe(false);
  });

  it("refuse another analyst's rule and an unowned rule with 403, leaving them as they were", async () => {
    // Prepare
    const deps = depsWithRules();

    // Act
    const theirs = await callConsole(
      { method: 'PUT', path: '/rules/theirs', body: { name: 'Mine now', query: 'x' } },
      deps,
    );
    const unowned = await callConsole({ method: 'DELETE', path: '/rules/cli' }, deps);
    const asOwner = await callConsole(
      { method: 'DELETE', path: '/rules/theirs', claims: OTHER_ANALYST_CLAIMS },
      deps,
    );

    // Assess
    expect(theirs).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect(unowned).toMatchObject({
      status: 403,
      body: { error: { message: expect.stringMatching(/only admins/) } },
    });
    expect(deps.rules.rules.has('cli')).toBe(true);
    expect(asOwner.status).toBe(204);
  });

  it('let an admin change any rule and answer 404 for a rule that does not exist', async () => {
    // Prepare
    const deps = depsWithRules();

    // Act
    const admin = await callConsole(
      { method: 'PUT', path: '/rules/cli', body: { name: 'Fixed', query: 'tariffs' }, claims: ADMIN_CLAIMS },
      deps,
    );
    const missing = await callConsole(
      { method: 'DELETE', path: '/rules/nothing', claims: ADMIN_CLAIMS },
      deps,
    );

    // Assess
    expect(admin.status).toBe(200);
    expect(deps.rules.rules.get('cli')).toMatchObject({ name: 'Fixed', query: 'tariffs' });
    expect(deps.rules.rules.get('cli')?.owner).toBeUndefined();
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });
});

describe('POST /rules/check', () => {
  it('says a query is valid, or where it goes wrong', async () => {
    // Prepare
    const deps = fakeConsoleDeps();

    // Act
    const valid = await callConsole(
      { method: 'POST', path: '/rules/check', body: { query: 'a AND b' } },
      deps,
    );
    const invalid = await callConsole(
      { method: 'POST', path: '/rules/check', body: { query: 'a AND (b' } },
      deps,
    );
    const tooLong = await callConsole(
      { method: 'POST', path: '/rules/check', body: { query: 'a'.repeat(5000) } },
      deps,
    );
    const notAString = await callConsole({ method: 'POST', path: '/rules/check', body: { query: 5 } }, deps);

    // Assess
    expect(valid.body).toEqual({ valid: true });
    expect(invalid.body).toMatchObject({ valid: false, error: { position: 8 } });
    expect(tooLong.body).toMatchObject({
      valid: false,
      error: { message: expect.stringMatching(/at most/) },
    });
    expect(notAString.status).toBe(400);
  });
});

describe('POST /rules/preview', () => {
  async function archivedDeps() {
    const deps = fakeConsoleDeps();
    await archiveDocument(deps.archive, {
      id: 'old',
      title: 'Sanctions talk',
      text: 'Sanctions were discussed at length.',
      fetchedAt: '2026-11-20T08:00:00.000Z',
    });
    await archiveDocument(deps.archive, {
      id: 'new',
      title: 'Weather and sanctions',
      text: 'Rain fell. New sanctions on steel were announced on Monday.',
      fetchedAt: '2026-11-23T08:00:00.000Z',
      publishedAt: '2026-11-23T07:00:00.000Z',
    });
    await archiveDocument(deps.archive, {
      id: 'other',
      title: 'Weather',
      text: 'Rain fell all day.',
      fetchedAt: '2026-11-23T09:00:00.000Z',
    });
    return deps;
  }

  it('counts matches per day over the whole period and shows the newest matches with highlights in the snippet', async () => {
    // Prepare
    const deps = await archivedDeps();

    // Act
    const response = await callConsole(
      { method: 'POST', path: '/rules/preview', body: { query: 'sanctions', days: 7 } },
      deps,
    );

    // Assess
    expect(response.status).toBe(200);
    expect(response.body.days).toHaveLength(7);
    expect(response.body.days[0]).toEqual({ date: '2026-11-18', count: 0 });
    expect(response.body.days.filter((day: { count: number }) => day.count > 0)).toEqual([
      { date: '2026-11-20', count: 1 },
      { date: '2026-11-23', count: 1 },
    ]);
    expect(response.body).toMatchObject({ scanned: 3, truncated: false });
    const [newest] = response.body.articles;
    expect(response.body.articles.map((article: { articleId: string }) => article.articleId)).toEqual([
      'new',
      'old',
    ]);
    const highlighted = newest.highlights.map(({ start, end }: { start: number; end: number }) =>
      newest.snippet.slice(start, end),
    );
    expect(highlighted).toEqual(['sanctions']);
  });

  it('stops reading when its time budget is spent and says the preview is truncated', async () => {
    // Prepare: a clock that moves on three seconds each time it is read
    const deps = await archivedDeps();
    const started = deps.clock.now().getTime();
    let reads = 0;
    deps.clock.now = () => new Date(started + 3_000 * reads++);

    // Act
    const response = await callConsole(
      { method: 'POST', path: '/rules/preview', body: { query: 'sanctions', days: 7 } },
      deps,
    );

    // Assess
    expect(response.body.truncated).toBe(true);
    expect(response.body.scanned).toBeLessThan(3);
  });

  it.each([
    ['a query that does not parse', { query: '"unclosed', days: 7 }],
    ['too many days', { query: 'sanctions', days: 365 }],
    ['days that are not whole', { query: 'sanctions', days: 1.5 }],
    ['no days', { query: 'sanctions' }],
  ])('refuses %s with a 400', async (_, body) => {
    // Prepare
    const deps = await archivedDeps();

    // Act
    const response = await callConsole({ method: 'POST', path: '/rules/preview', body }, deps);

    // Assess
    expect(response).toMatchObject({ status: 400, body: { error: { code: 'invalid_request' } } });
  });
});
