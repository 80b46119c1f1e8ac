/**
 * dynalite (4.0.0) reads its tables through abstract-level iterators wrapped in streams whose destroy
 * step calls `iterator.return()` to close them; abstract-level's iterators have `close()` and no
 * `return()`, so no Query, Scan or listing ever closes its iterator. Each open iterator stays in its
 * database's set of open resources (and on disk holds a LevelDB snapshot): about ten more per
 * classified article, found by `bench e2e` as a heap that grew with every article.
 * Giving the iterators the `return()` the stream expects, as an alias of `close()`, lets each one close
 * when its Query ends.
 */
import { requireFromDynalite } from './dynalite-require.ts';

interface Closable {
  close(): Promise<void>;
  return?: () => Promise<void>;
}

/** abstract-level as dynalite's storage (memory-level, classic-level) loads it. */
function abstractLevel(): Record<string, { prototype: Closable }> {
  return requireFromDynalite('abstract-level') as Record<string, { prototype: Closable }>;
}

/** Makes every dynalite read close its iterator when its stream ends or is destroyed. Idempotent. */
export function closeDynaliteIterators(): void {
  const level = abstractLevel();
  for (const name of ['AbstractIterator', 'AbstractKeyIterator', 'AbstractValueIterator']) {
    const prototype = level[name]?.prototype;
    if (prototype === undefined || typeof prototype.return === 'function') continue;
    prototype.return = function (this: Closable) {
      return this.close();
    };
  }
}
