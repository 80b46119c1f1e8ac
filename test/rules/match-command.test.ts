import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/commands/match.ts';
import { MAX_RULE_DEPTH } from '../../shared/rules/rule-language.ts';
import { CliError } from '../../tools/cli-error.ts';

const SEED = readFileSync(new URL('../../samples/articles/bilateral-ties.txt', import.meta.url), 'utf8');

function tempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'wirewatch-match-')), name);
  writeFileSync(path, content);
  return path;
}

/** Runs the command and returns the JSON lines it printed. */
async function run(args: string[]): Promise<unknown[]> {
  const lines: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  const status = await main(args);
  expect(status).toBe(0);
  return lines
    .join('')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('wirewatch match', () => {
  it('gives labels to rules on an Urdu document too, its language passed to the classifier', async () => {
    // Prepare
    const title = 'پاکستان اور امریکہ کے درمیان انسداد دہشت گردی مذاکرات اسلام آباد میں شروع';
    const text =
      'پاکستان اور امریکہ کے درمیان انسداد دہشت گردی سے متعلق دو روزہ مذاکرات اسلام آباد میں شروع ہو گئے ہیں۔ ' +
      'دفتر خارجہ کی ترجمان نے بتایا کہ دونوں ممالک خطے میں امن و استحکام کے مشترکہ مقصد پر متفق ہیں۔';
    const rules = tempFile(
      'rules.json',
      JSON.stringify([{ id: 'pk-us-ur', query: '"انسداد دہشت گردی" NEAR/6 مذاکرات pair:PK-US lang:ur' }]),
    );
    const input = tempFile('urdu.json', JSON.stringify({ id: 'ur-1', title, text, lang: 'ur' }));

    // Act
    const output = await run(['--rules', rules, input]);

    // Assess
    expect(output).toMatchObject([{ id: 'ur-1', matches: [{ rule: 'pk-us-ur' }] }]);
  });

  it('matches JSON lines against the rules, with labels from the classifier', async () => {
    // Prepare
    const rules = tempFile(
      'rules.json',
      JSON.stringify([
        { id: 'ct-dialogue', query: '"counterterrorism dialogue"' },
        { id: 'pk-us', query: 'pair:US-PK' },
        { id: 'india', query: 'country:IN' },
      ]),
    );
    const input = tempFile(
      'articles.jsonl',
      [
        JSON.stringify({ id: 'seed', title: 'Bilateral ties', text: SEED }),
        JSON.stringify({ id: 'other', title: 'Weather', text: 'Rain is expected in the north.' }),
      ].join('\n'),
    );

    // Act
    const output = await run(['--rules', rules, '--jsonl', input]);

    // Assess
    expect(output).toEqual([
      {
        id: 'seed',
        matches: [
          {
            rule: 'ct-dialogue',
            highlights: [
              {
                field: 'text',
                term: 'counterterrorism dialogue',
                start: SEED.indexOf('counterterrorism dialogue'),
                end: SEED.indexOf('counterterrorism dialogue') + 25,
              },
            ],
            snippet:
              'Pakistan and the US are scheduled to hold a dedicated counterterrorism dialogue this June.',
          },
          { rule: 'pk-us', highlights: [], snippet: 'Bilateral ties' },
        ],
      },
      { id: 'other', matches: [] },
    ]);
  });

  it('names the rule and the position of a syntax error', async () => {
    // Prepare
    const rules = tempFile('rules.json', JSON.stringify([{ id: 'R7', query: '(sanctions OR iran' }]));
    const input = tempFile('article.json', JSON.stringify({ title: 'a', text: 'b' }));

    // Act
    const running = main(['--rules', rules, input]);

    // Assess
    await expect(running).rejects.toThrow(CliError);
    await expect(main(['--rules', rules, input])).rejects.toThrow(
      'rule "R7": at position 18: expected ")" after "(sanctions OR iran"',
    );
  });

  it('refuses a rule nested past the limit with its position, not a stack overflow', async () => {
    // Prepare
    const query = `${'('.repeat(1800)}iran${')'.repeat(1800)}`;
    const rules = tempFile('rules.json', JSON.stringify([{ id: 'deep', query }]));
    const input = tempFile('article.json', JSON.stringify({ title: 'a', text: 'b' }));

    // Act
    const running = main(['--rules', rules, input]);

    // Assess
    await expect(running).rejects.toThrow(
      `rule "deep": at position ${MAX_RULE_DEPTH}: expected at most ${MAX_RULE_DEPTH} levels of nesting`,
    );
  });

  it('requires --rules', async () => {
    // Prepare
    const args = ['article.json'];

    // Act
    const running = main(args);

    // Assess
    await expect(running).rejects.toThrow('expected --rules RULES.json');
  });
});
