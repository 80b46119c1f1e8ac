/**
 * Where a durable local queue keeps its messages: one JSON file per message in a directory, written
 * atomically (a temporary file renamed over the final name), so a process killed at any instant
 * leaves every accepted message whole on disk and none half-written. The writes are synchronous:
 * `send` returns, and the SQS endpoint answers SendMessage, only once the message is on disk, as
 * SQS answers only once it has stored the message. It survives the process dying, not the machine
 * losing power (no fsync).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { QueuedMessage } from './local-queue.ts';

const MESSAGE_FILE = /^[0-9a-f-]+\.json$/;
const PARTIAL_FILE = /\.json\.partial$/;

const storedMessageSchema = z.object({
  messageId: z.string().regex(/^[0-9a-f-]+$/),
  body: z.string(),
  attributes: z.record(
    z.string(),
    z.object({
      DataType: z.string(),
      StringValue: z.string().optional(),
      BinaryValue: z.string().optional(),
    }),
  ),
  receiveCount: z.number().int().nonnegative(),
  sentAt: z.number(),
  firstReceivedAt: z.number().nullable(),
  visibleAt: z.number(),
  lastError: z.string().nullable(),
});

function parseMessageFile(file: string): QueuedMessage {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`queue message file ${file} is invalid: ${(error as Error).message}`, { cause: error });
  }
  const parsed = storedMessageSchema.safeParse(document);
  if (!parsed.success) throw new Error(`queue message file ${file} is invalid: ${parsed.error.message}`);
  return parsed.data;
}

export class MessageDirectory {
  constructor(readonly path: string) {
    mkdirSync(path, { recursive: true });
  }

  /** Every message on disk, oldest first; a write cut short by a crash is discarded. */
  load(): QueuedMessage[] {
    const messages: QueuedMessage[] = [];
    for (const name of readdirSync(this.path)) {
      if (PARTIAL_FILE.test(name)) rmSync(join(this.path, name), { force: true });
      if (!MESSAGE_FILE.test(name)) continue;
      const file = join(this.path, name);
      messages.push(parseMessageFile(file));
    }
    return messages.sort((a, b) => a.sentAt - b.sentAt || a.messageId.localeCompare(b.messageId));
  }

  save(message: QueuedMessage): void {
    const file = this.fileOf(message.messageId);
    writeFileSync(`${file}.partial`, JSON.stringify(message));
    renameSync(`${file}.partial`, file);
  }

  remove(messageId: string): void {
    rmSync(this.fileOf(messageId), { force: true });
  }

  private fileOf(messageId: string): string {
    return join(this.path, `${messageId}.json`);
  }
}
