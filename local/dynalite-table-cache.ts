/**
 * dynalite (4.0.0) reads a table's definition from LevelDB and decodes it on every request, before
 * the request's own reads: about a quarter of the emulator's time in a profile of `bench e2e`, where
 * a classified article makes about twenty requests. The definition changes only through dynalite's own writes to its table
 * store (CreateTable, UpdateTable, DeleteTable and their status changes), so each store keeps the
 * definitions it has read, drops them whenever that store writes one, and hands out a copy each time,
 * as a fresh read would be (the actions change what they are given before writing it back).
 */
import { createRequire } from 'node:module';

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
  const fromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite'));
  return fromDynalite('./db') as DynaliteDb;
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
  // Bumped by every write: a read that a write overtook may have read the old definition.
  let writes = 0;
  const written = () => {
    writes += 1;
    definitions.clear();
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
      if (!error && writes === writesBefore) definitions.set(name, structuredClone(value));
      callback(error, value);
    });
  };
  tableDb.put = (...args) => {
    written();
    return put.apply(tableDb, args);
  };
  tableDb.del = (...args) => {
    written();
    return del.apply(tableDb, args);
  };
  tableDb.batch = (...args) => {
    written();
    return batch.apply(tableDb, args);
  };
}
