/**
 * `wirewatch bench match [--json] [--sizes 1,1000,10000,100000]`: how fast a compiled rule set
 * matches news articles, for rule sets of 1, 1k, 10k and 100k rules, on one core.
 *
 * Rules and articles come from a seeded generator, so every run measures the same work. Rules are
 * what analysts write: names of people, organisations and places, topic phrases, booleans with
 * NOT, proximity, wildcards and the classifier's labels. Articles (~4 KB) mix sentences of the
 * samples/ articles with news sentences built from the same vocabulary. Beside the presearcher,
 * the brute-force peer (every rule evaluated for every article) runs for the small sets.
 * `--json` prints one {"rules","docsPerSec","compileMs","rssMB"} line per size.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  compileRuleSet,
  type MatchableArticle,
  type RuleDefinition,
  type RuleSet,
} from '../shared/rules/rule-set.ts';
import { CliError } from '../tools/cli-error.ts';
import { cpuMs } from './measure.ts';

const USAGE = 'usage: wirewatch bench match [--json] [--sizes 1,1000,10000,100000]';
const DEFAULT_SIZES = [1, 1_000, 10_000, 100_000];
/** The brute-force peer evaluates every rule for every article: only for sets up to this size. */
const BRUTE_FORCE_LIMIT = 10_000;
const CORPUS_SIZE = 400;
const TARGET_ARTICLE_LENGTH = 4_000;
/** Each measurement runs for at least this much CPU time, and over at least MIN_ARTICLES articles. */
const MEASURE_MS = 1_500;
const MIN_ARTICLES = 20;
const WARM_UP_ARTICLES = 300;
const SAMPLES = new URL('../samples/articles/', import.meta.url);

// ---- a seeded random source -------------------------------------------------------------------

type Random = () => number;

/** mulberry32: small, fast and good enough to pick words. */
function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** Skewed towards the head of the list, as word use is: a few topics and places dominate the news. */
function pickSkewed<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() ** 2 * items.length)] as T;
}

// ---- a news vocabulary ------------------------------------------------------------------------

const COUNTRIES: ReadonlyArray<[name: string, code: string]> = [
  ['Pakistan', 'PK'],
  ['United States', 'US'],
  ['India', 'IN'],
  ['China', 'CN'],
  ['Afghanistan', 'AF'],
  ['Iran', 'IR'],
  ['Russia', 'RU'],
  ['Ukraine', 'UA'],
  ['Turkey', 'TR'],
  ['Saudi Arabia', 'SA'],
  ['Qatar', 'QA'],
  ['Egypt', 'EG'],
  ['Israel', 'IL'],
  ['Syria', 'SY'],
  ['Iraq', 'IQ'],
  ['Bangladesh', 'BD'],
  ['Sri Lanka', 'LK'],
  ['Nepal', 'NP'],
  ['Japan', 'JP'],
  ['South Korea', 'KR'],
  ['Indonesia', 'ID'],
  ['Malaysia', 'MY'],
  ['Germany', 'DE'],
  ['France', 'FR'],
  ['United Kingdom', 'GB'],
  ['Italy', 'IT'],
  ['Poland', 'PL'],
  ['Brazil', 'BR'],
  ['Mexico', 'MX'],
  ['Nigeria', 'NG'],
  ['Kenya', 'KE'],
  ['Ethiopia', 'ET'],
  ['South Africa', 'ZA'],
  ['Uzbekistan', 'UZ'],
  ['Kazakhstan', 'KZ'],
  ['Azerbaijan', 'AZ'],
];

const CITIES = [
  'Islamabad',
  'Karachi',
  'Lahore',
  'Peshawar',
  'Quetta',
  'Washington',
  'New Delhi',
  'Beijing',
  'Kabul',
  'Tehran',
  'Moscow',
  'Kyiv',
  'Ankara',
  'Riyadh',
  'Doha',
  'Cairo',
  'Dhaka',
  'Colombo',
  'Tokyo',
  'Seoul',
  'Jakarta',
  'Berlin',
  'Paris',
  'London',
  'Brussels',
  'Geneva',
  'Nairobi',
  'Tashkent',
  'Baku',
  'Dubai',
];

const ORGANISATIONS = [
  'International Monetary Fund',
  'World Bank',
  'United Nations',
  'Security Council',
  'European Union',
  'State Department',
  'Foreign Office',
  'National Assembly',
  'Supreme Court',
  'Election Commission',
  'Asian Development Bank',
  'Financial Action Task Force',
  'Shanghai Cooperation Organisation',
  'Inter Services Public Relations',
  'Tehreek-i-Insaf',
  'Muslim League',
  'Pentagon',
  'Red Crescent',
  'World Health Organization',
  'Interpol',
];

const TOPIC_PHRASES = [
  'counterterrorism dialogue',
  'counter-terrorism cooperation',
  'bilateral relations',
  'bilateral trade',
  'trade agreement',
  'free trade agreement',
  'investment forum',
  'foreign direct investment',
  'minerals sector',
  'rare earth minerals',
  'bailout package',
  'loan programme',
  'debt restructuring',
  'interest rates',
  'inflation',
  'budget deficit',
  'current account',
  'exchange rate',
  'stock exchange',
  'oil prices',
  'gas pipeline',
  'power tariffs',
  'solar energy',
  'nuclear programme',
  'missile test',
  'drone strike',
  'suicide bombing',
  'militant attack',
  'border clashes',
  'ceasefire agreement',
  'peace talks',
  'intelligence sharing',
  'military exercises',
  'arms deal',
  'defence cooperation',
  'sanctions',
  'travel ban',
  'visa policy',
  'refugee crisis',
  'humanitarian aid',
  'flood relief',
  'earthquake',
  'heatwave',
  'climate finance',
  'polio vaccination',
  'dengue outbreak',
  'cyber attack',
  'data protection',
  'internet shutdown',
  'press freedom',
  'human rights',
  'death sentence',
  'military courts',
  'general elections',
  'by-elections',
  'no-confidence motion',
  'caretaker government',
  'constitutional amendment',
  'judicial commission',
  'corruption reference',
  'money laundering',
  'terror financing',
  'grey list',
  'smuggling',
  'wheat imports',
  'textile exports',
  'remittances',
  'privatisation',
  'state-owned enterprises',
  'circular debt',
  'climate change',
  'water dispute',
  'Indus Waters Treaty',
  'Line of Control',
  'Belt and Road',
  'economic corridor',
  'port development',
  'railway project',
  'motorway',
  'wage increase',
  'strike by traders',
  'protest march',
  'sit-in',
  'prisoner exchange',
  'extradition request',
  'consular access',
  'diplomatic protest',
  'envoy summoned',
  'state visit',
  'strategic dialogue',
  'joint statement',
];

const FIRST_NAMES = [
  'Imran',
  'Shehbaz',
  'Nawaz',
  'Asim',
  'Ishaq',
  'Marco',
  'Donald',
  'Eric',
  'Jack',
  'Thomas',
  'Mohsin',
  'Zahid',
  'Tariq',
  'Ayaz',
  'Bilawal',
  'Maryam',
  'Asif',
  'Fazl',
  'Ahsan',
  'Khawaja',
  'Sherry',
  'Hina',
  'Narendra',
  'Subrahmanyam',
  'Xi',
  'Wang',
  'Vladimir',
  'Sergei',
  'Recep',
  'Hakan',
  'Antony',
  'Lloyd',
  'Kristalina',
  'Antonio',
  'Ursula',
  'Josep',
  'Olaf',
  'Emmanuel',
  'Keir',
  'Fumio',
  'Ebrahim',
  'Abbas',
  'Mohammed',
  'Ahmed',
  'Fatima',
  'Ayesha',
  'Sana',
  'Omar',
  'Hamid',
  'Ali',
];

const SYLLABLES = [
  'ka',
  'ri',
  'mo',
  'sha',
  'dar',
  'lan',
  'vi',
  'qu',
  'zai',
  'ber',
  'gil',
  'naq',
  'hus',
  'sain',
  'mat',
  'tel',
  'ro',
  'bin',
  'sk',
  'ov',
  'ev',
  'uz',
  'far',
  'hat',
  'ul',
  'me',
  'yer',
  'son',
  'ton',
  'ley',
];

/** Surnames made of syllables: the long tail of proper names that most rules name. */
function surnames(count: number): string[] {
  const random = seededRandom(17);
  const names = new Set<string>();
  while (names.size < count) {
    const length = 2 + Math.floor(random() * 2);
    const name = Array.from({ length }, () => pick(random, SYLLABLES)).join('');
    names.add(name[0]?.toUpperCase() + name.slice(1));
  }
  return [...names];
}

const SURNAMES = surnames(6_000);

const VERBS = [
  'discussed',
  'agreed on',
  'called for',
  'rejected',
  'welcomed',
  'criticised',
  'reviewed',
  'announced',
  'signed',
  'postponed',
];

function person(random: Random): string {
  return `${pick(random, FIRST_NAMES)} ${pick(random, SURNAMES)}`;
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
  const [country] = pickSkewed(random, COUNTRIES);
  const [other] = pick(random, COUNTRIES);
  const topic = () => pickSkewed(random, TOPIC_PHRASES);
  const day = () => pick(random, ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']);
  switch (Math.floor(random() * 8)) {
    case 0:
      return `${person(random)} ${pick(random, VERBS)} the ${topic()} with officials from ${other}.`;
    case 1:
      return `The ${pick(random, ORGANISATIONS)} said ${country} and ${other} would meet again next month.`;
    case 2:
      return `According to officials in ${pick(random, CITIES)}, the government has come under pressure over the ${topic()}.`;
    case 3:
      return `“We have made our position clear,” ${person(random)} told reporters on ${day()}.`;
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

function articles(count: number): MatchableArticle[] {
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
    const codes = [pickSkewed(random, COUNTRIES)[1], pick(random, COUNTRIES)[1]];
    return {
      title: newsSentence(random).replace(/\.$/, ''),
      text: paragraphs.join('\n\n'),
      source: pick(random, ['dawn.com', 'www.thenews.com.pk', 'reuters.com', 'apnews.com']),
      lang: 'en',
      countries: codes,
      pairs: [[...codes].sort().join('-')],
      topics: [pick(random, ['diplomacy', 'counterterrorism', 'trade', 'economy-finance', 'conflict'])],
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
  const country = () => quoted(pick(random, COUNTRIES)[0]);
  const code = () => pick(random, COUNTRIES)[1];
  const someone = () => `"${person(random)}"`;
  const surname = () => pick(random, SURNAMES);
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
      return `pair:${code()}-${code()} AND ${topic()} AND ${quoted(pick(random, ORGANISATIONS))}`;
    case 5:
      return `country:${code()} AND ${surname()} AND (${topic()} OR ${quoted(pick(random, ORGANISATIONS))}) NOT ${topic()}`;
    case 6:
      return `${surname().slice(0, -1).toLowerCase()}* AND ${topic()}`;
    case 7:
      return `title:${someone()} OR title:(${surname()} ${topic()})`;
    case 8:
      return `${topic()} ${quoted(pick(random, CITIES))} ${surname()}`;
    default:
      return `topic:${pick(random, ['diplomacy', 'counterterrorism', 'trade'])} ${someone()}`;
  }
}

function rules(count: number): RuleDefinition[] {
  const random = seededRandom(7 + count);
  const seed: RuleDefinition = { id: 'ct-dialogue', query: '"counterterrorism dialogue" pair:PK-US' };
  return [
    seed,
    ...Array.from({ length: count - 1 }, (_, at) => ({ id: `R${at + 1}`, query: ruleQuery(random) })),
  ];
}

// ---- measuring --------------------------------------------------------------------------------

interface Measurement {
  rules: number;
  docsPerSec: number;
  compileMs: number;
  rssMB: number;
  bruteForceDocsPerSec: number | null;
  matchesPerDoc: number;
}

/** Collects garbage between sizes so each memory figure is not inflated by the previous size's garbage. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
}

/**
 * Articles matched per second of CPU time, the measure of one core's throughput: on a machine
 * shared with other work, wall-clock time would also count the time spent waiting for a core.
 */
function docsPerSecond(
  ruleSet: RuleSet,
  corpus: readonly MatchableArticle[],
): { rate: number; matches: number } {
  let processed = 0;
  let matches = 0;
  const started = cpuMs();
  let elapsed = 0;
  while (elapsed < MEASURE_MS || processed < MIN_ARTICLES) {
    matches += ruleSet.match(corpus[processed % corpus.length] as MatchableArticle).length;
    processed += 1;
    elapsed = cpuMs() - started;
  }
  return { rate: (processed * 1000) / elapsed, matches: matches / processed };
}

function measure(size: number, corpus: readonly MatchableArticle[]): Measurement {
  const definitions = rules(size);
  collectGarbage();
  const started = cpuMs();
  const ruleSet = compileRuleSet(definitions);
  const compileMs = cpuMs() - started;
  // Warm up, so the figure is the steady state a long-lived worker runs in: code optimised, and
  // the presearcher past its first re-indexing by the clauses articles satisfy least.
  for (let at = 0; at < WARM_UP_ARTICLES; at += 1)
    ruleSet.match(corpus[at % corpus.length] as MatchableArticle);
  const { rate, matches } = docsPerSecond(ruleSet, corpus);
  const rssMB = process.memoryUsage().rss / 1_048_576;
  const bruteForce =
    size <= BRUTE_FORCE_LIMIT
      ? docsPerSecond(compileRuleSet(definitions, { presearch: false }), corpus).rate
      : null;
  return {
    rules: size,
    docsPerSec: rate,
    compileMs,
    rssMB,
    bruteForceDocsPerSec: bruteForce,
    matchesPerDoc: matches,
  };
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function parseSizes(value: string | undefined): number[] {
  if (value === undefined) return DEFAULT_SIZES;
  const sizes = value.split(',').map(Number);
  if (sizes.some((size) => !Number.isInteger(size) || size < 1)) {
    throw new CliError(`--sizes: expected positive whole numbers separated by commas\n${USAGE}`);
  }
  return sizes;
}

export async function main(args: string[]): Promise<number> {
  let values: { json?: boolean; sizes?: string };
  try {
    ({ values } = parseArgs({ args, options: { json: { type: 'boolean' }, sizes: { type: 'string' } } }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`);
  }
  const sizes = parseSizes(values.sizes);
  const corpus = articles(CORPUS_SIZE);
  if (values.json !== true) {
    const averageBytes = corpus.reduce((sum, article) => sum + article.text.length, 0) / corpus.length;
    console.log(
      `corpus: ${corpus.length} generated articles, ${Math.round(averageBytes)} characters each on average`,
    );
    console.log('rules    compile ms   docs/s presearcher   docs/s brute force   matches/doc   rss MB');
  }
  for (const size of sizes) {
    const result = measure(size, corpus);
    if (values.json === true) {
      const { rules: count, docsPerSec, compileMs, rssMB } = result;
      console.log(
        JSON.stringify({
          rules: count,
          docsPerSec: round(docsPerSec, 1),
          compileMs: round(compileMs, 1),
          rssMB: round(rssMB, 1),
        }),
      );
    } else {
      const bruteForce = result.bruteForceDocsPerSec === null ? '—' : result.bruteForceDocsPerSec.toFixed(0);
      console.log(
        [
          String(size).padStart(6),
          result.compileMs.toFixed(1).padStart(12),
          result.docsPerSec.toFixed(0).padStart(21),
          bruteForce.padStart(20),
          result.matchesPerDoc.toFixed(2).padStart(13),
          result.rssMB.toFixed(0).padStart(8),
        ].join(' '),
      );
    }
  }
  return 0;
}
