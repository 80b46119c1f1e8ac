/**
 * Starts the local runtime for the commands that run handlers on this machine (`run`, `digest`), on
 * the bundled sample site: a state directory another process holds, or a handler that fails its cold
 * start, ends the command with a message a person can act on. Also remembers whether a state has had
 * its starting rules and subscribers, so they are seeded once and the analysts' edits stay.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ColdStartError, LocalPipeline, type LocalPipelineOptions } from '../local/local-pipeline.ts';
import { CliError } from '../tools/cli-error.ts';
import { ensureStateIsFree } from './target.ts';

/** The bundled samples: feed list, rules, subscribers and the site they are served from. */
export const SAMPLES_DIR = fileURLToPath(new URL('../samples/', import.meta.url));

export async function startLocalRuntime(
  options: Omit<LocalPipelineOptions, 'sampleRoot' | 'handlerModules'>,
): Promise<LocalPipeline> {
  if (options.stateDir !== null) {
    await mkdir(options.stateDir, { recursive: true });
    await ensureStateIsFree(options.stateDir);
  }
  try {
    return await LocalPipeline.start({ ...options, sampleRoot: join(SAMPLES_DIR, 'site') });
  } catch (error) {
    if (error instanceof ColdStartError) throw new CliError(error.message);
    throw error;
  }
}

/** Written in a state directory once its starting rules and subscribers are in place. */
const SEEDED_FILE = 'seeded.json';

/** Whether the state has had its starting rules and subscribers; an in-memory state never has. */
export async function isSeeded(stateDir: string | null): Promise<boolean> {
  if (stateDir === null) return false;
  try {
    await readFile(join(stateDir, SEEDED_FILE));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Records what was seeded, and when; written whole or not at all. */
export async function markSeeded(
  stateDir: string | null,
  seeded: { at: string; rules: string[]; subscribers: string[] },
): Promise<void> {
  if (stateDir === null) return;
  const file = join(stateDir, SEEDED_FILE);
  await writeFile(`${file}.partial`, `${JSON.stringify(seeded, null, 2)}\n`);
  await rename(`${file}.partial`, file);
}
