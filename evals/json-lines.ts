/** JSONL as the evals and the dev-set scripts read it: one object per line, blank lines skipped. */
import { readFile } from 'node:fs/promises';

/** A JSONL line's object, with a way to fail naming the file and line. */
export interface JsonLine {
  record: Record<string, unknown>;
  fail: (reason: string) => never;
}

/** The objects of a JSONL text in order, blank lines skipped; throws at a line that is not JSON. */
export function* jsonLines(source: string, origin: string): Generator<JsonLine> {
  for (const [index, line] of source.split('\n').entries()) {
    if (line.trim() === '') continue;
    const fail = (reason: string): never => {
      throw new Error(`${origin}:${index + 1}: ${reason}`);
    };
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch (error) {
      return fail((error as Error).message);
    }
    yield { record, fail };
  }
}

/** Every object of a JSONL file; throws naming the file and line that is not JSON. */
export async function readJsonLines(path: string): Promise<Record<string, unknown>[]> {
  return Array.from(jsonLines(await readFile(path, 'utf8'), path), ({ record }) => record);
}
