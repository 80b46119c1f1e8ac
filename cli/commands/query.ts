import {
  type AlertItem,
  type ArticleItem,
  type ArticleSummary,
  createReader,
  type Page,
  type RangeQuery,
  type WirewatchReader,
} from '../../reader/wirewatch-reader.ts';
import { TOPIC_IDS } from '../../shared/classification/classifier.ts';
import { systemClock } from '../../shared/ports/clock.ts';
import { terminalJson } from '../../shared/text/terminal-text.ts';
import { parseCommandArgs } from '../../tools/cli-arguments.ts';
import { CliError } from '../../tools/cli-error.ts';
import { alignColumns, toCsv } from '../columns.ts';
import { parseTimeRange } from '../duration.ts';
import { withTarget } from '../target.ts';

const USAGE = `Usage: wirewatch query (--pair PK-US | --country XX | --topic ID | --source HOST | --rule ID)
                       [--since 7d] [--until TIME] [--format table|json|csv] [--limit 50] [--state DIR]

  --since, --until   a span back from now (30m, 12h, 7d) or an ISO date or timestamp; since defaults to 7d
  --format           table (default), json (the full Article items with their S3 location) or csv
  --limit            most articles to print (default 50)
  --state DIR        the local state of \`wirewatch run --state DIR\`; without it, AWS as named by
                     WIREWATCH_TABLE_NAME and WIREWATCH_BUCKET_NAME`;

type Format = 'table' | 'json' | 'csv';

export interface LabelFilters {
  pair?: string | undefined;
  country?: string | undefined;
  topic?: string | undefined;
  source?: string | undefined;
}

/** One article found, with the alert that listed it when the query was by rule. */
export interface FoundArticle {
  id: string;
  title: string;
  canonicalUrl: string;
  source: string;
  sortAt: string;
  primaryPair: string | null;
  countryPairs: string[];
  countries: string[];
  topics: string[];
  documentKey: string;
  alert: AlertItem | null;
}

/** `pk-us` and `US-PK` both name the pair the table lists as `PK-US` (codes in alphabetical order). */
export function normalisePair(value: string): string {
  const codes = value.trim().toUpperCase().split('-');
  if (codes.length !== 2 || !codes.every((code) => /^[A-Z]{2}$/.test(code))) {
    throw new CliError(`--pair "${value}" is not a country pair: two ISO codes joined by "-", e.g. PK-US`);
  }
  return codes.sort().join('-');
}

export function normaliseCountry(value: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) throw new CliError(`--country "${value}" is not an ISO 3166 code such as PK`);
  return code;
}

export function normaliseTopic(value: string): string {
  const topic = value.trim().toLowerCase();
  if (!(TOPIC_IDS as readonly string[]).includes(topic)) {
    throw new CliError(`--topic "${value}" is not a topic; the topics are: ${TOPIC_IDS.join(', ')}`);
  }
  return topic;
}

function normaliseFilters(values: LabelFilters): LabelFilters {
  return {
    pair: values.pair === undefined ? undefined : normalisePair(values.pair),
    country: values.country === undefined ? undefined : normaliseCountry(values.country),
    topic: values.topic === undefined ? undefined : normaliseTopic(values.topic),
    source: values.source?.trim().toLowerCase(),
  };
}

const fromSummary = (summary: ArticleSummary): FoundArticle => ({ ...summary, alert: null });

function fromItem(item: ArticleItem, alert: AlertItem | null): FoundArticle {
  return {
    id: item.id,
    title: item.title,
    canonicalUrl: item.canonicalUrl,
    source: item.source,
    sortAt: item.sortAt,
    primaryPair: item.primaryPair,
    countryPairs: item.countryPairs.map(({ pair }) => pair),
    countries: item.countries.map(({ code }) => code),
    topics: item.topics.map(({ id }) => id),
    documentKey: item.documentKey,
    alert,
  };
}

function matchesFilters(article: FoundArticle, filters: LabelFilters): boolean {
  return (
    (filters.pair === undefined || article.countryPairs.includes(filters.pair)) &&
    (filters.country === undefined || article.countries.includes(filters.country)) &&
    (filters.topic === undefined || article.topics.includes(filters.topic)) &&
    (filters.source === undefined || article.source === filters.source)
  );
}

type Lister = (range: RangeQuery) => Promise<Page<FoundArticle | null>>;

/** The index query the options select, and a description of it for messages. */
function selectListing(reader: WirewatchReader, filters: LabelFilters, rule: string | undefined) {
  const summaries =
    (list: (value: string, range: RangeQuery) => Promise<Page<ArticleSummary>>, value: string): Lister =>
    async (range) => {
      const page = await list(value, range);
      return { items: page.items.map(fromSummary), cursor: page.cursor };
    };
  if (rule !== undefined) {
    const lister: Lister = async (range) => {
      const page = await reader.alertsForRule(rule, range);
      const items = await Promise.all(
        page.items.map(async (alert) => {
          const item = await reader.getArticle(alert.articleId);
          return item === null ? null : fromItem(item, alert);
        }),
      );
      return { items, cursor: page.cursor };
    };
    return { lister, what: `rule ${rule}` };
  }
  if (filters.pair !== undefined)
    return { lister: summaries(reader.articlesForPair, filters.pair), what: `pair ${filters.pair}` };
  if (filters.country !== undefined)
    return {
      lister: summaries(reader.articlesForCountry, filters.country),
      what: `country ${filters.country}`,
    };
  if (filters.topic !== undefined)
    return { lister: summaries(reader.articlesForTopic, filters.topic), what: `topic ${filters.topic}` };
  if (filters.source !== undefined)
    return { lister: summaries(reader.articlesForSource, filters.source), what: `source ${filters.source}` };
  throw new CliError(`say what to list: --pair, --country, --topic, --source or --rule\n\n${USAGE}`);
}

/** Pages through the selected listing, filtering, until `limit` articles are found or the range ends. */
export async function findArticles(
  reader: WirewatchReader,
  query: { filters: LabelFilters; rule?: string | undefined; since: string; until: string; limit: number },
): Promise<{ articles: FoundArticle[]; what: string }> {
  const { lister, what } = selectListing(reader, query.filters, query.rule);
  const articles: FoundArticle[] = [];
  let cursor: string | null = null;
  do {
    const page = await lister({ since: query.since, until: query.until, limit: 100, cursor });
    for (const article of page.items) {
      // An alert whose article item is gone (deleted by hand) has nothing to show.
      if (article === null || !matchesFilters(article, query.filters)) continue;
      articles.push(article);
      if (articles.length === query.limit) return { articles, what };
    }
    cursor = page.cursor;
  } while (cursor !== null);
  return { articles, what };
}

const s3Uri = (bucket: string, key: string) => `s3://${bucket}/${key}`;

function alertFields(alert: AlertItem) {
  return {
    ruleId: alert.ruleId,
    matchedAt: alert.matchedAt,
    status: alert.status,
    snippet: alert.snippet,
  };
}

/** The full Article items, read one by one, with where their document is in S3. */
export async function asJson(reader: WirewatchReader, articles: readonly FoundArticle[], bucket: string) {
  const items = await Promise.all(
    articles.map(async (article) => {
      const item = await reader.getArticle(article.id);
      if (item === null) return null;
      return {
        ...item,
        s3Uri: s3Uri(bucket, item.documentKey),
        ...(article.alert === null ? {} : { alert: alertFields(article.alert) }),
      };
    }),
  );
  return `${terminalJson(
    JSON.stringify(
      items.filter((item) => item !== null),
      null,
      2,
    ),
  )}\n`;
}

const shortTime = (at: string) => at.slice(0, 16).replace('T', ' ');

export function asTable(articles: readonly FoundArticle[]): string {
  return `${alignColumns(
    ['date', 'pair', 'topics', 'title'],
    articles.map((article) => [
      shortTime(article.sortAt),
      article.primaryPair ?? '-',
      article.topics.join(',') || '-',
      article.title,
    ]),
  )}\n`;
}

export function asCsv(articles: readonly FoundArticle[], bucket: string): string {
  return toCsv(
    ['date', 'id', 'primaryPair', 'countryPairs', 'countries', 'topics', 'source', 'title', 'url', 's3Uri'],
    articles.map((article) => [
      article.sortAt,
      article.id,
      article.primaryPair ?? '',
      article.countryPairs.join(' '),
      article.countries.join(' '),
      article.topics.join(' '),
      article.source,
      article.title,
      article.canonicalUrl,
      s3Uri(bucket, article.documentKey),
    ]),
  );
}

function parse(args: string[]) {
  return parseCommandArgs(
    args,
    {
      pair: { type: 'string' },
      country: { type: 'string' },
      topic: { type: 'string' },
      source: { type: 'string' },
      rule: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      format: { type: 'string', default: 'table' },
      limit: { type: 'string', default: '50' },
      state: { type: 'string' },
    },
    USAGE,
  ).values;
}

export async function main(args: string[]): Promise<number> {
  const values = parse(args);
  if (!['table', 'json', 'csv'].includes(values.format)) {
    throw new CliError(`--format must be table, json or csv, not "${values.format}"`);
  }
  const format = values.format as Format;
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new CliError('--limit must be a whole number of 1 or more');
  const filters = normaliseFilters(values);
  const range = parseTimeRange(values, systemClock.now(), '7d');

  return withTarget({ state: values.state, needs: ['table', 'archive'] }, async (target) => {
    const reader = createReader(target.table);
    const { articles, what } = await findArticles(reader, {
      filters,
      rule: values.rule,
      ...range,
      limit,
    });
    const bucket = target.archive.bucketName;
    if (format === 'json') process.stdout.write(await asJson(reader, articles, bucket));
    else if (format === 'csv') process.stdout.write(asCsv(articles, bucket));
    else if (articles.length > 0) process.stdout.write(asTable(articles));
    const more = articles.length === limit ? ` (the first ${limit}: raise --limit for more)` : '';
    console.error(
      `${articles.length} article${articles.length === 1 ? '' : 's'} for ${what} from ${range.since} to ${range.until} in ${target.description}${more}`,
    );
    return 0;
  });
}
