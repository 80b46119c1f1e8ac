import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { corpusHalf, loadCorpusPages } from '../../evals/extraction.ts';

describe('corpusHalf', () => {
  it('puts a file name whose SHA-1 starts with an even byte in the tuning half, an odd one in the check half', () => {
    // Prepare: sha1("b.html.gz") starts 0x0a, sha1("0a0a.html.gz") starts 0xd9
    const evenName = 'b.html.gz';
    const oddName = '0a0a.html.gz';

    // Act
    const halves = [corpusHalf(evenName), corpusHalf(oddName)];

    // Assess
    expect(halves).toEqual(['tuning', 'check']);
  });
});

describe('loadCorpusPages', () => {
  let dataDir = '';
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('marks every page with the half of its file name', async () => {
    // Prepare
    dataDir = await mkdtemp(join(tmpdir(), 'extraction-corpus-'));
    await mkdir(join(dataDir, 'html'));
    const truth = {
      b: { url: 'https://example.com/b', articleBody: 'B' },
      '0a0a': { url: 'https://example.com/0a0a', articleBody: 'A' },
    };
    await writeFile(join(dataDir, 'ground-truth.json'), JSON.stringify(truth));
    for (const id of Object.keys(truth)) {
      await writeFile(
        join(dataDir, 'html', `${id}.html.gz`),
        gzipSync(`<html><body><p>${id}</p></body></html>`),
      );
    }

    // Act
    const pages = await loadCorpusPages(dataDir);

    // Assess
    expect(pages.map(({ id, url, half }) => ({ id, url, half }))).toEqual([
      { id: '0a0a', url: 'https://example.com/0a0a', half: 'check' },
      { id: 'b', url: 'https://example.com/b', half: 'tuning' },
    ]);
  });
});
