/**
 * The compiled GeoNames gazetteer: it is what the build script makes from the installed sources,
 * its cities resolve to their countries, and ambiguous place names resolve to none.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { compilePlaces, PLACES_FILE, serialisePlaces } from '../../scripts/build-gazetteer.ts';
import { createClassifier } from '../../shared/classification/classifier.ts';
import { buildGazetteer } from '../../shared/classification/gazetteer.ts';

/** Countries each alias points at, over the whole gazetteer. */
function codesByAlias(): Map<string, Set<string | null>> {
  const codes = new Map<string, Set<string | null>>();
  for (const entry of buildGazetteer()) {
    const set = codes.get(entry.alias) ?? new Set<string | null>();
    set.add(entry.code);
    codes.set(entry.alias, set);
  }
  return codes;
}

describe('the compiled gazetteer', () => {
  it('is exactly what scripts/build-gazetteer.ts makes from the installed sources', async () => {
    // Prepare
    const committed = await readFile(PLACES_FILE, 'utf8');

    // Act
    const rebuilt = serialisePlaces(compilePlaces());

    // Assess
    expect(rebuilt).toBe(committed);
  });

  it('resolves big cities and their curated spellings to one country', () => {
    // Prepare
    const expected: Record<string, string> = {
      Karachi: 'PK',
      Lahore: 'PK',
      Mumbai: 'IN',
      Bombay: 'IN',
      Kyiv: 'UA',
      Kiev: 'UA',
      Kharkiv: 'UA',
      Kharkov: 'UA',
      Odesa: 'UA',
      Odessa: 'UA',
      Cologne: 'DE',
      'Sao Paulo': 'BR',
      Chittagong: 'BD',
      'St. Petersburg': 'RU',
    };

    // Act
    const codes = codesByAlias();

    // Assess
    for (const [alias, code] of Object.entries(expected)) {
      expect([alias, [...(codes.get(alias) ?? [])]]).toEqual([alias, [code]]);
    }
  });

  it('has no city for common words, names shared between countries or small college towns', () => {
    // Prepare
    const ambiguous = [
      'Reading',
      'Nice',
      'Mobile',
      'Bath',
      'Split',
      'Sale',
      'Victoria',
      'Hamilton',
      'Richmond',
      'Cambridge',
      'Birmingham',
      'Princeton',
      'Ann Arbor',
    ];

    // Act
    const codes = codesByAlias();

    // Assess
    expect(ambiguous.filter((alias) => codes.has(alias))).toEqual([]);
  });

  it('never lets a compiled city change what a curated alias means', () => {
    // Prepare
    const curated = { Quebec: 'region', Jamaica: 'name', Washington: 'capital' };

    // Act
    const entries = buildGazetteer().filter((entry) => entry.alias in curated);

    // Assess
    expect(entries.map((entry) => entry.kind).sort()).toEqual(['capital', 'name', 'region']);
  });
});

describe('compiled cities in articles', () => {
  const classifier = createClassifier();
  const codesOf = (text: string): string[] =>
    classifier.classify({ title: '', text }).countries.map((country) => country.code);

  it('names the country of a city mentioned alone', () => {
    // Prepare
    const text = 'Flooding closed schools in Karachi and Lahore on Monday.';

    // Act
    const codes = codesOf(text);

    // Assess
    expect(codes).toEqual(['PK']);
  });

  it('reads a city as a place only when it is not part of a team, company or person’s name', () => {
    // Prepare
    const team = 'The Phoenix Suns beat the Denver Nuggets 112-104 at the arena on Saturday.';
    const company = 'Kawasaki Heavy Industries won an order for two tankers.';
    const person = 'Actress Sydney Sweeney thanked Mr Denver for the review.';
    const place = 'Heavy rain fell on Sydney as officials met in Denver.';
    const exchange = 'Shares fell on the Karachi Stock Exchange.';

    // Act
    const codes = [team, company, person, place, exchange].map(codesOf);

    // Assess
    expect(codes).toEqual([[], [], [], expect.arrayContaining(['AU', 'US']), ['PK']]);
  });

  it('finds no country in a story about a festival, a sentence-initial word or a college town', () => {
    // Prepare
    const text =
      'Reading Festival sold out within an hour. Nice weather is forecast. ' +
      'Students in Cambridge and Princeton protested tuition rises.';

    // Act
    const codes = codesOf(text);

    // Assess
    expect(codes).toEqual([]);
  });
});
