/** Which GeoNames places become city aliases: invented places, so each filter is seen alone. */
import { describe, expect, it } from 'vitest';
import {
  plainLatinName,
  readsAsFullName,
  type SelectionLexicons,
  type SourcePlace,
  selectPlaces,
} from '../../scripts/place-selection.ts';

const LEXICONS: SelectionLexicons = {
  englishWords: new Set(['reading', 'phoenix', 'beach', 'city']),
  firstNames: new Set(['Denver', 'Benito', 'Virginia', 'Gilbert']),
};

function place(name: string, country: string, population: number, featureCode = 'PPLA'): SourcePlace {
  return { name, country, population, featureCode };
}

describe('selectPlaces', () => {
  it('keeps a big city whose name is no word, no first name and no other country’s place', () => {
    // Prepare
    const places = [place('Karachi', 'PK', 11_600_000), place('Lahore', 'PK', 6_300_000, 'PPL')];

    // Act
    const selected = selectPlaces(places, LEXICONS);

    // Assess
    expect(selected).toEqual({ PK: ['Karachi', 'Lahore'] });
  });

  it('leaves out places under the population floor', () => {
    // Prepare
    const places = [place('Smallton', 'GB', 199_999), place('Bigton', 'GB', 200_000)];

    // Act
    const selected = selectPlaces(places, LEXICONS);

    // Assess
    expect(selected).toEqual({ GB: ['Bigton'] });
  });

  it('leaves out a name shared with a sizeable place in another country, not with a village', () => {
    // Prepare
    const places = [
      place('Hamilton', 'CA', 520_000),
      place('Hamilton', 'NZ', 150_000),
      place('Perth', 'AU', 1_900_000),
      place('Perth', 'GB', 47_000),
    ];

    // Act
    const selected = selectPlaces(places, LEXICONS);

    // Assess
    expect(selected).toEqual({ AU: ['Perth'] });
  });

  it('leaves out a name that matches inside a big place’s longer name in another country', () => {
    // Prepare
    const places = [
      place('Newport', 'GB', 306_000),
      place('Newport News', 'US', 180_000),
      place('San Francisco', 'US', 860_000),
      place('San Francisco de Macoris', 'DO', 125_000),
    ];

    // Act
    const selected = selectPlaces(places, LEXICONS);

    // Assess
    expect(selected).toEqual({ US: ['San Francisco'] });
  });

  it('leaves out a compass word and a bigger place abroad, not a longer name of its own', () => {
    // Prepare
    const places = [
      place('London', 'GB', 8_900_000),
      place('East London', 'ZA', 270_000),
      place('Santiago', 'CL', 4_800_000),
      place('Santiago de Cuba', 'CU', 550_000),
    ];

    // Act
    const selected = selectPlaces(places, LEXICONS);

    // Assess
    expect(selected).toEqual({ CL: ['Santiago'], CU: ['Santiago de Cuba'], GB: ['London'] });
  });

  it('wants a million people for a common word', () => {
    // Prepare
    const places = [place('Reading', 'GB', 318_000), place('Phoenix', 'US', 1_560_000)];

    // Act
    const selected = selectPlaces(places, LEXICONS);

    // Assess
    expect(selected).toEqual({ US: ['Phoenix'] });
  });

  it('keeps a first name only for a seat of government', () => {
    // Prepare
    const places = [place('Denver', 'US', 680_000, 'PPLA'), place('Gilbert', 'US', 250_000, 'PPL')];

    // Act
    const selected = selectPlaces(places, LEXICONS);

    // Assess
    expect(selected).toEqual({ US: ['Denver'] });
  });

  it('leaves out a person’s full name, sections of a city and former places', () => {
    // Prepare
    const places = [
      place('Benito Juarez', 'MX', 400_000),
      place('South Boston', 'US', 570_000, 'PPLX'),
      place('Leningrad', 'RU', 4_000_000, 'PPLH'),
      place('Virginia Beach', 'US', 450_000, 'PPL'),
    ];

    // Act
    const selected = selectPlaces(places, LEXICONS);

    // Assess
    expect(selected).toEqual({ US: ['Virginia Beach'] });
  });

  it('writes names in plain Latin letters and drops other scripts and short names', () => {
    // Prepare
    const places = [
      place('São Paulo', 'BR', 10_000_000),
      place('Łódź', 'PL', 700_000),
      place('Xi’an', 'CN', 6_500_000),
      place('東京', 'JP', 8_000_000),
      place('Ufa', 'RU', 1_100_000),
    ];

    // Act
    const selected = selectPlaces(places, LEXICONS);

    // Assess
    expect(selected).toEqual({ BR: ['Sao Paulo'], CN: ["Xi'an"], PL: ['Lodz'] });
  });
});

describe('plainLatinName and readsAsFullName', () => {
  it('folds accents and rejects digits and brackets', () => {
    // Prepare
    const names = ['Düsseldorf', 'Halle (Saale)', 'Sector 5', 'Ḩamāh'];

    // Act
    const plain = names.map(plainLatinName);

    // Assess
    expect(plain).toEqual(['Dusseldorf', null, null, 'Hamah']);
  });

  it('reads a first name and capitalised non-words as a person, not a first name and a word', () => {
    // Prepare
    const names = ['Benito Juarez', 'Virginia Beach', 'Benito'];

    // Act
    const readings = names.map((name) => readsAsFullName(name, LEXICONS));

    // Assess
    expect(readings).toEqual([true, false, false]);
  });
});
