/** `wirewatch classify`: one JSON line per document, each pair with its relation and evidence. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../cli/commands/classify.ts';
import { captureOutput } from './capture-output.ts';

const SEED = readFileSync(new URL('../../samples/articles/bilateral-ties.txt', import.meta.url), 'utf8');

let output: ReturnType<typeof captureOutput> | undefined;

afterEach(() => {
  output?.restore();
});

describe('wirewatch classify', () => {
  it('prints each pair with its relation on the CAMEO QuadClass scale and the sentence behind it', async () => {
    // Prepare
    const documents = [
      { id: 'seed', title: 'Bilateral ties', text: SEED },
      {
        id: 'strikes',
        title: 'Russia and Ukraine',
        text: 'Russian missile strikes hit Kyiv overnight, and Ukraine shot down drones over Kharkiv.',
      },
    ];
    const path = join(mkdtempSync(join(tmpdir(), 'wirewatch-classify-')), 'documents.jsonl');
    writeFileSync(path, documents.map((document) => JSON.stringify(document)).join('\n'));
    output = captureOutput();

    // Act
    const status = await main(['--jsonl', path]);
    const lines = output
      .stdout()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));

    // Assess
    expect(status).toBe(0);
    expect(lines.map((line) => [line.id, line.primaryPair, line.pairs[0].relation.type])).toEqual([
      ['seed', 'PK-US', 'verbal-cooperation'],
      ['strikes', 'RU-UA', 'material-conflict'],
    ]);
    expect(lines[1].pairs[0].relation.evidence).toBe(
      'Russian missile strikes hit Kyiv overnight, and Ukraine shot down drones over Kharkiv.',
    );
  });

  it('reads each document in the language its "lang" field names', async () => {
    // Prepare
    const document = {
      id: 'urdu',
      lang: 'ur',
      title: 'پاکستان اور امریکہ کے درمیان مذاکرات',
      text: 'اسلام آباد میں پاکستان اور امریکہ کے وفود نے تجارت پر بات چیت کی۔ امریکی وفد کل واپس جائے گا۔',
    };
    const path = join(mkdtempSync(join(tmpdir(), 'wirewatch-classify-')), 'document.json');
    writeFileSync(path, JSON.stringify(document));
    output = captureOutput();

    // Act
    const status = await main([path]);
    const line = JSON.parse(output.stdout().trim());

    // Assess
    expect(status).toBe(0);
    expect(line.primaryPair).toBe('PK-US');
  });

  it('refuses a "lang" that is not a string', async () => {
    // Prepare
    const path = join(mkdtempSync(join(tmpdir(), 'wirewatch-classify-')), 'document.json');
    writeFileSync(path, JSON.stringify({ title: 'T', text: 'x', lang: 7 }));
    output = captureOutput();

    // Act
    const run = main([path]);

    // Assess
    await expect(run).rejects.toThrow('"lang" must be a string');
  });
});
