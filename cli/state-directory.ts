/**
 * The local state directory (`--state DIR`), checked before any emulator opens it, so a wrong path
 * ends in a sentence instead of a stack trace: a file where a directory should be, a directory this
 * user cannot write to, or (for the commands that read a state `wirewatch run` made) no state at all.
 * Only `run` (and `digest`, which runs the pipeline's digest function) create a missing state.
 */
import { mkdir, mkdtemp, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError } from '../tools/cli-error.ts';

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

export async function prepareStateDirectory(
  stateDir: string,
  { create }: { create: boolean },
): Promise<void> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(stateDir)).isDirectory();
  } catch (error) {
    if (codeOf(error) === 'ENOTDIR') throw notADirectory(stateDir);
    if (codeOf(error) !== 'ENOENT')
      throw new CliError(`cannot read the state directory ${stateDir}: ${codeOf(error)}`);
    if (!create) {
      throw new CliError(
        `there is no local state in ${stateDir}: give the directory \`wirewatch run --state DIR\` keeps its state in (run it first to create one)`,
      );
    }
    try {
      await mkdir(stateDir, { recursive: true });
    } catch (mkdirError) {
      if (codeOf(mkdirError) === 'ENOTDIR' || codeOf(mkdirError) === 'EEXIST') throw notADirectory(stateDir);
      throw new CliError(`cannot create the state directory ${stateDir}: ${codeOf(mkdirError)}`);
    }
    isDirectory = true;
  }
  if (!isDirectory) throw notADirectory(stateDir);
  try {
    // A real write, not access(2): that answers for root as if every directory were writable, and
    // says nothing of file systems that refuse new entries.
    await rmdir(await mkdtemp(join(stateDir, '.write-check-')));
  } catch (error) {
    throw new CliError(
      `the state directory ${stateDir} is not writable (${codeOf(error)}): the local state is written as it is used; give a directory you can write to`,
    );
  }
}

function notADirectory(stateDir: string): CliError {
  return new CliError(
    `--state ${stateDir} is a file (or lies under one), not a directory: give a directory for the local state`,
  );
}
