/** The console's subscription routes through the router, on in-memory ports; every answer is checked against the OpenAPI file. */
import { describe, expect, it } from 'vitest';
import { fakeConsoleDeps } from '../../support/console-fakes.ts';
import { callConsole, OTHER_ANALYST_CLAIMS } from '../../support/console-requests.ts';

function depsWithRule() {
  const deps = fakeConsoleDeps();
  deps.rules.rules.set('ct-dialogue', {
    id: 'ct-dialogue',
    name: 'Counterterrorism dialogue',
    query: '"counterterrorism dialogue"',
    createdAt: '2026-11-01T00:00:00.000Z',
  });
  return deps;
}

const subscribe = (
  deps: ReturnType<typeof fakeConsoleDeps>,
  body: unknown,
  claims?: Record<string, string>,
) =>
  callConsole(
    { method: 'POST', path: '/subscriptions', body, ...(claims === undefined ? {} : { claims }) },
    deps,
  );

describe('POST /subscriptions', () => {
  it("puts every immediate target of the caller into their one alert subscription's filter policy", async () => {
    // Prepare
    const deps = depsWithRule();

    // Act
    const rule = await subscribe(deps, {
      target: { kind: 'rule', value: 'ct-dialogue' },
      delivery: 'immediate',
    });
    const pair = await subscribe(deps, { target: { kind: 'pair', value: 'us-pk' }, delivery: 'immediate' });
    const topic = await subscribe(deps, { target: { kind: 'topic', value: 'trade' }, delivery: 'immediate' });

    // Assess
    expect(rule).toMatchObject({ status: 201, body: { delivery: 'immediate', status: 'confirmed' } });
    expect(pair.body.target).toEqual({ kind: 'pair', value: 'PK-US' });
    expect(topic.status).toBe(201);
    expect(deps.alertSubscriptions.byAddress.get('analyst@example.com')?.filterPolicy).toEqual({
      $or: [{ rule: ['ct-dialogue'] }, { countryPairs: ['PK-US'] }, { topics: ['trade'] }],
    });
  });

  it('stores a digest subscription per target and subscribes the address to the digest topic once', async () => {
    // Prepare
    const deps = depsWithRule();

    // Act
    const first = await subscribe(deps, {
      target: { kind: 'rule', value: 'ct-dialogue' },
      delivery: 'digest',
    });
    await subscribe(deps, { target: { kind: 'topic', value: 'trade' }, delivery: 'digest' });

    // Assess
    expect(first.body).toMatchObject({ delivery: 'digest', status: 'pending' });
    expect([...deps.subscriptions.subscriptions.values()].map(({ filter }) => filter)).toEqual([
      { rules: ['ct-dialogue'] },
      { topics: ['trade'] },
    ]);
    expect(deps.digestRecipients.byAddress.get('analyst@example.com')?.filterPolicy).toEqual({
      recipient: ['analyst@example.com'],
    });
  });

  it.each([
    [
      'a rule that does not exist',
      { target: { kind: 'rule', value: 'nothing' }, delivery: 'immediate' },
      404,
    ],
    ['a pair that is not one', { target: { kind: 'pair', value: 'PAK-USA' }, delivery: 'immediate' }, 400],
    ['an unknown topic', { target: { kind: 'topic', value: 'gardening' }, delivery: 'digest' }, 400],
    ['an unknown kind', { target: { kind: 'country', value: 'PK' }, delivery: 'immediate' }, 400],
    ['another delivery', { target: { kind: 'topic', value: 'trade' }, delivery: 'weekly' }, 400],
    [
      'an address in the body',
      { target: { kind: 'topic', value: 'trade' }, delivery: 'immediate', email: 'x@y.z' },
      400,
    ],
  ])('refuses %s', async (_, body, status) => {
    // Prepare
    const deps = depsWithRule();

    // Act
    const response = await subscribe(deps, body);

    // Assess
    expect(response.status).toBe(status);
    expect(deps.alertSubscriptions.byAddress.size + deps.subscriptions.subscriptions.size).toBe(0);
  });

  it('refuses to change a subscription pending confirmation, whose filter SNS does not show', async () => {
    // Prepare
    const deps = depsWithRule();
    deps.alertSubscriptions.unreadable.add('analyst@example.com');

    // Act
    const response = await subscribe(deps, {
      target: { kind: 'topic', value: 'trade' },
      delivery: 'immediate',
    });

    // Assess
    expect(response).toMatchObject({
      status: 409,
      body: { error: { message: expect.stringMatching(/confirmation/) } },
    });
  });
});

describe('GET and DELETE /subscriptions', () => {
  it("lists only the caller's subscriptions with their state, and removes one target at a time", async () => {
    // Prepare
    const deps = depsWithRule();
    await subscribe(deps, { target: { kind: 'rule', value: 'ct-dialogue' }, delivery: 'immediate' });
    await subscribe(deps, { target: { kind: 'topic', value: 'trade' }, delivery: 'immediate' });
    await subscribe(deps, { target: { kind: 'pair', value: 'IN-PK' }, delivery: 'digest' });
    await subscribe(
      deps,
      { target: { kind: 'topic', value: 'energy' }, delivery: 'immediate' },
      OTHER_ANALYST_CLAIMS,
    );

    // Act
    const listed = await callConsole({ method: 'GET', path: '/subscriptions' }, deps);
    const [rule] = listed.body.subscriptions;
    const removed = await callConsole({ method: 'DELETE', path: `/subscriptions/${rule.id}` }, deps);
    const after = await callConsole({ method: 'GET', path: '/subscriptions' }, deps);

    // Assess
    expect(
      listed.body.subscriptions.map(({ target, delivery, status }: Record<string, unknown>) => ({
        target,
        delivery,
        status,
      })),
    ).toEqual([
      { target: { kind: 'rule', value: 'ct-dialogue' }, delivery: 'immediate', status: 'confirmed' },
      { target: { kind: 'topic', value: 'trade' }, delivery: 'immediate', status: 'confirmed' },
      { target: { kind: 'pair', value: 'IN-PK' }, delivery: 'digest', status: 'pending' },
    ]);
    expect(removed.status).toBe(204);
    expect(after.body.subscriptions).toHaveLength(2);
    expect(deps.alertSubscriptions.byAddress.get('analyst@example.com')?.filterPolicy).toEqual({
      topics: ['trade'],
    });
  });

  it("unsubscribes the address when its last target goes, and answers 404 for another analyst's subscription", async () => {
    // Prepare
    const deps = depsWithRule();
    const immediate = await subscribe(deps, {
      target: { kind: 'topic', value: 'trade' },
      delivery: 'immediate',
    });
    const digest = await subscribe(deps, { target: { kind: 'topic', value: 'trade' }, delivery: 'digest' });

    // Act
    const byOther = await callConsole(
      { method: 'DELETE', path: `/subscriptions/${digest.body.id}`, claims: OTHER_ANALYST_CLAIMS },
      deps,
    );
    const immediateGone = await callConsole(
      { method: 'DELETE', path: `/subscriptions/${immediate.body.id}` },
      deps,
    );
    const digestGone = await callConsole(
      { method: 'DELETE', path: `/subscriptions/${digest.body.id}` },
      deps,
    );
    const again = await callConsole({ method: 'DELETE', path: `/subscriptions/${digest.body.id}` }, deps);

    // Assess
    expect(byOther.status).toBe(404);
    expect(immediateGone.status).toBe(204);
    expect(digestGone.status).toBe(204);
    expect(deps.alertSubscriptions.byAddress.size).toBe(0);
    expect(deps.digestRecipients.byAddress.size).toBe(0);
    expect(again.status).toBe(404);
  });
});
