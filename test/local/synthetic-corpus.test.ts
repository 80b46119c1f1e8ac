/**
 * The generated corpus for load and fault-injection runs: the same seed gives the same corpus, the
 * rules' ground truth agrees with the real matcher on the real extracted text, and the loopback site
 * serves every feed and page by publisher host.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyntheticCorpus } from '../../local/synthetic-corpus.ts';
import { type SyntheticSite, startSyntheticSite } from '../../local/synthetic-site.ts';
import { extractArticle } from '../../shared/extraction/extract-article.ts';
import { parseFeed } from '../../shared/feeds/parse-feed.ts';
import { compileRuleSet } from '../../shared/rules/rule-set.ts';

const NEWEST_AT = new Date('2026-12-01T12:00:00.000Z');
const corpusOf = (seed: number, articles = 400, feeds = 12) =>
  new SyntheticCorpus({ seed, articles, feeds, newestAt: NEWEST_AT });

/** GET `path` from the site as the host `host`, the way a connect-to override reaches it. */
function get(site: SyntheticSite, host: string, path: string, headers: Record<string, string> = {}) {
  const [address, port] = site.address.split(':') as [string, string];
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const outgoing = request({ host: address, port: Number(port), path, headers: { host, ...headers } });
      outgoing.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      });
      outgoing.on('error', reject);
      outgoing.end();
    },
  );
}

describe('SyntheticCorpus', () => {
  it('generates the same feeds and pages from the same seed, and different ones from another seed', () => {
    // Prepare
    const first = corpusOf(7);
    const again = corpusOf(7);
    const other = corpusOf(8);

    // Act
    const pages = (corpus: SyntheticCorpus) => [0, 57, 399].map((index) => corpus.renderArticle(index).body);
    const feeds = (corpus: SyntheticCorpus) => [0, 1, 2].map((feed) => corpus.renderFeed(feed).body);

    // Assess
    expect(pages(again)).toEqual(pages(first));
    expect(feeds(again)).toEqual(feeds(first));
    expect(pages(other)).not.toEqual(pages(first));
  });

  it('puts every article on exactly one feed, in RSS, Atom and JSON Feed, which parse to its URLs', () => {
    // Prepare
    const corpus = corpusOf(3, 100, 6);

    // Act
    const listed = corpus.feeds().flatMap((feed) => {
      const { contentType, body } = corpus.renderFeed(feed.index);
      return parseFeed(body, { url: feed.url, contentType }).entries.map((entry) => entry.link);
    });

    // Assess
    expect(new Set(corpus.feeds().map(({ format }) => format))).toEqual(new Set(['rss', 'atom', 'json']));
    expect(listed.toSorted()).toEqual(
      Array.from({ length: 100 }, (_, index) => corpus.articleUrl(index)).toSorted(),
    );
  });

  it('names countries in the text, two of them in most articles', () => {
    // Prepare
    const corpus = corpusOf(5);

    // Act
    const articles = Array.from({ length: corpus.articleCount }, (_, index) => corpus.article(index));
    const paired = articles.filter(({ countries }) => countries.length === 2).length;

    // Assess
    for (const article of articles.slice(0, 20)) {
      for (const country of article.countries) expect(article.paragraphs.join(' ')).toContain(country);
    }
    expect(paired / articles.length).toBeGreaterThan(0.5);
    expect(paired).toBeLessThan(articles.length);
  });

  it('knows which articles each rule matches: the real matcher on the extracted page text agrees', () => {
    // Prepare
    const corpus = corpusOf(11, 150);
    const ruleSet = compileRuleSet(corpus.rules);
    const expected = corpus.expectedMatches();

    // Act
    const matched = new Map(corpus.rules.map((rule) => [rule.id, [] as string[]]));
    for (let index = 0; index < corpus.articleCount; index++) {
      const page = extractArticle(corpus.renderArticle(index).body, { url: corpus.articleUrl(index) });
      for (const match of ruleSet.match({ title: page.title ?? '', text: page.text }))
        matched.get(match.ruleId)?.push(corpus.articleId(index));
    }

    // Assess: every rule matches some articles and misses others, exactly as constructed.
    expect(matched).toEqual(expected);
    for (const ids of expected.values()) {
      expect(ids.length).toBeGreaterThan(0);
      expect(ids.length).toBeLessThan(corpus.articleCount);
    }
  });

  it('gives each article the id the pipeline derives from its canonical URL, distinct across the corpus', () => {
    // Prepare
    const corpus = corpusOf(2);

    // Act
    const ids = new Set(Array.from({ length: corpus.articleCount }, (_, index) => corpus.articleId(index)));
    const page = extractArticle(corpus.renderArticle(9).body, { url: corpus.articleUrl(9) });

    // Assess
    expect(ids.size).toBe(corpus.articleCount);
    expect(page.canonicalUrl).toBe(corpus.articleUrl(9));
  });
});

describe('startSyntheticSite', () => {
  const corpus = corpusOf(4, 60, 5);
  let site: SyntheticSite;

  beforeAll(async () => {
    site = await startSyntheticSite(corpus);
  });

  afterAll(async () => {
    await site.close();
  });

  it("serves each publisher's feed and pages by Host header, and 304 for an unchanged one", async () => {
    // Prepare
    const feed = corpus.feed(2);
    const path = new URL(feed.url).pathname;

    // Act
    const first = await get(site, feed.host, path);
    const again = await get(site, feed.host, path, { 'if-none-match': String(first.headers.etag) });
    const page = await get(site, feed.host, '/articles/7.html');

    // Assess
    expect(first.status).toBe(200);
    expect(first.body).toBe(corpus.renderFeed(2).body);
    expect(again.status).toBe(304);
    expect(page.status).toBe(200);
    expect(page.body).toBe(corpus.renderArticle(7).body);
  });

  it('answers 404 for another publisher’s article, an article past the end and an unknown host', async () => {
    // Act
    const answers = await Promise.all([
      get(site, corpus.feedHost(0), '/articles/7.html'),
      get(site, corpus.feedHost(0), '/articles/60.html'),
      get(site, 'example.com', '/articles/5.html'),
      get(site, corpus.feedHost(0), '/feed.atom'),
    ]);

    // Assess
    expect(answers.map(({ status }) => status)).toEqual([404, 404, 404, 404]);
  });
});
