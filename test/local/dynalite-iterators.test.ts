/**
 * dynalite closes a read's iterator through `iterator.return()`, which abstract-level's iterators lack
 * until the local runtime adds it: then ending a read closes its iterator, as the stream means to.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { closeDynaliteIterators } from '../../local/dynalite-iterators.ts';

interface Iterator {
  next(): Promise<string | undefined>;
  return?: () => Promise<void>;
}
interface Level {
  open(): Promise<void>;
  put(key: string, value: string): Promise<void>;
  values(): Iterator;
  keys(): Iterator;
  iterator(): Iterator;
  close(): Promise<void>;
}

/** The in-memory LevelDB dynalite itself stores tables in when given no path. */
function dynaliteMemoryLevel(): Level {
  const fromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite'));
  const { MemoryLevel } = fromDynalite('memory-level') as { MemoryLevel: new () => Level };
  return new MemoryLevel();
}

describe('closeDynaliteIterators', () => {
  it('gives value, key and entry iterators a return() that closes them', async () => {
    // Prepare
    closeDynaliteIterators();
    const db = dynaliteMemoryLevel();
    await db.open();
    await db.put('a', '1');
    await db.put('b', '2');
    const iterators = [db.values(), db.keys(), db.iterator()];

    // Act
    for (const iterator of iterators) {
      await iterator.next();
      await iterator.return?.();
    }

    // Assess: a closed iterator refuses to go on.
    for (const iterator of iterators) await expect(iterator.next()).rejects.toThrow(/not open|closed/i);
    await db.close();
  });

  it('can be applied again without wrapping twice', () => {
    // Prepare
    closeDynaliteIterators();
    const before = dynaliteMemoryLevel().values().return;

    // Act
    closeDynaliteIterators();

    // Assess
    expect(dynaliteMemoryLevel().values().return).toBe(before);
  });
});
