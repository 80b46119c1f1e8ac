/**
 * The label fields of a rule (`source:`, `lang:`, `country:`, `pair:`, `topic:`, `relation:`) and
 * how their values are compared: exactly, after one normalisation shared by rules and articles.
 * Country codes are upper case, a pair is its two codes in alphabetical order (`US-PK` = `PK-US`),
 * topics and languages are lower case (`lang:en` also matches `en-GB`), and a source matches by its
 * full name, its web host or a parent domain (`dawn.com` matches `www.dawn.com`), or one of its
 * words. A relation matches any reported pair's relation type or its shorthand (`conflict`: verbal
 * or material), or one pair's when written after it (`PK-US/conflict`).
 */
import { RELATION_TYPES, type RelationType } from '../classification/pair-relations.ts';

const COMBINING_MARK = /\p{M}/gu;

export const LABEL_FIELDS = ['source', 'lang', 'country', 'pair', 'topic', 'relation'] as const;
export type LabelField = (typeof LABEL_FIELDS)[number];

export interface ArticleLabelInput {
  source?: string | null;
  lang?: string | null;
  countries?: readonly string[];
  pairs?: readonly string[];
  topics?: readonly string[];
  /** Each reported pair's relation type. */
  relations?: readonly { pair: string; type: RelationType }[];
}

export type ArticleLabels = Record<LabelField, ReadonlySet<string>>;

/** Shorthands a rule may use for two relation types at once. */
const RELATION_SHORTHANDS = ['cooperation', 'conflict'] as const;

/** Every relation value a rule may name after `relation:` (or after `relation:PK-US/`). */
export const RELATION_VALUES: readonly string[] = [...RELATION_TYPES, ...RELATION_SHORTHANDS];

/** The type and its shorthand: 'verbal-conflict' → ['verbal-conflict', 'conflict']. */
function relationValues(type: RelationType): string[] {
  const shorthand = RELATION_SHORTHANDS.find((name) => type.endsWith(`-${name}`));
  return shorthand === undefined ? [type] : [type, shorthand];
}

/** The form a label value is compared in, for a rule's value and an article's alike. */
export function normaliseLabelValue(field: LabelField, value: string): string {
  const trimmed = value.trim();
  switch (field) {
    case 'country':
      return trimmed.toUpperCase();
    case 'pair':
      return trimmed
        .toUpperCase()
        .split(/[-–/_]/)
        .filter((code) => code !== '')
        .sort()
        .join('-');
    case 'relation': {
      const slash = trimmed.lastIndexOf('/');
      const type = trimmed.slice(slash + 1).toLowerCase();
      return slash < 0 ? type : `${normaliseLabelValue('pair', trimmed.slice(0, slash))}/${type}`;
    }
    default:
      return trimmed.normalize('NFKD').replace(COMBINING_MARK, '').replace(/\s+/g, ' ').toLowerCase();
  }
}

function sourceValues(source: string): string[] {
  const whole = normaliseLabelValue('source', source);
  if (whole === '') return [];
  const values = [whole];
  const host = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/\s:?#]+\.[^/\s:?#]+)/.exec(whole)?.[1];
  if (host !== undefined) {
    const labels = host.split('.');
    for (let first = 0; first < labels.length - 1; first += 1) values.push(labels.slice(first).join('.'));
  }
  for (const word of whole.split(/[^\p{L}\p{N}]+/u)) {
    if (word !== '') values.push(word);
  }
  return values;
}

function languageValues(lang: string): string[] {
  const tag = normaliseLabelValue('lang', lang);
  if (tag === '') return [];
  const primary = tag.split(/[-_]/)[0] ?? tag;
  return primary === tag ? [tag] : [tag, primary];
}

function normalisedSet(field: LabelField, values: readonly string[] | undefined): Set<string> {
  const set = new Set<string>();
  for (const value of values ?? []) {
    const normalised = normaliseLabelValue(field, value);
    if (normalised !== '') set.add(normalised);
  }
  return set;
}

/** The `relations` input from labelled pairs, a classification's or a stored record's (older records have none). */
export function pairRelationLabels(
  pairs: readonly { pair: string; relation?: { type: RelationType } }[],
): { pair: string; type: RelationType }[] {
  return pairs.flatMap(({ pair, relation }) =>
    relation === undefined ? [] : [{ pair, type: relation.type }],
  );
}

/** Every value under which an article answers each label field. */
export function articleLabels(article: ArticleLabelInput): ArticleLabels {
  return {
    source: new Set(article.source ? sourceValues(article.source) : []),
    lang: new Set(article.lang ? languageValues(article.lang) : []),
    country: normalisedSet('country', article.countries),
    pair: normalisedSet('pair', article.pairs),
    topic: normalisedSet('topic', article.topics),
    relation: new Set(
      (article.relations ?? []).flatMap(({ pair, type }) => {
        const key = normaliseLabelValue('pair', pair);
        return relationValues(type).flatMap((value) => [value, `${key}/${value}`]);
      }),
    ),
  };
}
