/** `--state DIR` checked before the emulators open it: each mistake ends in a sentence, not a stack trace. */
import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as query } from '../../cli/commands/query.ts';
import { prepareStateDirectory } from '../../cli/state-directory.ts';
import { CliError } from '../../tools/cli-error.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wirewatch-state-dir-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the --state directory', () => {
  it('refuses a file, or a path under a file, for run and for the commands that read a state', async () => {
    // Prepare
    const file = join(dir, 'state.txt');
    await writeFile(file, 'not a directory');

    // Act
    const outcomes = await Promise.all(
      [
        prepareStateDirectory(file, { create: true }),
        prepareStateDirectory(file, { create: false }),
        prepareStateDirectory(join(file, 'state'), { create: true }),
      ].map((check) => check.catch((error: unknown) => error)),
    );

    // Assess
    for (const outcome of outcomes) {
      expect(outcome).toBeInstanceOf(CliError);
      expect((outcome as CliError).message).toMatch(/is a file \(or lies under one\), not a directory/);
    }
  });

  it('refuses a directory it cannot write to', async () => {
    // Prepare: root writes through permission bits, but sysfs refuses new entries even to root.
    const readOnly = join(dir, 'read-only');
    await mkdir(readOnly, { mode: 0o555 });
    await chmod(readOnly, 0o555);
    const target = process.getuid?.() === 0 ? '/sys' : readOnly;

    // Act
    const outcome = prepareStateDirectory(target, { create: true });

    // Assess
    await expect(outcome).rejects.toThrow(/^the state directory .* is not writable \((EACCES|EPERM|EROFS)\)/);
  });

  it('creates a missing state for run, and leaves a usable one as it is', async () => {
    // Prepare
    const fresh = join(dir, 'fresh', 'state');

    // Act
    await prepareStateDirectory(fresh, { create: true });
    await prepareStateDirectory(fresh, { create: false });

    // Assess
    expect((await stat(fresh)).isDirectory()).toBe(true);
  });

  it('query --state on a missing directory says there is no state, and creates nothing', async () => {
    // Prepare
    const missing = join(dir, 'no-such-state');

    // Act
    const outcome = query(['--pair', 'PK-US', '--state', missing]);

    // Assess
    await expect(outcome).rejects.toThrow(`there is no local state in ${missing}`);
    await expect(stat(missing)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
