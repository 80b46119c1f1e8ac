/**
 * The per-language country files and the generated module are what scripts/build-languages.ts makes
 * from i18n-iso-countries, the curated files and the data files; the build keeps prose names only.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  buildLanguageCountries,
  committedLanguageCountries,
  committedLanguageJson,
  compileLanguageCountries,
  languageJson,
  minifiedJson,
  moduleText,
  proseNames,
} from '../../../scripts/build-languages.ts';
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

  it('are what the classifier reads: language-data.generated.ts holds every data file as built', async () => {
    // Act
    const fresh = await languageJson();

    // Assess
    expect(await committedLanguageJson()).toEqual(fresh);
  });

  it('holds any data file as a string literal that reads back as the same JSON, written as UTF-8', async () => {
    // Prepare: single and double quotes, a backslash, control characters, the line and paragraph
    // separators, a joiner, a character outside the BMP, and an escaped lone surrogate, which must not
    // reach the file raw.
    const fileText =
      '{ "quotes": "\'single\' \\"double\\" back\\\\slash", "controls": "a\\tb\\nc\\u0000d",' +
      ' "separators": "a\u2028b\u2029c", "persian": "می\u200cخواهد", "astral": "🌍", "lone": "\\ud800" }';
    const directory = await mkdtemp(join(tmpdir(), 'wirewatch-language-json-'));
    const file = join(directory, 'language-data.generated.ts');

    // Act
    await writeFile(file, moduleText({ xx: { countries: minifiedJson(fileText) } }));
    const written = (await import(pathToFileURL(file).href)) as {
      LANGUAGE_JSON: Record<string, Record<string, string>>;
    };
    await rm(directory, { recursive: true });

    // Assess
    expect(JSON.parse(written.LANGUAGE_JSON.xx?.countries ?? 'null')).toEqual(JSON.parse(fileText));
  });

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
