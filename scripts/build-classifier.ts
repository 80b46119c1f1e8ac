/**
 * Compiles shared/classification/data/english-patterns.json: the English classifier's patterns,
 * folded, merged and inserted into the matcher's trie ahead of time (see compiled-patterns.ts), so
 * that a cold start loads them instead. Rerun it after changing any classification data or the
 * folding; the classifier ignores a file built from other texts, and a test fails until it is rebuilt.
 *
 *   npm run build:classifier            # rewrite the compiled file
 *   npm run build:classifier -- --check # exit 1 when the committed file differs from a fresh build
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { classifierPatternTexts } from '../shared/classification/classifier.ts';
import { compilePatterns, storePatterns } from '../shared/classification/compiled-patterns.ts';

export const ENGLISH_PATTERNS_FILE = join(
  import.meta.dirname,
  '../shared/classification/data/english-patterns.json',
);

/** The file's text, as a fresh build of the English profile (no extra aliases) makes it. */
export function englishPatternsText(): string {
  const texts = classifierPatternTexts();
  return `${JSON.stringify(storePatterns(texts, compilePatterns(texts)), null, 2)}\n`;
}

async function main(args: readonly string[]): Promise<number> {
  const text = englishPatternsText();
  if (args.includes('--check')) {
    const committed = await readFile(ENGLISH_PATTERNS_FILE, 'utf8');
    if (committed === text) return 0;
    console.error(`${ENGLISH_PATTERNS_FILE} differs from a fresh build: run npm run build:classifier`);
    return 1;
  }
  await writeFile(ENGLISH_PATTERNS_FILE, text);
  console.log(`wrote ${ENGLISH_PATTERNS_FILE}: ${text.length} bytes`);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
