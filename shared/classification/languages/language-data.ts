/**
 * The data of every language profile, by language. Imported with the classifier but compiled only
 * when an article in the language arrives (language-profile.ts): countries, topic vocabulary
 * (topics.json), relation cues with role verbs (relations.json) and the words of stories outside
 * public affairs (genres.json).
 */
import arCountries from '../data/languages/ar/countries.json' with { type: 'json' };
import arGenres from '../data/languages/ar/genres.json' with { type: 'json' };
import arRelations from '../data/languages/ar/relations.json' with { type: 'json' };
import arTopics from '../data/languages/ar/topics.json' with { type: 'json' };
import esCountries from '../data/languages/es/countries.json' with { type: 'json' };
import esGenres from '../data/languages/es/genres.json' with { type: 'json' };
import esRelations from '../data/languages/es/relations.json' with { type: 'json' };
import esTopics from '../data/languages/es/topics.json' with { type: 'json' };
import faCountries from '../data/languages/fa/countries.json' with { type: 'json' };
import faGenres from '../data/languages/fa/genres.json' with { type: 'json' };
import faRelations from '../data/languages/fa/relations.json' with { type: 'json' };
import faTopics from '../data/languages/fa/topics.json' with { type: 'json' };
import frCountries from '../data/languages/fr/countries.json' with { type: 'json' };
import frGenres from '../data/languages/fr/genres.json' with { type: 'json' };
import frRelations from '../data/languages/fr/relations.json' with { type: 'json' };
import frTopics from '../data/languages/fr/topics.json' with { type: 'json' };
import hiCountries from '../data/languages/hi/countries.json' with { type: 'json' };
import hiGenres from '../data/languages/hi/genres.json' with { type: 'json' };
import hiRelations from '../data/languages/hi/relations.json' with { type: 'json' };
import hiTopics from '../data/languages/hi/topics.json' with { type: 'json' };
import ruCountries from '../data/languages/ru/countries.json' with { type: 'json' };
import ruGenres from '../data/languages/ru/genres.json' with { type: 'json' };
import ruRelations from '../data/languages/ru/relations.json' with { type: 'json' };
import ruTopics from '../data/languages/ru/topics.json' with { type: 'json' };
import urCountries from '../data/languages/ur/countries.json' with { type: 'json' };
import urGenres from '../data/languages/ur/genres.json' with { type: 'json' };
import urRelations from '../data/languages/ur/relations.json' with { type: 'json' };
import urTopics from '../data/languages/ur/topics.json' with { type: 'json' };
import zhCountries from '../data/languages/zh/countries.json' with { type: 'json' };
import zhGenres from '../data/languages/zh/genres.json' with { type: 'json' };
import zhRelations from '../data/languages/zh/relations.json' with { type: 'json' };
import zhTopics from '../data/languages/zh/topics.json' with { type: 'json' };
import type { LanguageData } from './language-profile.ts';
import type { LanguageCode } from './role-grammar.ts';

export const LANGUAGE_DATA: Readonly<Record<LanguageCode, LanguageData>> = {
  ur: { countries: urCountries, genres: urGenres, topics: urTopics, relations: urRelations },
  ar: { countries: arCountries, genres: arGenres, topics: arTopics, relations: arRelations },
  fa: { countries: faCountries, genres: faGenres, topics: faTopics, relations: faRelations },
  hi: { countries: hiCountries, genres: hiGenres, topics: hiTopics, relations: hiRelations },
  zh: { countries: zhCountries, genres: zhGenres, topics: zhTopics, relations: zhRelations },
  ru: { countries: ruCountries, genres: ruGenres, topics: ruTopics, relations: ruRelations },
  fr: { countries: frCountries, genres: frGenres, topics: frTopics, relations: frRelations },
  es: { countries: esCountries, genres: esGenres, topics: esTopics, relations: esRelations },
};
