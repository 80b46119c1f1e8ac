/**
 * `require` as dynalite itself resolves modules, for the patches that reach into dynalite and the
 * storage packages it loads (dynalite-iterators, dynalite-leveldb, dynalite-table-cache): they must
 * patch the very module instances dynalite uses, not copies resolved from here.
 */
import { createRequire } from 'node:module';

export const requireFromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite'));
