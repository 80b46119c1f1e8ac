/**
 * Whether an article is about public affairs at all. Sport results, reviews, recipes, games and
 * science stories are full of place words (a venue, a tournament, a tester's beach, a college town)
 * that name no country the story is about. Their vocabulary (data/genre-lexicon.json) is weighed
 * against the evidence of the public-affairs topics; when it clearly outweighs it, the article is
 * off-topic: it gets no country pair, and only countries it names in its headline.
 */
import genreData from './data/genre-lexicon.json' with { type: 'json' };
import type { TopicId } from './topic-ids.ts';
import { repeatedTermWeight } from './topic-scoring.ts';

export interface GenreTerm {
  genre: string;
  /** As written in the data, without a trailing '*'. */
  text: string;
  openEnd: boolean;
  weight: number;
}

/** Topics of public affairs; technology, health, climate, energy and investment are shared with
 * product, science and business stories, so they do not count as proof of public affairs. */
const AFFAIRS_TOPICS: ReadonlySet<TopicId> = new Set<TopicId>([
  'diplomacy',
  'counterterrorism',
  'security-defence',
  'conflict',
  'trade',
  'domestic-politics',
  'human-rights-justice',
  'humanitarian-disaster',
  'migration',
  'economy-finance',
]);

/** Genre evidence an article needs before it can be off-topic. */
export const MIN_GENRE_WEIGHT = 3;
/** How many times the affairs evidence the genre evidence must reach. */
export const GENRE_DOMINANCE = 1.5;

export function loadGenreTerms(): GenreTerm[] {
  return Object.entries(genreData.genres as Record<string, Record<string, number>>).flatMap(
    ([genre, terms]) =>
      Object.entries(terms).map(([term, weight]) => ({
        genre,
        text: term.endsWith('*') ? term.slice(0, -1) : term,
        openEnd: term.endsWith('*'),
        weight,
      })),
  );
}

/** The weight of the strongest genre: each distinct term once, repeats adding half again up to twice. */
export function genreWeight(hits: readonly GenreTerm[]): number {
  const counts = new Map<GenreTerm, number>();
  for (const hit of hits) counts.set(hit, (counts.get(hit) ?? 0) + 1);
  const byGenre = new Map<string, number>();
  for (const [term, count] of counts) {
    const value = repeatedTermWeight(term.weight, count);
    byGenre.set(term.genre, (byGenre.get(term.genre) ?? 0) + value);
  }
  return Math.max(0, ...byGenre.values());
}

export function isAffairsTopic(id: TopicId): boolean {
  return AFFAIRS_TOPICS.has(id);
}

/** Evidence of public affairs: the weight of the affairs topics that pass their thresholds. */
export function affairsWeight(topics: readonly { topic: { id: TopicId }; weight: number }[]): number {
  return topics.reduce((sum, scored) => sum + (isAffairsTopic(scored.topic.id) ? scored.weight : 0), 0);
}

/** Genre evidence that is enough when there is no public-affairs evidence at all. */
export const MIN_GENRE_WEIGHT_ALONE = 0.75;

/**
 * Off-topic: the genre words clearly outweigh public affairs, or some genre words meet no
 * public-affairs evidence at all and no state acts (no government, leader or country doing
 * something). Company and market news, with neither, stays in scope.
 */
export function isOffTopic(genre: number, affairs: number, statePresent: boolean): boolean {
  if (affairs === 0 && !statePresent && genre >= MIN_GENRE_WEIGHT_ALONE) return true;
  return genre >= MIN_GENRE_WEIGHT && genre >= GENRE_DOMINANCE * affairs;
}
