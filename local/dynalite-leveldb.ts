/**
 * dynalite (4.0.0) keeps a table given a path in LevelDB (classic-level), opened with LevelDB's
 * defaults: up to 990 table files open at once, each memory-mapped in full while it is open, files
 * of 2 MB and a memtable of 4 MB. Every table file a read touches stays mapped, so the process's
 * resident memory grew with the table: about 5 KB per article in `bench e2e`, 65 MB at 12,130
 * articles (docs/performance.md). Opened with LevelDB's least table cache (64 files) and least file
 * size (1 MB), at most about 64 MB of table files are mapped whatever the table's size; a read that
 * needs a file no longer open reopens it, a few tens of microseconds on the emulators' thread.
 */
import { createRequire } from 'node:module';
import { requireFromDynalite } from './dynalite-require.ts';

/**
 * LevelDB keeps `maxOpenFiles` − 10 table files open (the other ten are its log and manifest) and
 * takes no fewer than 74: 64 open table files.
 */
export const LEVELDB_MAX_OPEN_FILES = 74;
/** The size LevelDB closes a compacted table file at, and its least: with 64 open, 64 MB mapped at most. */
export const LEVELDB_MAX_FILE_SIZE = 1024 * 1024;
/**
 * The memtable's size, which is also about the size of the level-0 table files it is flushed to, so
 * that those stay within the same 1 MB: 4 MB by default, and twice in memory while one is flushed.
 */
export const LEVELDB_WRITE_BUFFER_SIZE = 1024 * 1024;

interface OpenOptions {
  maxOpenFiles?: number;
  maxFileSize?: number;
  writeBufferSize?: number;
}

interface ClassicLevelPrototype {
  _open(options: OpenOptions): Promise<void>;
}

const BOUNDED = Symbol('wirewatch.boundedLevelDb');

/** classic-level's database class, as dynalite's `level` loads it. */
function classicLevel(): { prototype: ClassicLevelPrototype & { [BOUNDED]?: true } } {
  const fromLevel = createRequire(requireFromDynalite.resolve('level'));
  return (fromLevel('classic-level') as { ClassicLevel: ReturnType<typeof classicLevel> }).ClassicLevel;
}

/** Makes every LevelDB database opened from now on (dynalite's tables) use the bounds above. Idempotent. */
export function boundDynaliteLevelDb(): void {
  const { prototype } = classicLevel();
  if (prototype[BOUNDED]) return;
  const open = prototype._open;
  prototype._open = function (this: ClassicLevelPrototype, options: OpenOptions) {
    return open.call(this, {
      ...options,
      maxOpenFiles: LEVELDB_MAX_OPEN_FILES,
      maxFileSize: LEVELDB_MAX_FILE_SIZE,
      writeBufferSize: LEVELDB_WRITE_BUFFER_SIZE,
    });
  };
  prototype[BOUNDED] = true;
}
