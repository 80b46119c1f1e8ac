/** Generated inflected forms: Russian cases, French and Spanish demonym agreement. */
import { describe, expect, it } from 'vitest';
import {
  frenchDemonymForms,
  russianForms,
  spanishDemonymForms,
} from '../../../shared/classification/languages/inflection.ts';

describe('Russian forms', () => {
  it('declines nouns by their ending', () => {
    // Assess
    expect(russianForms('Россия')).toEqual(expect.arrayContaining(['России', 'Россию', 'Россией']));
    expect(russianForms('Украина')).toEqual(
      expect.arrayContaining(['Украины', 'Украине', 'Украину', 'Украиной']),
    );
    expect(russianForms('Америка')).toContain('Америки');
    expect(russianForms('Китай')).toEqual(expect.arrayContaining(['Китая', 'Китаю', 'Китаем', 'Китае']));
    expect(russianForms('Иран')).toEqual(expect.arrayContaining(['Ирана', 'Ирану', 'Ираном', 'Иране']));
    expect(russianForms('Кремль')).toEqual(expect.arrayContaining(['Кремля', 'Кремле']));
    expect(russianForms('Беларусь')).toContain('Беларуси');
  });

  it('leaves abbreviations and indeclinable names alone', () => {
    // Assess
    expect(russianForms('США')).toEqual([]);
    expect(russianForms('Перу')).toEqual([]);
  });

  it('declines the adjectives before the head noun with it, and not the words after it', () => {
    // Assess
    expect(russianForms('Южная Корея')).toEqual(expect.arrayContaining(['Южной Кореи', 'Южную Корею']));
    expect(russianForms('Соединённые Штаты Америки')).toEqual(
      expect.arrayContaining(['Соединённых Штатов Америки', 'Соединённым Штатам Америки']),
    );
    expect(russianForms('Белый дом')).toEqual(expect.arrayContaining(['Белого дома', 'Белом доме']));
  });

  it('gives a demonym adjective all its forms', () => {
    // Assess
    expect(russianForms('российский')).toEqual(
      expect.arrayContaining(['российского', 'российская', 'российской', 'российские', 'российскими']),
    );
  });
});

describe('French and Spanish demonyms', () => {
  it('adds the feminine and the plurals in French', () => {
    // Assess
    expect(frenchDemonymForms('iranien')).toEqual(['iranienne', 'iraniens', 'iraniennes']);
    expect(frenchDemonymForms('chinois')).toEqual(['chinoise', 'chinoises']);
    expect(frenchDemonymForms('russe')).toEqual(['russes']);
  });

  it('adds the feminine and the plurals in Spanish, the accent moving as it does', () => {
    // Assess
    expect(spanishDemonymForms('chino')).toEqual(['china', 'chinos', 'chinas']);
    expect(spanishDemonymForms('alemán')).toEqual(['alemana', 'alemanes', 'alemanas']);
    expect(spanishDemonymForms('iraní')).toEqual(['iraníes', 'iranís']);
    expect(spanishDemonymForms('estadounidense')).toEqual(['estadounidenses']);
  });
});
