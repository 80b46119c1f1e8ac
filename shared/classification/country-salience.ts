/**
 * Country salience: how much an article is about each country it mentions. Every mention adds the
 * weight of its kind (a name counts more than a demonym or a city) times the weight of where it sits
 * (title and dateline count most, then the lead). A country is salient when its score, which mixes
 * its share of the top country's weight with its own absolute weight, reaches a threshold, or when it
 * is named in the title or dateline.
 */
import type { GeoKind } from './gazetteer.ts';
import { roundScore } from './round-score.ts';

export type Zone = 'title' | 'dateline' | 'lead' | 'body';

/** What the country does where it is named: see mention-roles.ts. */
export type MentionRole = 'plain' | 'actor' | 'broker';

export interface GeoMention {
  code: string;
  kind: GeoKind;
  role: MentionRole;
  start: number;
  end: number;
  sentence: number;
  zone: Zone;
}

export interface CountrySalience {
  code: string;
  /** Sum of weighted mentions. */
  weight: number;
  mentions: number;
  /** Sentences that mention the country, in document order. */
  sentences: number[];
  inHeadline: boolean;
  /** Named at least once as an actor. */
  acts: boolean;
  score: number;
}

export const KIND_WEIGHTS: Readonly<Record<GeoKind, number>> = {
  name: 1,
  compound: 0.9,
  government: 1,
  institution: 0.8,
  capital: 0.8,
  city: 0.7,
  region: 0.6,
  regionAbbreviation: 0.8,
  demonym: 0.6,
  leader: 0.7,
};

export const ROLE_WEIGHTS: Readonly<Record<MentionRole, number>> = { plain: 1, actor: 1.25, broker: 0.5 };

export const ZONE_WEIGHTS: Readonly<Record<Zone, number>> = { title: 2.5, dateline: 3, lead: 1.25, body: 1 };

/** Score at or above which a country counts as salient. */
export const SALIENCE_THRESHOLD = 0.5;
/** The lower bar for a country named as an actor: parties may be named in few words. */
export const ACTOR_SALIENCE_THRESHOLD = 0.4;
/** Weight at which the absolute part of the score reaches about 63%. */
const WEIGHT_SCALE = 3;

/** Salience of every country mentioned, highest first. */
export function scoreCountries(mentions: readonly GeoMention[]): CountrySalience[] {
  const byCode = new Map<string, CountrySalience>();
  for (const mention of mentions) {
    let country = byCode.get(mention.code);
    if (country === undefined) {
      country = {
        code: mention.code,
        weight: 0,
        mentions: 0,
        sentences: [],
        inHeadline: false,
        acts: false,
        score: 0,
      };
      byCode.set(mention.code, country);
    }
    country.weight += KIND_WEIGHTS[mention.kind] * ZONE_WEIGHTS[mention.zone] * ROLE_WEIGHTS[mention.role];
    if (mention.role === 'actor') country.acts = true;
    country.mentions += 1;
    if (country.sentences[country.sentences.length - 1] !== mention.sentence) {
      country.sentences.push(mention.sentence);
    }
    if (mention.zone === 'title' || mention.zone === 'dateline') country.inHeadline = true;
  }
  const countries = [...byCode.values()];
  const topWeight = Math.max(0, ...countries.map((country) => country.weight));
  for (const country of countries) {
    const share = country.weight / topWeight;
    const absolute = 1 - Math.exp(-country.weight / WEIGHT_SCALE);
    country.score = roundScore(0.5 * share + 0.5 * absolute);
  }
  return countries.sort((left, right) => right.score - left.score || left.code.localeCompare(right.code));
}

/** The countries an article is about. */
export function salientCountries(countries: readonly CountrySalience[]): CountrySalience[] {
  return countries.filter(
    (country) =>
      country.inHeadline ||
      country.score >= SALIENCE_THRESHOLD ||
      (country.acts && country.score >= ACTOR_SALIENCE_THRESHOLD),
  );
}
