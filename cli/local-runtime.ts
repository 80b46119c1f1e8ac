/**
 * Starts the local runtime for the commands that run handlers on this machine (`run`, `digest`), on
 * the bundled sample site: a state directory another process holds, or a handler that fails its cold
 * start, ends the command with a message a person can act on.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ColdStartError, LocalPipeline, type LocalPipelineOptions } from '../local/local-pipeline.ts';
import { CliError } from '../tools/cli-error.ts';
import { prepareStateDirectory } from './state-directory.ts';
import { ensureStateIsFree } from './target.ts';

/** The bundled samples: feed list, rules, subscribers and the site they are served from. */
export const SAMPLES_DIR = fileURLToPath(new URL('../samples/', import.meta.url));

export async function startLocalRuntime(
  options: Omit<LocalPipelineOptions, 'sampleRoot' | 'handlerModules'>,
): Promise<LocalPipeline> {
  if (options.stateDir !== null) {
    await prepareStateDirectory(options.stateDir, { create: true });
    await ensureStateIsFree(options.stateDir);
  }
  try {
    return await LocalPipeline.start({ ...options, sampleRoot: join(SAMPLES_DIR, 'site') });
  } catch (error) {
    if (error instanceof ColdStartError) throw new CliError(error.message);
    throw error;
  }
}
