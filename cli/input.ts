/** Reading command input: a file path or `-` for stdin, as one JSON document or as JSON lines (streamed). */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { terminalJson } from '../shared/text/terminal-text.ts';
import { CliError } from '../tools/cli-error.ts';

export interface InputDocument {
  id?: string;
  title: string;
  text: string;
  /** The document's language as a BCP-47 tag ("ur", "zh-Hans"); absent: English. */
  lang?: string;
  [field: string]: unknown;
}

function toDocument(value: unknown, where: string): InputDocument {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliError(`${where}: expected a JSON object with "title" and "text"`);
  }
  const record = value as Record<string, unknown>;
  const title = record.title ?? '';
  const text = record.text ?? '';
  if (typeof title !== 'string' || typeof text !== 'string') {
    throw new CliError(`${where}: "title" and "text" must be strings`);
  }
  if (record.id !== undefined && typeof record.id !== 'string' && typeof record.id !== 'number') {
    throw new CliError(`${where}: "id" must be a string or a number`);
  }
  if (record.lang !== undefined && record.lang !== null && typeof record.lang !== 'string') {
    throw new CliError(`${where}: "lang" must be a string`);
  }
  return {
    ...record,
    id: record.id === undefined ? undefined : String(record.id),
    title,
    text,
    lang: typeof record.lang === 'string' ? record.lang : undefined,
  };
}

function parseJson(line: string, where: string): unknown {
  try {
    return JSON.parse(line);
  } catch (error) {
    throw new CliError(`${where}: invalid JSON (${(error as Error).message})`);
  }
}

/**
 * The largest document read (one JSON line, or the whole input without --jsonl). The pipeline fetches
 * pages of at most 5 MB; a document far larger takes minutes and gigabytes to classify, so it is
 * refused with its line number, before it is held in memory whole.
 */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

const MEGABYTE = 1024 * 1024;
const sizeOf = (bytes: number) =>
  bytes >= MEGABYTE ? `${Math.round((bytes / MEGABYTE) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`;

function tooLarge(where: string, maxBytes: number): CliError {
  return new CliError(
    `${where}: a document over ${sizeOf(maxBytes)}, the most one document may take; split it or leave it out`,
  );
}

/** Yields the documents of `source` (a path, or `-`/undefined for stdin) one at a time. */
export async function* readDocuments(
  source: string | undefined,
  jsonl: boolean,
  maxDocumentBytes = MAX_DOCUMENT_BYTES,
): AsyncGenerator<InputDocument> {
  const path = source === undefined || source === '-' ? undefined : source;
  const name = path ?? 'stdin';
  const input = (): AsyncIterable<Buffer> => (path === undefined ? process.stdin : createReadStream(path));
  try {
    if (!jsonl) {
      const raw = await readWhole(input(), name, maxDocumentBytes);
      yield toDocument(parseJson(raw, name), name);
      return;
    }
    for await (const { line, lineNumber } of readLines(input(), name, maxDocumentBytes)) {
      if (line.trim() === '') continue;
      const where = `${name}:${lineNumber}`;
      yield toDocument(parseJson(line, where), where);
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      `cannot read ${name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/** The lines of a byte stream (LF or CRLF), each refused once it grows past `maxBytes`. */
async function* readLines(
  input: AsyncIterable<Buffer>,
  name: string,
  maxBytes: number,
): AsyncGenerator<{ line: string; lineNumber: number }> {
  let pieces: Buffer[] = [];
  let size = 0;
  let lineNumber = 1;
  const add = (piece: Buffer) => {
    size += piece.length;
    if (size > maxBytes) throw tooLarge(`${name}:${lineNumber}`, maxBytes);
    pieces.push(piece);
  };
  const take = () => {
    const line = Buffer.concat(pieces).toString('utf8').replace(/\r$/, '');
    pieces = [];
    size = 0;
    return { line, lineNumber: lineNumber++ };
  };
  for await (const chunk of input) {
    let start = 0;
    for (let end = chunk.indexOf(0x0a, start); end !== -1; end = chunk.indexOf(0x0a, start)) {
      add(chunk.subarray(start, end));
      yield take();
      start = end + 1;
    }
    add(chunk.subarray(start));
  }
  if (size > 0) yield take();
}

async function readWhole(input: AsyncIterable<Buffer>, name: string, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(name, maxBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function readFileOrFail(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/** Writes one JSON line, waiting when stdout is full so tens of thousands of lines stream in bounded memory. */
export async function writeJsonLine(value: unknown): Promise<void> {
  if (!process.stdout.write(`${terminalJson(JSON.stringify(value))}\n`)) {
    await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
  }
}
