/**
 * The analyst console served locally over the emulators, through real HTTP on loopback: the local
 * security checks (token, Host, loopback only), the page and its config, and the API answering
 * from what the pipeline stored, each answer checked against the OpenAPI file.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleServer } from '../../local/console-server.ts';
import { startLocalConsole } from '../../local/local-console.ts';
import { newFeedState } from '../../shared/polling/feed-state.ts';
import { consoleResponseValidator } from '../support/console-openapi.ts';
import {
  articleJobFor,
  CT_DIALOGUE_RULE,
  type SamplePipeline,
  SEED_URL,
  startSamplePipeline,
} from '../support/sample-pipeline.ts';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

let sample: SamplePipeline;
let server: ConsoleServer;
let page: string;

function call(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
) {
  const url = new URL(path, server.origin);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise<Answer>((resolve, reject) => {
    const outgoing = httpRequest(
      url,
      { method: options.method ?? 'GET', headers: { host: url.host, ...options.headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const api = (path: string, options: { method?: string; body?: unknown } = {}) =>
  call(`/api${path}`, { ...options, headers: { authorization: `Bearer ${server.token}` } });

beforeAll(async () => {
  sample = await startSamplePipeline();
  await sample.pipeline.ruleStore.putRule(CT_DIALOGUE_RULE);
  sample.pipeline.queue('articleJobs').send(articleJobFor(SEED_URL));
  await sample.pipeline.drain();
  page = await mkdtemp(join(tmpdir(), 'wirewatch-console-page-'));
  server = await startLocalConsole(sample.pipeline, { staticRoot: page });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await sample?.stop();
  if (page !== undefined) await rm(page, { recursive: true, force: true });
});

describe('the local console server', () => {
  it('listens on 127.0.0.1 and prints a URL carrying its token in the fragment', () => {
    // Assess
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`${server.origin}/#token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses API calls without the token or with another one', async () => {
    // Act
    const without = await call('/api/me');
    const wrong = await call('/api/me', { headers: { authorization: `Bearer ${server.token.slice(1)}x` } });
    const right = await api('/me');

    // Assess
    expect(without.status).toBe(401);
    expect(JSON.parse(without.text)).toMatchObject({ error: { code: 'unauthenticated' } });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(right.text)).toEqual({
      userId: 'local-analyst',
      email: 'analyst@example.com',
      admin: true,
    });
  });

  it('refuses a Host header that does not name it, even with the token (DNS rebinding)', async () => {
    // Act
    const rebound = await call('/api/me', {
      headers: {
        host: `attacker.example:${new URL(server.origin).port}`,
        authorization: `Bearer ${server.token}`,
      },
    });
    const page = await call('/', { headers: { host: 'attacker.example' } });
    const localhost = await call('/config.json', {
      headers: { host: `localhost:${new URL(server.origin).port}` },
    });

    // Assess
    expect(rebound.status).toBe(421);
    expect(page.status).toBe(421);
    expect(localhost.status).toBe(200);
  });

  it('refuses API calls from another origin', async () => {
    // Act
    const response = await call('/api/me', {
      headers: { origin: 'http://attacker.example', authorization: `Bearer ${server.token}` },
    });

    // Assess
    expect(response.status).toBe(403);
  });

  it('says how to build the page until it is built, then serves it, and never a file outside it', async () => {
    // Act
    const before = await call('/');
    await writeFile(join(page, 'index.html'), '<!doctype html><title>console</title>');
    const after = await call('/');
    const outside = await call('/..%2f..%2fetc%2fpasswd');
    const config = await call('/config.json');

    // Assess
    expect(before.status).toBe(503);
    expect(before.text).toContain('npm run build:console');
    expect(after.status).toBe(200);
    expect(after.headers['content-type']).toMatch(/^text\/html/);
    expect(after.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(outside.status).toBe(404);
    expect(JSON.parse(config.text)).toEqual({ apiUrl: '/api', auth: { mode: 'local' } });
  });

  it('answers the rule routes from the emulators, as the OpenAPI file describes', async () => {
    // Prepare
    const validate = consoleResponseValidator();

    // Act
    const created = await api('/rules', {
      method: 'POST',
      body: { name: 'Talks', query: '"counterterrorism dialogue"' },
    });
    const rule = JSON.parse(created.text);
    const listed = await api('/rules');
    const preview = await api('/rules/preview', { method: 'POST', body: { query: rule.query, days: 30 } });
    const invalid = await api('/rules', { method: 'POST', body: { name: 'Broken', query: '(a' } });
    const removed = await api(`/rules/${rule.id}`, { method: 'DELETE' });

    // Assess
    expect(created.status).toBe(201);
    expect(validate('POST', '/rules', 201, rule)).toEqual([]);
    expect(validate('GET', '/rules', 200, JSON.parse(listed.text))).toEqual([]);
    expect(JSON.parse(listed.text).rules.map(({ id }: { id: string }) => id)).toEqual(
      expect.arrayContaining(['ct-dialogue', rule.id]),
    );
    const previewed = JSON.parse(preview.text);
    expect(validate('POST', '/rules/preview', 200, previewed)).toEqual([]);
    expect(previewed.articles.map(({ url }: { url: string }) => url)).toContain(SEED_URL);
    expect(invalid.status).toBe(400);
    expect(validate('POST', '/rules', 400, JSON.parse(invalid.text))).toEqual([]);
    expect(removed.status).toBe(204);
  });

  it("keeps the caller's subscriptions in SNS and the table, with the emulator's confirmation", async () => {
    // Prepare
    const validate = consoleResponseValidator();

    // Act
    const immediate = await api('/subscriptions', {
      method: 'POST',
      body: { target: { kind: 'rule', value: 'ct-dialogue' }, delivery: 'immediate' },
    });
    const digest = await api('/subscriptions', {
      method: 'POST',
      body: { target: { kind: 'pair', value: 'US-PK' }, delivery: 'digest' },
    });
    const listed = JSON.parse((await api('/subscriptions')).text);
    const removed = await api(`/subscriptions/${JSON.parse(digest.text).id}`, { method: 'DELETE' });
    const after = JSON.parse((await api('/subscriptions')).text);

    // Assess
    expect(immediate.status).toBe(201);
    expect(validate('POST', '/subscriptions', 201, JSON.parse(digest.text))).toEqual([]);
    expect(validate('GET', '/subscriptions', 200, listed)).toEqual([]);
    expect(
      listed.subscriptions.map(({ target, delivery, status }: Record<string, unknown>) => ({
        target,
        delivery,
        status,
      })),
    ).toEqual([
      { target: { kind: 'rule', value: 'ct-dialogue' }, delivery: 'immediate', status: 'confirmed' },
      { target: { kind: 'pair', value: 'PK-US' }, delivery: 'digest', status: 'confirmed' },
    ]);
    expect(removed.status).toBe(204);
    expect(after.subscriptions.map(({ delivery }: { delivery: string }) => delivery)).toEqual(['immediate']);
  });

  it('shows the admin the feeds from the table and the depth of each dead-letter queue', async () => {
    // Prepare
    const validate = consoleResponseValidator();
    sample.pipeline.deadLetterQueues.get('articleJobs')?.send('{"poison":true}', {});
    await sample.pipeline.feedStore.registerFeed(
      newFeedState({ url: 'https://feeds.example/world.xml' }, new Date()),
    );

    // Act
    const feeds = JSON.parse((await api('/ops/feeds')).text);
    const deadLetters = JSON.parse((await api('/ops/dead-letters')).text);

    // Assess
    expect(validate('GET', '/ops/feeds', 200, feeds)).toEqual([]);
    expect(feeds.feeds.map(({ url }: { url: string }) => url)).toContain('https://feeds.example/world.xml');
    expect(validate('GET', '/ops/dead-letters', 200, deadLetters)).toEqual([]);
    expect(deadLetters.queues).toEqual([
      { queue: 'feedJobs', depth: 0 },
      { queue: 'articleJobs', depth: 1 },
      { queue: 'classifyJobs', depth: 0 },
    ]);
  });
});
