/**
 * The country gazetteer: every alias that points at a country, with what kind of mention it is.
 * Built from the English names of i18n-iso-countries plus the curated files in `data/`
 * (countries.json: variants, demonyms, compounds, capitals, places the compiled gazetteer lacks,
 * government metonyms, institutions; leaders.json: heads of state and government, foreign
 * ministers; non-country-phrases.json: phrases that name no country; ambiguous-names.json: aliases
 * resolved by context), any aliases the caller adds, and the cities compiled from GeoNames into
 * places.json (scripts/build-gazetteer.ts).
 */
import isoNames from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import ambiguousNames from './data/ambiguous-names.json' with { type: 'json' };
import curatedCountries from './data/countries.json' with { type: 'json' };
import leaderNames from './data/leaders.json' with { type: 'json' };
import nonCountryPhrases from './data/non-country-phrases.json' with { type: 'json' };
import compiledPlaces from './data/places.json' with { type: 'json' };

export type GeoKind =
  | 'name'
  | 'compound'
  | 'demonym'
  | 'capital'
  | 'city'
  | 'region'
  | 'regionAbbreviation'
  | 'government'
  | 'institution'
  | 'leader';

/** How an ambiguous alias is read: a default, and cue phrases that vote for other readings. */
export interface AmbiguityRule {
  defaultCode: string | null;
  scope: 'sentence' | 'document';
  personName: boolean;
  capsPronoun: boolean;
  /** Readings and their cue phrases; a null code drops the mention. */
  choices: { code: string | null; cues: string[] }[];
}

export interface GeoEntry {
  /** As written in the data: its capital letters must be capitals in the text. */
  alias: string;
  /** ISO 3166-1 alpha-2 code, or null for a phrase that names no country. */
  code: string | null;
  kind: GeoKind;
  ambiguity?: AmbiguityRule;
}

export interface PersonNameContext {
  titles: ReadonlySet<string>;
  wordsBefore: ReadonlySet<string>;
  wordsAfter: ReadonlySet<string>;
}

interface CuratedCountry {
  displayName?: string;
  names?: string[];
  demonyms?: string[];
  compounds?: string[];
  capitals?: string[];
  cities?: string[];
  regions?: string[];
  regionAbbreviations?: string[];
  government?: string[];
  institutions?: string[];
}

const CURATED_KINDS: readonly [keyof CuratedCountry, GeoKind][] = [
  ['names', 'name'],
  ['compounds', 'compound'],
  ['demonyms', 'demonym'],
  ['capitals', 'capital'],
  ['cities', 'city'],
  ['regions', 'region'],
  ['regionAbbreviations', 'regionAbbreviation'],
  ['government', 'government'],
  ['institutions', 'institution'],
];

/** "Pakistani" → "Pakistanis", "Frenchman" → "Frenchmen"; "Swiss" and "Chinese" stay as they are. */
export function demonymPlural(demonym: string): string | null {
  if (demonym.endsWith('man')) return `${demonym.slice(0, -3)}men`;
  if (/(?:s|sh|ch|ese|x|z|men)$/.test(demonym)) return null;
  return `${demonym}s`;
}

function isoEntries(): GeoEntry[] {
  const entries: GeoEntry[] = [];
  for (const [code, names] of Object.entries(isoNames.countries as Record<string, string | string[]>)) {
    for (const name of Array.isArray(names) ? names : [names]) {
      // "Korea, Republic of" and "Falkland Islands (Malvinas)" are catalogue forms, not prose.
      if (!/[(),]/.test(name)) entries.push({ alias: name, code, kind: 'name' });
    }
  }
  return entries;
}

function curatedEntries(): GeoEntry[] {
  const entries: GeoEntry[] = [];
  for (const [code, country] of Object.entries(curatedCountries as Record<string, CuratedCountry>)) {
    for (const [field, kind] of CURATED_KINDS) {
      for (const alias of country[field] ?? []) {
        entries.push({ alias, code, kind });
        const plural = kind === 'demonym' ? demonymPlural(alias) : null;
        if (plural !== null) entries.push({ alias: plural, code, kind });
      }
    }
  }
  for (const [code, names] of Object.entries(leaderNames.leaders as Record<string, string[]>)) {
    for (const alias of names) entries.push({ alias, code, kind: 'leader' });
  }
  return entries;
}

interface AmbiguousNameData {
  alias: string;
  kind: string;
  default: string;
  scope: string;
  personName?: boolean;
  capsPronoun?: boolean;
  choices: Record<string, string[]>;
}

function ambiguousEntries(): GeoEntry[] {
  return (ambiguousNames.entries as AmbiguousNameData[]).map((entry) => ({
    alias: entry.alias,
    code: entry.default === 'none' ? null : entry.default,
    kind: entry.kind as GeoKind,
    ambiguity: {
      defaultCode: entry.default === 'none' ? null : entry.default,
      scope: entry.scope === 'sentence' ? 'sentence' : 'document',
      personName: entry.personName === true,
      capsPronoun: entry.capsPronoun === true,
      choices: Object.entries(entry.choices).map(([code, cues]) => ({
        code: code === 'none' ? null : code,
        cues,
      })),
    },
  }));
}

/**
 * A compiled city is read like an ambiguous name that may be part of a longer one: dropped after a
 * title or when joined to another capitalised word that is not a place word, so a team, company,
 * person or other place named after the city names no country ("Phoenix Suns", "Sydney Sweeney",
 * "Kawasaki Heavy Industries"; "Sydney Harbour" and "Karachi Stock Exchange" stay).
 */
function partOfLongerNameRule(code: string): AmbiguityRule {
  return { defaultCode: code, scope: 'sentence', personName: true, capsPronoun: false, choices: [] };
}

function placeEntries(): GeoEntry[] {
  const entries: GeoEntry[] = [];
  for (const [code, names] of Object.entries(compiledPlaces.cities as Record<string, string>)) {
    for (const alias of names.split('|')) {
      entries.push({ alias, code, kind: 'city', ambiguity: partOfLongerNameRule(code) });
    }
  }
  return entries;
}

/** Whether every code unit of `text` is ASCII, which has no accents to strip. */
function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) if (text.charCodeAt(index) > 0x7f) return false;
  return true;
}

/** An alias as the matcher compares it: no case, no accents. */
function aliasKey(alias: string): string {
  // Most aliases are ASCII: lower-casing is all they need, without a Unicode normalisation and regex each.
  if (isAscii(alias)) return alias.toLowerCase();
  return alias.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The name to show for each country code: the curated display name, else the shortest English name
 * in prose form ("United States", not "United States of America" or "USA").
 */
export function countryDisplayNames(): Map<string, string> {
  const names = new Map<string, string>();
  for (const [code, isoName] of Object.entries(isoNames.countries as Record<string, string | string[]>)) {
    const prose = (Array.isArray(isoName) ? isoName : [isoName]).filter(
      (name) => /[a-z]/.test(name) && !/[(),]/.test(name),
    );
    const shortest = prose.reduce<string | undefined>(
      (best, name) => (best === undefined || name.length < best.length ? name : best),
      undefined,
    );
    if (shortest !== undefined) names.set(code, shortest);
  }
  for (const [code, country] of Object.entries(curatedCountries as Record<string, CuratedCountry>)) {
    if (country.displayName !== undefined) names.set(code, country.displayName);
  }
  return names;
}

/** The words around an ambiguous name that make it part of a person's name, from the data file. */
export function personNameContext(): PersonNameContext {
  const context = ambiguousNames.personNameContext;
  return {
    titles: new Set(context.titles),
    wordsBefore: new Set(context.wordsBefore),
    wordsAfter: new Set(context.wordsAfter),
  };
}

/**
 * All gazetteer entries. An alias listed in ambiguous-names.json is read only through its rule; an
 * alias listed twice for the same country keeps its first (most specific) kind. A compiled city
 * whose name any other source already uses, for any country or none, is left out: the curated
 * reading wins ("Quebec" stays a region, "St. Petersburg" Russian, "Jamaica" the country).
 */
export function buildGazetteer(extraAliases: Record<string, string[]> = {}): GeoEntry[] {
  const ambiguous = ambiguousEntries();
  const ruled = new Set(ambiguous.map((entry) => entry.alias));
  const extra = Object.entries(extraAliases).flatMap(([code, aliases]) =>
    aliases.map((alias): GeoEntry => ({ alias, code: code.toUpperCase(), kind: 'name' })),
  );
  const blockers = nonCountryPhrases.phrases.map((alias): GeoEntry => ({ alias, code: null, kind: 'name' }));
  const seen = new Set<string>();
  const entries: GeoEntry[] = [...ambiguous];
  for (const entry of [...curatedEntries(), ...isoEntries(), ...extra, ...blockers]) {
    const key = `${entry.alias}\u0000${entry.code}`;
    if (ruled.has(entry.alias) || seen.has(key)) continue;
    seen.add(key);
    entries.push(entry);
  }
  const taken = new Set(entries.map((entry) => aliasKey(entry.alias)));
  for (const entry of placeEntries()) {
    if (!taken.has(aliasKey(entry.alias))) entries.push(entry);
  }
  return entries;
}
