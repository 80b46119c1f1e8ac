/** Reading documents for classify and match: JSON lines streamed, each document bounded in size. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InputDocument, readDocuments } from '../../cli/input.ts';
import { CliError } from '../../tools/cli-error.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wirewatch-input-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(documents: AsyncIterable<InputDocument>) {
  const ids: (string | undefined)[] = [];
  try {
    for await (const document of documents) ids.push(document.id);
    return { ids, error: null };
  } catch (error) {
    return { ids, error };
  }
}

describe('readDocuments', () => {
  it('reads JSON lines with LF or CRLF ends, blank lines skipped, the last line without an end', async () => {
    // Prepare
    const path = join(dir, 'lines.jsonl');
    await writeFile(
      path,
      '{"id":"a","title":"A","text":"é"}\r\n\n{"id":"b","title":"B","text":"ü"}\n{"id":"c","title":"C","text":""}',
    );

    // Act
    const { ids, error } = await collect(readDocuments(path, true));

    // Assess
    expect(error).toBeNull();
    expect(ids).toEqual(['a', 'b', 'c']);
  });

  it('refuses a line over the limit with its line number, after the documents before it', async () => {
    // Prepare
    const path = join(dir, 'huge-line.jsonl');
    const small = JSON.stringify({ id: 'small', title: 'Small', text: 'short' });
    const huge = JSON.stringify({ id: 'huge', title: 'Huge', text: 'word '.repeat(2048) });
    await writeFile(path, `${small}\n${huge}\n${small}\n`);

    // Act
    const { ids, error } = await collect(readDocuments(path, true, 4096));

    // Assess
    expect(ids).toEqual(['small']);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toBe(
      `${path}:2: a document over 4 KB, the most one document may take; split it or leave it out`,
    );
  });

  it('refuses a whole-file document over the limit, and names a file it cannot read', async () => {
    // Prepare
    const path = join(dir, 'huge.json');
    await writeFile(path, JSON.stringify({ title: 'Huge', text: 'word '.repeat(2048) }));

    // Act
    const huge = await collect(readDocuments(path, false, 4096));
    const missing = await collect(readDocuments(join(dir, 'missing.jsonl'), true));

    // Assess
    expect((huge.error as CliError).message).toMatch(/^.*huge\.json: a document over/);
    expect((missing.error as CliError).message).toBe(`cannot read ${join(dir, 'missing.jsonl')}: ENOENT`);
  });
});
