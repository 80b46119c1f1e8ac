/**
 * A generated news corpus with ground truth, for load and fault-injection runs of the local pipeline:
 * N articles on F feeds (RSS 2.0, Atom and JSON Feed in turn), each feed the front page of its own
 * publisher site, each article a full page (metadata, dateline, byline, paragraphs from a small
 * vocabulary, country names so that some articles carry country pairs).
 *
 * Everything derives from the seed and an article's number, so any page can be generated on request
 * and the corpus never needs to be held in memory: a feed lists its articles by number, a page is
 * generated from its number alone.
 *
 * Ground truth is by construction: marker phrases made of words the vocabulary never uses are
 * planted in chosen articles, and each rule is a query over markers with the predicate that decides
 * it, so which articles a rule must match is known without running the matcher.
 */

import { type Random, seededRandom } from '../bench/seeded-random.ts';
import { registerFeeds } from '../shared/pipeline/register-feeds.ts';
import type { Clock } from '../shared/ports/clock.ts';
import type { FeedStateStore } from '../shared/ports/feed-state-store.ts';
import type { RuleStore } from '../shared/ports/rule-store.ts';
import { articleIdFor, canonicalizeUrl } from '../shared/urls/canonical-url.ts';

/** Publisher sites are `news<F>.synthetic.wirewatch.localhost`, one per feed. */
export const SYNTHETIC_DOMAIN = 'synthetic.wirewatch.localhost';

const PUBLISHER_HOST = new RegExp(
  `^news(0|[1-9]\\d{0,8})\\.${SYNTHETIC_DOMAIN.replace(/\./g, '\\.')}(?::80)?$`,
);

export type FeedFormat = 'rss' | 'atom' | 'json';
const FEED_FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json'];
const FEED_FILES: Record<FeedFormat, string> = { rss: 'feed.rss', atom: 'feed.atom', json: 'feed.json' };

export interface SyntheticCorpusOptions {
  seed: number;
  articles: number;
  feeds: number;
  /** The newest article's publication time; the others are spaced a few minutes apart before it. */
  newestAt: Date;
}

export interface SyntheticFeed {
  index: number;
  host: string;
  url: string;
  title: string;
  format: FeedFormat;
}

export interface SyntheticArticle {
  index: number;
  feed: number;
  url: string;
  /** The id the pipeline gives the article: the hash of its canonical URL. */
  id: string;
  title: string;
  summary: string;
  author: string;
  publishedAt: string;
  /** Paragraphs of the body, the first starting with the dateline. */
  paragraphs: string[];
  /** Country names written into the text. */
  countries: string[];
  /** Marker phrases planted in the text (ground truth for the rules). */
  markers: string[];
}

export interface SyntheticRule {
  id: string;
  name: string;
  query: string;
  /** Whether an article with these markers must match: the ground truth, decided without the matcher. */
  matches(markers: ReadonlySet<string>): boolean;
}

/** Words the vocabulary below never uses, so a marker appears in exactly the articles it was planted in. */
const MARKERS = {
  amber: { phrase: 'amber heron', rate: 0.05 },
  cobalt: { phrase: 'cobalt lantern', rate: 0.04 },
  granite: { phrase: 'granite orchid', rate: 0.06 },
  saffron: { phrase: 'saffron kestrel', rate: 0.3 },
  velvet: { phrase: 'velvet compass', rate: 0.2 },
  quartz: { phrase: 'quartz meridian', rate: 0.2 },
} as const;
type MarkerName = keyof typeof MARKERS;
const phrase = (name: MarkerName) => MARKERS[name].phrase;

export const SYNTHETIC_RULES: readonly SyntheticRule[] = [
  {
    id: 'synthetic-amber',
    name: 'Amber heron',
    query: `"${phrase('amber')}"`,
    matches: (markers) => markers.has(phrase('amber')),
  },
  {
    id: 'synthetic-cobalt',
    name: 'Cobalt lantern',
    query: `"${phrase('cobalt')}"`,
    matches: (markers) => markers.has(phrase('cobalt')),
  },
  {
    id: 'synthetic-granite-not-saffron',
    name: 'Granite orchid without saffron kestrel',
    query: `"${phrase('granite')}" AND NOT "${phrase('saffron')}"`,
    matches: (markers) => markers.has(phrase('granite')) && !markers.has(phrase('saffron')),
  },
  {
    id: 'synthetic-velvet-and-quartz',
    name: 'Velvet compass with quartz meridian',
    query: `"${phrase('velvet')}" AND "${phrase('quartz')}"`,
    matches: (markers) => markers.has(phrase('velvet')) && markers.has(phrase('quartz')),
  },
];

/** Countries the gazetteer knows, with the capital used in datelines. */
const COUNTRIES: readonly (readonly [name: string, capital: string])[] = [
  ['Pakistan', 'ISLAMABAD'],
  ['United States', 'WASHINGTON'],
  ['India', 'NEW DELHI'],
  ['China', 'BEIJING'],
  ['Japan', 'TOKYO'],
  ['Brazil', 'BRASILIA'],
  ['Germany', 'BERLIN'],
  ['France', 'PARIS'],
  ['Kenya', 'NAIROBI'],
  ['Nigeria', 'ABUJA'],
  ['Mexico', 'MEXICO CITY'],
  ['Canada', 'OTTAWA'],
  ['Australia', 'CANBERRA'],
  ['Turkey', 'ANKARA'],
  ['Egypt', 'CAIRO'],
  ['Indonesia', 'JAKARTA'],
];

const OFFICIALS = [
  'officials',
  'ministers',
  'diplomats',
  'negotiators',
  'lawmakers',
  'central bank officials',
  'trade envoys',
  'defence chiefs',
];
const TOPICS = [
  'grain exports',
  'border security',
  'fuel prices',
  'a new rail link',
  'tariffs on steel',
  'water sharing',
  'a debt restructuring',
  'port investment',
  'drought relief',
  'election monitoring',
  'fishing rights',
  'a power grid upgrade',
  'vaccine supplies',
  'customs checks',
];
const VERBS = [
  'discussed',
  'agreed on',
  'postponed talks on',
  'criticised',
  'welcomed',
  'reviewed',
  'signed a deal on',
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const QUALIFIERS = [
  'after months of talks',
  'despite objections from opposition parties',
  'according to a statement released late in the day',
  'in a meeting that ran past midnight',
  'as markets waited for details',
  'ahead of a regional summit',
];
const FOLLOW_UPS = [
  'Analysts said the outcome would shape the budget for the coming year.',
  'A spokesperson declined to give a timetable for the next round.',
  'Business groups asked for clearer rules before committing new money.',
  'Opposition members said they would question the plan in parliament.',
  'Aid agencies warned that delays would hurt rural families first.',
  'The agreement still needs the approval of both cabinets.',
  'Officials said technical teams would meet again within weeks.',
  'Local media reported that the talks had been tense at times.',
];
const AUTHORS = [
  'Amina Yusuf',
  'Daniel Okafor',
  'Mei Tanaka',
  'Lucas Ferreira',
  'Priya Raman',
  'Jonas Weber',
];
const SECTIONS = ['World', 'Politics', 'Business', 'Diplomacy', 'Economy'];
const MINUTES_BETWEEN_ARTICLES = 3;

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A generator for one article, independent of every other article's: seeded from (seed, index). */
function articleRandom(seed: number, index: number): Random {
  return seededRandom(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35));
}

function pickFrom<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

export class SyntheticCorpus {
  readonly seed: number;
  readonly articleCount: number;
  readonly feedCount: number;
  readonly rules = SYNTHETIC_RULES;
  readonly #newestAt: number;

  constructor(options: SyntheticCorpusOptions) {
    if (!Number.isInteger(options.articles) || options.articles < 0)
      throw new RangeError(`articles must be a whole number ≥ 0, got ${options.articles}`);
    if (!Number.isInteger(options.feeds) || options.feeds < 1)
      throw new RangeError(`feeds must be a whole number ≥ 1, got ${options.feeds}`);
    this.seed = options.seed;
    this.articleCount = options.articles;
    this.feedCount = options.feeds;
    this.#newestAt = options.newestAt.getTime();
  }

  /** Every publisher host, one per feed: each needs its own exception to the SSRF guard. */
  get hosts(): string[] {
    return Array.from({ length: this.feedCount }, (_, index) => this.feedHost(index));
  }

  feedHost(feed: number): string {
    return `news${feed}.${SYNTHETIC_DOMAIN}`;
  }

  /** The feed whose publisher is `host`, or null for a host that is not one of this corpus's. */
  feedOfHost(host: string): number | null {
    const match = PUBLISHER_HOST.exec(host.toLowerCase());
    const feed = match === null ? Number.NaN : Number(match[1]);
    return Number.isInteger(feed) && feed < this.feedCount ? feed : null;
  }

  feed(index: number): SyntheticFeed {
    const host = this.feedHost(index);
    const format = FEED_FORMATS[index % FEED_FORMATS.length] as FeedFormat;
    return {
      index,
      host,
      url: `http://${host}/${FEED_FILES[format]}`,
      title: `The Synthetic Courier ${index} (${format === 'json' ? 'JSON Feed' : format.toUpperCase()})`,
      format,
    };
  }

  feeds(): SyntheticFeed[] {
    return Array.from({ length: this.feedCount }, (_, index) => this.feed(index));
  }

  /** Article numbers on one feed, newest first: article i is on feed i mod F. */
  articlesOnFeed(feed: number): number[] {
    const indexes: number[] = [];
    for (let index = feed; index < this.articleCount; index += this.feedCount) indexes.push(index);
    return indexes.reverse();
  }

  articleUrl(index: number): string {
    return `http://${this.feedHost(index % this.feedCount)}/articles/${index}.html`;
  }

  articleId(index: number): string {
    return articleIdFor(canonicalizeUrl(this.articleUrl(index)));
  }

  article(index: number): SyntheticArticle {
    if (!Number.isInteger(index) || index < 0 || index >= this.articleCount)
      throw new RangeError(`no article ${index} in a corpus of ${this.articleCount}`);
    const random = articleRandom(this.seed, index);
    const markers = (Object.keys(MARKERS) as MarkerName[])
      .filter((name) => random() < MARKERS[name].rate)
      .map(phrase);
    // Two countries in most articles (a pair for the classifier), one in the rest.
    const first = pickFrom(random, COUNTRIES);
    const second =
      random() < 0.7
        ? pickFrom(
            random,
            COUNTRIES.filter(([name]) => name !== first[0]),
          )
        : null;
    const countries = second === null ? [first[0]] : [first[0], second[0]];
    const topic = pickFrom(random, TOPICS);
    const parties = second === null ? first[0] : `${first[0]} and ${second[0]}`;
    const title = `${parties} ${pickFrom(random, OFFICIALS)} ${pickFrom(random, VERBS)} ${topic}`;
    const publishedAt = new Date(
      this.#newestAt - (this.articleCount - 1 - index) * MINUTES_BETWEEN_ARTICLES * 60_000,
    );
    const day = publishedAt.toLocaleDateString('en-GB', { month: 'short', day: 'numeric', timeZone: 'UTC' });
    const paragraphCount = 4 + Math.floor(random() * 4);
    const sentence = () => {
      const who = `${pickFrom(random, countries)} ${pickFrom(random, OFFICIALS)}`;
      return `${capitalise(who)} ${pickFrom(random, VERBS)} ${pickFrom(random, TOPICS)} on ${pickFrom(random, WEEKDAYS)} ${pickFrom(random, QUALIFIERS)}.`;
    };
    const paragraphs = Array.from({ length: paragraphCount }, () =>
      [sentence(), sentence(), pickFrom(random, FOLLOW_UPS)].join(' '),
    );
    paragraphs[0] = `${first[1]}, ${day} (Synthetic Courier) - ${paragraphs[0]}`;
    // Each marker goes into a paragraph after the dateline's, in a sentence of its own.
    markers.forEach((marker, at) => {
      const where = 1 + ((at + Math.floor(random() * paragraphCount)) % (paragraphCount - 1));
      paragraphs[where] += ` Delegates referred to the ${marker} proposal during the session.`;
    });
    return {
      index,
      feed: index % this.feedCount,
      url: this.articleUrl(index),
      id: this.articleId(index),
      title,
      summary: `${parties} ${pickFrom(random, OFFICIALS)} met over ${topic}.`,
      author: pickFrom(random, AUTHORS),
      publishedAt: publishedAt.toISOString(),
      paragraphs,
      countries,
      markers,
    };
  }

  /** The (rule, article) alerts the pipeline must send: for each rule, the ids of the articles it matches. */
  expectedMatches(): Map<string, string[]> {
    const expected = new Map(this.rules.map((rule) => [rule.id, [] as string[]]));
    for (let index = 0; index < this.articleCount; index++) {
      const article = this.article(index);
      const markers = new Set(article.markers);
      for (const rule of this.rules) if (rule.matches(markers)) expected.get(rule.id)?.push(article.id);
    }
    return expected;
  }

  /** The body of the feed at `feed`, as its publisher would serve it. */
  renderFeed(feed: number): { contentType: string; body: string } {
    const info = this.feed(feed);
    const items = this.articlesOnFeed(feed).map((index) => this.article(index));
    const updated = items[0]?.publishedAt ?? new Date(this.#newestAt).toISOString();
    const home = `http://${info.host}/`;
    if (info.format === 'json') {
      const body = JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: info.title,
        home_page_url: home,
        feed_url: info.url,
        language: 'en',
        items: items.map((item) => ({
          id: item.url,
          url: item.url,
          title: item.title,
          summary: item.summary,
          date_published: item.publishedAt,
          authors: [{ name: item.author }],
          tags: item.countries,
        })),
      });
      return { contentType: 'application/feed+json; charset=utf-8', body };
    }
    if (info.format === 'atom') {
      const entries = items.map(
        (item) => `  <entry>
    <id>${escapeMarkup(item.url)}</id>
    <title>${escapeMarkup(item.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeMarkup(item.url)}"/>
    <published>${item.publishedAt}</published>
    <updated>${item.publishedAt}</updated>
    <author><name>${escapeMarkup(item.author)}</name></author>
    <summary>${escapeMarkup(item.summary)}</summary>
  </entry>`,
      );
      const body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <id>${escapeMarkup(info.url)}</id>
  <title>${escapeMarkup(info.title)}</title>
  <link rel="self" href="${escapeMarkup(info.url)}"/>
  <link rel="alternate" href="${escapeMarkup(home)}"/>
  <updated>${updated}</updated>
${entries.join('\n')}
</feed>
`;
      return { contentType: 'application/atom+xml; charset=utf-8', body };
    }
    const rssItems = items.map(
      (item) => `    <item>
      <title>${escapeMarkup(item.title)}</title>
      <link>${escapeMarkup(item.url)}</link>
      <guid isPermaLink="true">${escapeMarkup(item.url)}</guid>
      <pubDate>${new Date(item.publishedAt).toUTCString()}</pubDate>
      <description>${escapeMarkup(item.summary)}</description>
${item.countries.map((country) => `      <category>${escapeMarkup(country)}</category>`).join('\n')}
    </item>`,
    );
    const body = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>${escapeMarkup(info.title)}</title>
    <link>${escapeMarkup(home)}</link>
    <description>Generated world news for wirewatch load runs.</description>
    <language>en</language>
    <lastBuildDate>${new Date(updated).toUTCString()}</lastBuildDate>
${rssItems.join('\n')}
  </channel>
</rss>
`;
    return { contentType: 'application/rss+xml; charset=utf-8', body };
  }

  /** The article page for `index`, with the furniture a news site wraps around the story. */
  renderArticle(index: number): { contentType: string; body: string } {
    const article = this.article(index);
    const info = this.feed(article.feed);
    const site = info.title.replace(/ \(.*\)$/, '');
    const section = SECTIONS[index % SECTIONS.length] as string;
    const related = this.articlesOnFeed(article.feed)
      .filter((other) => other !== index)
      .slice(0, 3)
      .map((other) => `<li><a href="/articles/${other}.html">More ${section.toLowerCase()} news</a></li>`)
      .join('');
    const body = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escapeMarkup(article.title)} | ${escapeMarkup(site)}</title>
  <meta name="description" content="${escapeMarkup(article.summary)}">
  <meta name="author" content="${escapeMarkup(article.author)}">
  <link rel="canonical" href="${escapeMarkup(article.url)}">
  <meta property="og:type" content="article">
  <meta property="og:site_name" content="${escapeMarkup(site)}">
  <meta property="og:title" content="${escapeMarkup(article.title)}">
  <meta property="article:published_time" content="${article.publishedAt}">
  <meta property="article:section" content="${section}">
</head>
<body>
  <header class="masthead">
    <a class="logo" href="/">${escapeMarkup(site)}</a>
    <nav><ul>${SECTIONS.map((name) => `<li><a href="/${name.toLowerCase()}/">${name}</a></li>`).join('')}</ul></nav>
  </header>
  <main>
    <article>
      <h1>${escapeMarkup(article.title)}</h1>
      <p class="byline">By <a rel="author" href="/authors/">${escapeMarkup(article.author)}</a></p>
      <time datetime="${article.publishedAt}">${new Date(article.publishedAt).toUTCString()}</time>
${article.paragraphs.map((text) => `      <p>${escapeMarkup(text)}</p>`).join('\n')}
    </article>
    <aside class="related"><h2>Related</h2><ul>${related}</ul></aside>
  </main>
  <footer><p>Generated for wirewatch load runs. <a href="/about/">About</a> · <a href="/privacy/">Privacy</a></p></footer>
</body>
</html>
`;
    return { contentType: 'text/html; charset=utf-8', body };
  }
}

function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Registers the corpus's feeds and stores its rules, as a run over it starts. */
export async function registerCorpus(
  corpus: SyntheticCorpus,
  stores: { feeds: FeedStateStore; rules: RuleStore },
  clock: Clock,
): Promise<void> {
  await registerFeeds(
    corpus.feeds().map(({ url, title }) => ({ url, title })),
    { feeds: stores.feeds, clock },
  );
  for (const { id, name, query } of corpus.rules) {
    await stores.rules.putRule({ id, name, query, createdAt: clock.now().toISOString() });
  }
}
