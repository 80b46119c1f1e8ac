/**
 * The per-language country files are what scripts/build-language-countries.ts makes from
 * i18n-iso-countries and the curated files, and the build keeps prose names only.
 */
import { describe, expect, it } from 'vitest';
import {
  buildLanguageCountries,
  committedLanguageCountries,
  compileLanguageCountries,
  proseNames,
} from '../../../scripts/build-language-countries.ts';
import { LANGUAGE_CODES } from '../../../shared/classification/languages/role-grammar.ts';

describe('the per-language country files', () => {
  for (const lang of LANGUAGE_CODES) {
    it(`${lang}: is exactly what the build script makes from the installed package and curated.json`, async () => {
      // Prepare
      const committed = await committedLanguageCountries(lang);

      // Act
      const rebuilt = await buildLanguageCountries(lang);

      // Assess
      expect(rebuilt).toEqual(committed);
    });
  }

  it('keeps a spelled-out abbreviation but not a qualifier, and drops catalogue forms with commas', () => {
    // Assess
    expect(proseNames('КНР (Китайская Народная Республика)')).toEqual([
      'КНР',
      'Китайская Народная Республика',
    ]);
    expect(proseNames('Виргинские Острова (США)')).toEqual(['Виргинские Острова']);
    expect(proseNames('刚果（金）')).toEqual(['刚果']);
    expect(proseNames('Korea, Republic of')).toEqual([]);
  });

  it('merges curated aliases after the generated names and drops the names it is told to', () => {
    // Act
    const compiled = compileLanguageCountries(
      { ML: 'مالی', PK: 'پاکستان' },
      { countries: { PK: { names: ['پاکستان'], demonyms: ['پاکستانی'] } }, dropNames: { ML: ['مالی'] } },
      'test',
    );

    // Assess
    expect(compiled.countries).toEqual({ PK: { names: ['پاکستان'], demonyms: ['پاکستانی'] } });
  });
});
