/**
 * The emulator's state file: topics and subscriptions as JSON, so a local run keeps the analysts'
 * subscriptions across restarts. Loaded and schema-checked at start, rewritten atomically on change.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

export const SUBSCRIPTION_PROTOCOLS = ['email', 'email-json', 'lambda'] as const;

export type SubscriptionProtocol = (typeof SUBSCRIPTION_PROTOCOLS)[number];

const persistedStateSchema = z.object({
  version: z.literal(1),
  topics: z.array(
    z.object({
      arn: z.string(),
      name: z.string(),
      attributes: z.record(z.string(), z.string()),
    }),
  ),
  subscriptions: z.array(
    z.object({
      arn: z.string(),
      topicArn: z.string(),
      protocol: z.enum(SUBSCRIPTION_PROTOCOLS),
      endpoint: z.string(),
      owner: z.string(),
      filterPolicy: z.string().optional(),
      filterPolicyScope: z.enum(['MessageAttributes', 'MessageBody']),
    }),
  ),
});

export type PersistedState = z.infer<typeof persistedStateSchema>;

/** The saved state, or undefined when the file does not exist yet. */
export async function loadState(file: string): Promise<PersistedState | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new Error(`SNS emulator state file ${file} is not JSON`, { cause: error });
  }
  const parsed = persistedStateSchema.safeParse(document);
  if (!parsed.success) throw new Error(`SNS emulator state file ${file} is invalid: ${parsed.error.message}`);
  return parsed.data;
}

/** Writes the state file; writes are queued so concurrent changes never interleave. */
export class StateFileWriter {
  #lastWrite: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  write(state: PersistedState): Promise<void> {
    const text = `${JSON.stringify(state, null, 2)}\n`;
    const write = this.#lastWrite.catch(() => undefined).then(() => this.#replaceFile(text));
    this.#lastWrite = write;
    return write;
  }

  async #replaceFile(text: string): Promise<void> {
    // Write then rename, so a crash mid-write leaves the previous state intact.
    const temporaryFile = `${this.file}.tmp`;
    await mkdir(dirname(this.file), { recursive: true });
    await writeFile(temporaryFile, text, 'utf8');
    await rename(temporaryFile, this.file);
  }
}
