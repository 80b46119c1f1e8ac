/**
 * The data of every language profile, by language. Imported with the classifier but compiled only
 * when an article in the language arrives (language-profile.ts). topics.json and relations.json
 * join a language's entry here when that language has them.
 */
import arCountries from '../data/languages/ar/countries.json' with { type: 'json' };
import esCountries from '../data/languages/es/countries.json' with { type: 'json' };
import faCountries from '../data/languages/fa/countries.json' with { type: 'json' };
import frCountries from '../data/languages/fr/countries.json' with { type: 'json' };
import hiCountries from '../data/languages/hi/countries.json' with { type: 'json' };
import ruCountries from '../data/languages/ru/countries.json' with { type: 'json' };
import urCountries from '../data/languages/ur/countries.json' with { type: 'json' };
import zhCountries from '../data/languages/zh/countries.json' with { type: 'json' };
import type { LanguageData } from './language-profile.ts';
import type { LanguageCode } from './role-grammar.ts';

export const LANGUAGE_DATA: Readonly<Record<LanguageCode, LanguageData>> = {
  ur: { countries: urCountries },
  ar: { countries: arCountries },
  fa: { countries: faCountries },
  hi: { countries: hiCountries },
  zh: { countries: zhCountries },
  ru: { countries: ruCountries },
  fr: { countries: frCountries },
  es: { countries: esCountries },
};
