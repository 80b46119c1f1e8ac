/**
 * Hostile input against the parts that read untrusted text: the feed parser, the extractor, the rule
 * parser and matcher, and the classifier. Each generated case must end, with a result or the part's
 * own typed error, within a budget of CPU time (wall time on a machine shared by many test workers
 * measures the others' load), and without the heap growing beyond a sanity bound. Each part runs
 * once on ordinary input first, so that no case pays for compiling it.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { cpuMs } from '../../bench/measure.ts';
import { createClassifier } from '../../shared/classification/classifier.ts';
import { ExtractionError, extractArticle } from '../../shared/extraction/extract-article.ts';
import { FeedParseError, parseFeed } from '../../shared/feeds/parse-feed.ts';
import { RuleSyntaxError } from '../../shared/rules/rule-language.ts';
import { compileRuleSet } from '../../shared/rules/rule-set.ts';

/** Generous: the slowest case here takes under a second of CPU. */
const CASE_BUDGET_MS = 2_000;
/** Heap growth allowed across one case, after it ends: far above any real page, far below a blow-up. */
const HEAP_BUDGET_BYTES = 256 * 1024 * 1024;

const BIDI_AND_INVISIBLE = [
  '\u202e',
  '\u202d',
  '\u2066',
  '\u2069',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u0000',
];

const repeated = (unit: fc.Arbitrary<string>, max: number) =>
  fc.tuple(unit, fc.integer({ min: 1, max })).map(([text, times]) => text.repeat(times));

/** Pieces attackers build hostile text from, each up to some 10–20 KB. */
const hostileFragment = fc.oneof(
  repeated(
    fc.constantFrom(' ', '<', '&', '(', '"', 'a', '.', '-', '\n', '#', '*', ...BIDI_AND_INVISIBLE),
    20_000,
  ),
  repeated(
    fc.constantFrom(
      'the ',
      'NOT ',
      '<div>',
      '</div>',
      '<b>',
      '(',
      ')',
      '<!--',
      '&amp;',
      '&#',
      ']]>',
      '<![CDATA[',
    ),
    4_000,
  ),
  repeated(fc.constantFrom('Jan 1 1:00 ', '1 Jan 2020 ', '2003-12-31T', 'Pakistan ', 'U.S. ', 'Mr. '), 1_000),
  fc.string({ unit: 'binary', maxLength: 2_000 }),
  fc.string({ unit: fc.constantFrom(...BIDI_AND_INVISIBLE, 'a', ' ', '.', '<'), maxLength: 2_000 }),
  fc
    .integer({ min: 1, max: 20_000 })
    .map((length) => `<div class="${'x'.repeat(length)}" data-a='${'"'.repeat(length)}'>`),
);

const hostileText = fc.array(hostileFragment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));

/** Runs `act`, which may throw only `allowed` errors, and checks its time and the heap it leaves behind. */
function withinBudget(act: () => unknown, allowed: ReadonlyArray<new (...args: never[]) => Error>): void {
  const heapBefore = process.memoryUsage().heapUsed;
  const started = cpuMs();
  try {
    act();
  } catch (error) {
    if (!allowed.some((type) => error instanceof type)) throw error;
  }
  expect(cpuMs() - started).toBeLessThan(CASE_BUDGET_MS);
  expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(HEAP_BUDGET_BYTES);
}

const RUNS = { numRuns: 15, endOnFailure: true } as const;

const ORDINARY_STORY =
  'Pakistan and the United States will resume talks in Islamabad next week, the foreign minister said on Tuesday.';
const classifier = createClassifier();

beforeAll(() => {
  parseFeed(
    `<rss version="2.0"><channel><item><title>Talks</title><pubDate>Wed, 02 Dec 2026 04:00:00 GMT</pubDate></item></channel></rss>`,
    { url: 'https://a.example/feed' },
  );
  extractArticle(
    `<html><body><article><p>${ORDINARY_STORY}</p><p>${ORDINARY_STORY}</p></article></body></html>`,
    { url: 'https://a.example/story' },
  );
  compileRuleSet([{ id: 'r', query: '"talks islamabad"~5 OR pair:PK-US' }]).match({
    title: 'Talks',
    text: ORDINARY_STORY,
  });
  classifier.classify({ title: 'Talks', text: ORDINARY_STORY });
}, 60_000);

describe('hostile input', () => {
  it('the feed parser reads or refuses hostile feeds, in budget', () => {
    const feed = fc.oneof(
      hostileText.map(
        (text) =>
          `<rss version="2.0"><channel><title>${text}</title><item><title>${text}</title><pubDate>${text}</pubDate><description>${text}</description><link>https://a.example/1</link></item></channel></rss>`,
      ),
      hostileText.map(
        (text) =>
          `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="html">${text}</title><updated>${text}</updated><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${text}</div></content></entry></feed>`,
      ),
      hostileText.map((text) =>
        JSON.stringify({
          version: 'https://jsonfeed.org/version/1.1',
          title: text,
          items: [
            { id: '1', url: 'https://a.example/1', title: text, date_published: text, content_html: text },
          ],
        }),
      ),
      hostileText,
    );
    fc.assert(
      fc.property(feed, (body) => {
        withinBudget(() => parseFeed(body, { url: 'https://a.example/feed' }), [FeedParseError]);
      }),
      RUNS,
    );
  }, 60_000);

  it('the extractor extracts or refuses hostile pages, in budget', () => {
    const page = fc.oneof(
      hostileText.map(
        (text) =>
          `<!doctype html><html><head><title>${text}</title></head><body><article><p>${text}</p></article></body></html>`,
      ),
      hostileText.map((text) => `<html><body>${text}</body></html>`),
      fc
        .integer({ min: 100, max: 5_000 })
        .map((depth) => `<html><body>${'<div><p>Talks resume.'.repeat(depth)}</body></html>`),
    );
    fc.assert(
      fc.property(page, (html) => {
        withinBudget(() => extractArticle(html, { url: 'https://a.example/story' }), [ExtractionError]);
      }),
      RUNS,
    );
  }, 60_000);

  it('the rule parser and matcher accept or refuse hostile rules, and match hostile articles, in budget', () => {
    const query = fc.oneof(
      hostileText,
      repeated(fc.constantFrom('the ', 'a* ', 'NEAR/50 the ', 'OR the ', '-the '), 2_000),
      fc.integer({ min: 2, max: 40 }).map((words) => `"${'the '.repeat(words)}"~1000`),
    );
    const article = fc.record({ title: hostileText, text: hostileText });
    fc.assert(
      fc.property(query, article, (rule, target) => {
        withinBudget(() => {
          const rules = compileRuleSet([{ id: 'r', query: rule }]);
          for (const match of rules.match(target)) void match.highlights;
        }, [RuleSyntaxError]);
      }),
      RUNS,
    );
  }, 60_000);

  it('the classifier labels hostile articles, in budget', () => {
    fc.assert(
      fc.property(hostileText, hostileText, (title, text) => {
        withinBudget(() => classifier.classify({ title, text }), []);
      }),
      RUNS,
    );
  }, 60_000);
});
