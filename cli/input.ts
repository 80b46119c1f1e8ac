/** Reading command input: a file path or `-` for stdin, as one JSON document or as JSON lines (streamed). */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { terminalJson } from '../shared/text/terminal-text.ts';
import { CliError } from '../tools/cli-error.ts';

export interface InputDocument {
  id?: string;
  title: string;
  text: string;
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
  return { ...record, id: record.id === undefined ? undefined : String(record.id), title, text };
}

function parseJson(line: string, where: string): unknown {
  try {
    return JSON.parse(line);
  } catch (error) {
    throw new CliError(`${where}: invalid JSON (${(error as Error).message})`);
  }
}

/** Yields the documents of `source` (a path, or `-`/undefined for stdin) one at a time. */
export async function* readDocuments(
  source: string | undefined,
  jsonl: boolean,
): AsyncGenerator<InputDocument> {
  const path = source === undefined || source === '-' ? undefined : source;
  const name = path ?? 'stdin';
  if (!jsonl) {
    const raw = path === undefined ? await readStdin() : await readFileOrFail(path);
    yield toDocument(parseJson(raw, name), name);
    return;
  }
  const stream = path === undefined ? process.stdin : createReadStream(path, 'utf8');
  stream.on('error', () => {});
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      const where = `${name}:${lineNumber}`;
      yield toDocument(parseJson(line, where), where);
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot read ${name}: ${(error as Error).message}`);
  }
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

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes one JSON line, waiting when stdout is full so tens of thousands of lines stream in bounded memory. */
export async function writeJsonLine(value: unknown): Promise<void> {
  if (!process.stdout.write(`${terminalJson(JSON.stringify(value))}\n`)) {
    await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
  }
}
