/**
 * JSON configuration the CLI reads (`run --feeds/--rules/--subscribers`, `match --rules`) and the rule
 * sets it takes in: a misspelt field and an oversized rule set are refused with a message naming them,
 * before anything starts.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as match } from '../../cli/commands/match.ts';
import { main as rules } from '../../cli/commands/rules.ts';
import { main as run } from '../../cli/commands/run.ts';
import { MAX_QUERY_CHARACTERS, MAX_RULES } from '../../shared/rules/rule-set-limits.ts';

let dir: string;
const file = (name: string) => join(dir, name);
const write = (name: string, value: unknown) => writeFile(file(name), JSON.stringify(value));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wirewatch-config-'));
  await write('feeds.json', [{ url: 'http://samples.wirewatch.localhost/feeds/world.rss' }]);
  await write('rules.json', [{ id: 'ct', query: 'counterterrorism' }]);
  await write('subscribers.json', [{ email: 'analyst@example.com' }]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `wirewatch run` with the good files, one of them replaced. */
const runWith = (replaced: Partial<Record<'feeds' | 'rules' | 'subscribers', string>>) =>
  run([
    '--feeds',
    replaced.feeds ?? file('feeds.json'),
    '--rules',
    replaced.rules ?? file('rules.json'),
    '--subscribers',
    replaced.subscribers ?? file('subscribers.json'),
  ]);

describe('unknown fields in configuration', () => {
  it.each([
    [
      'feeds',
      [{ url: 'http://samples.wirewatch.localhost/feeds/world.rss', titel: 'World' }],
      /entry 1.*"titel"/,
    ],
    [
      'rules',
      [
        { id: 'ct', query: 'talks' },
        { id: 'b', qeury: 'talks', query: 'x' },
      ],
      /entry 2.*"qeury"/,
    ],
    ['subscribers', [{ email: 'analyst@example.com', filterPolicy: {}, fliter: {} }], /entry 1.*"fliter"/],
  ] as const)(
    'run refuses a %s file with an unknown field, naming the entry and the field',
    async (kind, content, message) => {
      // Prepare
      await write(`bad-${kind}.json`, content);

      // Act
      const running = runWith({ [kind]: file(`bad-${kind}.json`) });

      // Assess
      await expect(running).rejects.toThrow(message);
    },
  );

  it('match refuses a rules file with an unknown field', async () => {
    // Prepare
    await write('match-rules.json', [{ id: 'ct', query: 'talks', description: 'not a field' }]);

    // Act
    const matching = match(['--rules', file('match-rules.json'), file('rules.json')]);

    // Assess
    await expect(matching).rejects.toThrow(/rule 1: unknown field "description"; known: id, name, query/);
  });
});

describe('oversized rule sets', () => {
  const tooMany = Array.from({ length: MAX_RULES + 1 }, (_, index) => ({ id: `r${index}`, query: 'talks' }));
  const tooLong = [{ id: 'long', query: `talks ${'OR talks '.repeat(MAX_QUERY_CHARACTERS / 8)}` }];

  it('run refuses more rules than the matcher is measured for', async () => {
    // Prepare
    await write('many-rules.json', tooMany);

    // Act
    const running = runWith({ rules: file('many-rules.json') });

    // Assess
    await expect(running).rejects.toThrow(`100001 rules given; at most ${MAX_RULES} are allowed`);
  });

  it('run and match refuse a query over the length limit, naming the rule', async () => {
    // Prepare
    await write('long-rule.json', tooLong);

    // Act
    const [running, matching] = await Promise.allSettled([
      runWith({ rules: file('long-rule.json') }),
      match(['--rules', file('long-rule.json'), file('rules.json')]),
    ]);

    // Assess
    const refusal = /rule long's query has \d+ characters; at most 4096 are allowed/;
    expect(running).toMatchObject({
      status: 'rejected',
      reason: { message: expect.stringMatching(refusal) },
    });
    expect(matching).toMatchObject({
      status: 'rejected',
      reason: { message: expect.stringMatching(refusal) },
    });
  });

  it('match refuses more rules than the matcher is measured for', async () => {
    // Prepare
    await write('match-many.json', tooMany);

    // Act
    const matching = match(['--rules', file('match-many.json'), file('rules.json')]);

    // Assess
    await expect(matching).rejects.toThrow(`at most ${MAX_RULES} are allowed`);
  });

  it('rules add refuses a query over the length limit before opening any state', async () => {
    // Act
    const adding = rules(['add', '--id', 'long', '--state', file('no-state'), tooLong[0]?.query ?? '']);

    // Assess
    await expect(adding).rejects.toThrow(/the query has \d+ characters; at most 4096 are allowed/);
  });
});
