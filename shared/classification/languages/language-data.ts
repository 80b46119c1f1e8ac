/**
 * The data of every language profile, by language: countries (countries.json), topic vocabulary
 * (topics.json), relation cues with role verbs (relations.json) and the words of stories outside
 * public affairs (genres.json). The files arrive as strings of their JSON text (language-data.generated.ts,
 * built by scripts/build-languages.ts) and each language's are parsed when first read, on the first
 * article in that language: the English cold start pays for none of them.
 */

import { LANGUAGE_JSON } from './language-data.generated.ts';
import type { LanguageData } from './language-profile.ts';
import { LANGUAGE_CODES, type LanguageCode } from './role-grammar.ts';

function parsed(lang: LanguageCode): LanguageData {
  const files = LANGUAGE_JSON[lang] ?? {};
  const read = (file: string): unknown => {
    const text = files[file];
    return text === undefined ? undefined : JSON.parse(text);
  };
  const countries = read('countries');
  if (countries === undefined) throw new Error(`language ${lang} has no countries.json`);
  return {
    countries,
    topics: read('topics'),
    relations: read('relations'),
    genres: read('genres'),
  } as LanguageData;
}

const cache = new Map<LanguageCode, LanguageData>();

/** Each language's data, parsed when first read. */
export const LANGUAGE_DATA: Readonly<Record<LanguageCode, LanguageData>> = Object.defineProperties(
  {} as Record<LanguageCode, LanguageData>,
  Object.fromEntries(
    LANGUAGE_CODES.map((lang) => [
      lang,
      {
        enumerable: true,
        get(): LanguageData {
          let data = cache.get(lang);
          if (data === undefined) {
            data = parsed(lang);
            cache.set(lang, data);
          }
          return data;
        },
      },
    ]),
  ),
);
