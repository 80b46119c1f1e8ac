/**
 * The work `wirewatch bench match` measures: rule sets and news articles generated from a seeded
 * random source and the vocabulary in bench/data/match-vocabulary.json, so every run measures the
 * same work. Rules are what analysts write: names of people, organisations and places, topic
 * phrases, booleans with NOT, proximity, wildcards and the classifier's labels. Articles (~4 KB) mix
 * sentences of the samples/ articles with news sentences built from the same vocabulary.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { MatchableArticle, RuleDefinition } from '../shared/rules/rule-set.ts';
import vocabulary from './data/match-vocabulary.json' with { type: 'json' };
import { pick, pickSkewed, type Random, seededRandom } from './seeded-random.ts';

const TARGET_ARTICLE_LENGTH = 4_000;
const SURNAME_COUNT = 6_000;
const SAMPLES = new URL('../samples/articles/', import.meta.url);

const COUNTRIES = vocabulary.countries;
const TOPIC_PHRASES = vocabulary.topicPhrases;

/** Surnames made of syllables: the long tail of proper names that most rules name. */
function surnames(count: number): string[] {
  const random = seededRandom(17);
  const names = new Set<string>();
  while (names.size < count) {
    const length = 2 + Math.floor(random() * 2);
    const name = Array.from({ length }, () => pick(random, vocabulary.surnameSyllables)).join('');
    names.add(name[0]?.toUpperCase() + name.slice(1));
  }
  return [...names];
}

const SURNAMES = surnames(SURNAME_COUNT);

function person(random: Random): string {
  return `${pick(random, vocabulary.firstNames)} ${pick(random, SURNAMES)}`;
}

// ---- articles ---------------------------------------------------------------------------------

function sampleSentences(): string[] {
  let files: string[];
  try {
    files = readdirSync(SAMPLES).filter((file) => file.endsWith('.txt'));
  } catch {
    return [];
  }
  return files
    .flatMap((file) => readFileSync(new URL(file, SAMPLES), 'utf8').split(/(?<=[.!?”])\s+(?=[A-Z“])/))
    .map((sentence) => sentence.replace(/\s+/g, ' ').trim())
    .filter((sentence) => sentence.length > 40);
}

/** A sentence of news prose; like real reporting, most sentences name one thing or nothing at all. */
function newsSentence(random: Random): string {
  const { name: country } = pickSkewed(random, COUNTRIES);
  const { name: other } = pick(random, COUNTRIES);
  const topic = () => pickSkewed(random, TOPIC_PHRASES);
  switch (Math.floor(random() * 8)) {
    case 0:
      return `${person(random)} ${pick(random, vocabulary.verbs)} the ${topic()} with officials from ${other}.`;
    case 1:
      return `The ${pick(random, vocabulary.organisations)} said ${country} and ${other} would meet again next month.`;
    case 2:
      return `According to officials in ${pick(random, vocabulary.cities)}, the government has come under pressure over the ${topic()}.`;
    case 3:
      return `“We have made our position clear,” ${person(random)} told reporters on ${pick(random, vocabulary.weekdays)}.`;
    case 4:
      return `Analysts said the decision would shape relations with ${other} for years to come.`;
    case 5:
      return `The talks, which lasted several hours, ended without a joint statement, a spokesperson said.`;
    case 6:
      return `Opposition leaders criticised the move and demanded that parliament be taken into confidence.`;
    default:
      return `Officials expect a decision on the ${topic()} before the end of the year.`;
  }
}

export function generateArticles(count: number): MatchableArticle[] {
  const random = seededRandom(42);
  const samples = sampleSentences();
  return Array.from({ length: count }, () => {
    const paragraphs: string[] = [];
    let length = 0;
    while (length < TARGET_ARTICLE_LENGTH) {
      const sentences = Array.from({ length: 3 }, () =>
        samples.length > 0 && random() < 0.5 ? pick(random, samples) : newsSentence(random),
      );
      const paragraph = sentences.join(' ');
      paragraphs.push(paragraph);
      length += paragraph.length + 2;
    }
    const codes = [pickSkewed(random, COUNTRIES).code, pick(random, COUNTRIES).code];
    return {
      title: newsSentence(random).replace(/\.$/, ''),
      text: paragraphs.join('\n\n'),
      source: pick(random, vocabulary.sources),
      lang: 'en',
      countries: codes,
      pairs: [[...codes].sort().join('-')],
      topics: [pick(random, vocabulary.articleTopics)],
    };
  });
}

// ---- rules ------------------------------------------------------------------------------------

function quoted(phrase: string): string {
  return phrase.includes(' ') ? `"${phrase}"` : phrase;
}

/**
 * One analyst's rule. Analysts watch people, places and niche topics as much as the headline
 * ones, so rules pick their terms evenly where articles favour the head of each list.
 */
function ruleQuery(random: Random): string {
  const topic = () => quoted(pick(random, TOPIC_PHRASES));
  const country = () => quoted(pick(random, COUNTRIES).name);
  const code = () => pick(random, COUNTRIES).code;
  const someone = () => `"${person(random)}"`;
  const surname = () => pick(random, SURNAMES);
  const organisation = () => quoted(pick(random, vocabulary.organisations));
  // A single telling word of a phrase, as proximity rules use them.
  const word = (phrase: string) =>
    pick(
      random,
      phrase
        .replace(/"/g, '')
        .split(/[\s-]+/)
        .filter((part) => part.length >= 4),
    ) ?? phrase;
  switch (Math.floor(random() * 10)) {
    case 0:
      return someone();
    case 1:
      return `${someone()} AND (${topic()} OR ${topic()})`;
    case 2:
      return `${surname()} NEAR/5 ${country()}`;
    case 3:
      return `"${word(topic())} ${surname()}"~6 -${word(topic())}`;
    case 4:
      return `pair:${code()}-${code()} AND ${topic()} AND ${organisation()}`;
    case 5:
      return `country:${code()} AND ${surname()} AND (${topic()} OR ${organisation()}) NOT ${topic()}`;
    case 6:
      return `${surname().slice(0, -1).toLowerCase()}* AND ${topic()}`;
    case 7:
      return `title:${someone()} OR title:(${surname()} ${topic()})`;
    case 8:
      return `${topic()} ${quoted(pick(random, vocabulary.cities))} ${surname()}`;
    default:
      return `topic:${pick(random, vocabulary.ruleTopics)} ${someone()}`;
  }
}

/** `count` rules: the sample analyst's rule, then generated ones; the same set for the same count. */
export function generateRules(count: number): RuleDefinition[] {
  const random = seededRandom(7 + count);
  const seed: RuleDefinition = { id: 'ct-dialogue', query: '"counterterrorism dialogue" pair:PK-US' };
  return [
    seed,
    ...Array.from({ length: count - 1 }, (_, at) => ({ id: `R${at + 1}`, query: ruleQuery(random) })),
  ];
}
