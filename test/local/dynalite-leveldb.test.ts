/**
 * dynalite's LevelDB databases open with the bounds of local/dynalite-leveldb.ts: table files are cut
 * at 1 MB, where LevelDB's defaults make them 2 MB and more, so the 64 it keeps open (and mapped) hold
 * about 64 MB at most.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { boundDynaliteLevelDb, LEVELDB_MAX_FILE_SIZE } from '../../local/dynalite-leveldb.ts';

interface Level {
  open(): Promise<void>;
  batch(operations: { type: 'put'; key: string; value: string }[]): Promise<void>;
  compactRange(start: string, end: string): Promise<void>;
  close(): Promise<void>;
}

/** The on-disk LevelDB dynalite stores a table in when given a path. */
function dynaliteLevel(location: string): Level {
  const fromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite'));
  const { Level } = fromDynalite('level') as { Level: new (location: string) => Level };
  return new Level(location);
}

let location: string | null = null;

afterEach(async () => {
  if (location !== null) await rm(location, { recursive: true, force: true });
  location = null;
});

describe('boundDynaliteLevelDb', () => {
  it('cuts table files at 1 MB', async () => {
    // Prepare: 4 MB that does not compress, in keys spread over the whole range.
    boundDynaliteLevelDb();
    location = await mkdtemp(join(tmpdir(), 'wirewatch-leveldb-'));
    const db = dynaliteLevel(location);
    await db.open();
    for (let batch = 0; batch < 8; batch++) {
      await db.batch(
        Array.from({ length: 512 }, () => ({
          type: 'put' as const,
          key: randomBytes(8).toString('hex'),
          value: randomBytes(768).toString('base64'),
        })),
      );
    }

    // Act
    await db.compactRange('0', 'g');
    await db.close();

    // Assess: LevelDB closes a file once it has reached the size, so its last block and index run past it.
    const tableFiles = (await readdir(location)).filter((name) => name.endsWith('.ldb'));
    const sizes = await Promise.all(
      tableFiles.map(async (name) => (await stat(join(location as string, name))).size),
    );
    expect(sizes.length).toBeGreaterThanOrEqual(4);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(LEVELDB_MAX_FILE_SIZE + 64 * 1024);
  });

  it('can be applied again without wrapping twice', () => {
    // Prepare
    boundDynaliteLevelDb();
    const fromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite'));
    const { ClassicLevel } = createRequire(fromDynalite.resolve('level'))('classic-level') as {
      ClassicLevel: { prototype: { _open: unknown } };
    };
    const before = ClassicLevel.prototype._open;

    // Act
    boundDynaliteLevelDb();

    // Assess
    expect(ClassicLevel.prototype._open).toBe(before);
  });
});
