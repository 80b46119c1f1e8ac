/**
 * dynalite (4.0.0) reads a table's definition from LevelDB and decodes it on every request, before
 * the request's own reads: about a quarter of the emulator's time in a profile of `bench e2e`, where
 * a classified article makes about twenty requests. The definition changes only through dynalite's own writes to its table
 * store (CreateTable, UpdateTable, DeleteTable and their status changes), so each store keeps the
 * definitions it has read, drops them whenever that store writes one, and hands out a copy each time,
 * as a fresh read would be (the actions change what they are given before writing it back).
 */
import { requireFromDynalite } from './dynalite-require.ts';

type Callback = (error: Error | null, value?: unknown) => void;

export interface TableDb {
  get(name: string, callback: Callback): void;
  put(...args: unknown[]): unknown;
  del(...args: unknown[]): unknown;
  batch(...args: unknown[]): unknown;
}

interface Store {
  tableDb: TableDb;
}

interface DynaliteDb {
  create(options: unknown): Store;
}

const CACHED = Symbol('wirewatch.tableCache');

/** dynalite's storage module, as dynalite itself loads it. */
function dynaliteDb(): DynaliteDb & { [CACHED]?: true } {
  return requireFromDynalite('./db') as DynaliteDb;
}

/** Makes every dynalite store created from now on read each table definition once. Idempotent. */
export function cacheDynaliteTables(): void {
  const db = dynaliteDb();
  if (db[CACHED]) return;
  const create = db.create.bind(db);
  db.create = (options) => {
    const store = create(options);
    cacheTableDefinitions(store.tableDb);
    return store;
  };
  db[CACHED] = true;
}

/** Wraps one store's table store in place (exported for its tests). */
export function cacheTableDefinitions(tableDb: TableDb): void {
  const definitions = new Map<string, unknown>();
  // Bumped when a write starts and when it ends: a read that overlapped a write, even one whose own
  // request came after the write began but before LevelDB applied it, may have read the old definition.
  let writes = 0;
  let writesInFlight = 0;
  const written = () => {
    writes += 1;
    definitions.clear();
  };
  /** Passes the write on, with its completion callback (dynalite always gives one) wrapped. */
  const write = (operation: (...args: unknown[]) => unknown, args: unknown[]) => {
    written();
    writesInFlight += 1;
    const last = args.at(-1);
    if (typeof last !== 'function') {
      writesInFlight -= 1;
      return operation.apply(tableDb, args);
    }
    return operation.apply(tableDb, [
      ...args.slice(0, -1),
      (...results: unknown[]) => {
        writesInFlight -= 1;
        written();
        (last as (...results: unknown[]) => void)(...results);
      },
    ]);
  };
  const { get, put, del, batch } = tableDb;
  tableDb.get = (name, callback) => {
    if (definitions.has(name)) {
      const copy = structuredClone(definitions.get(name));
      queueMicrotask(() => callback(null, copy));
      return;
    }
    const writesBefore = writes;
    get.call(tableDb, name, (error, value) => {
      if (!error && writes === writesBefore && writesInFlight === 0)
        definitions.set(name, structuredClone(value));
      callback(error, value);
    });
  };
  tableDb.put = (...args) => write(put, args);
  tableDb.del = (...args) => write(del, args);
  tableDb.batch = (...args) => write(batch, args);
}
