/** Backtesting a rule on the archive with in-memory ports: per-day counts, stored labels, samples. */
import { describe, expect, it } from 'vitest';
import type { ArticleDocument } from '../../shared/articles/article-document.ts';
import { articleDocumentKey } from '../../shared/articles/storage-keys.ts';
import { BACKTEST_READ_CONCURRENCY, backtestRule } from '../../shared/pipeline/backtest-rule.ts';
import { RuleSyntaxError } from '../../shared/rules/rule-language.ts';
import { anArticle, anArticleDocument } from '../support/builders.ts';
import { MemoryArchive, MemoryCatalog } from '../support/in-memory-ports.ts';

/** Documents without a publication date: lists fall back to when they were fetched. */
const aDocument = (id: string, fetchedAt: string, title: string, text: string) =>
  anArticleDocument(id, fetchedAt, title, text, { publishedAt: null });

async function archiveOf(documents: ArticleDocument[]) {
  const archive = new MemoryArchive();
  for (const document of documents) {
    await archive.putArticle(articleDocumentKey(document.id, document.fetchedAt), document);
  }
  return archive;
}

const range = { since: '2026-11-01T00:00:00.000Z', until: '2026-11-03T23:59:59.999Z', sampleSize: 5 };

describe('backtesting a rule on the archive', () => {
  it('counts matches per day, matching labels from the catalogued Article items', async () => {
    // Prepare
    const archive = await archiveOf([
      aDocument('a1', '2026-11-01T10:00:00.000Z', 'Talks resume', 'The counterterrorism dialogue resumes.'),
      aDocument('a2', '2026-11-01T11:00:00.000Z', 'Other talks', 'A counterterrorism dialogue elsewhere.'),
      aDocument('a3', '2026-11-03T09:00:00.000Z', 'Weather', 'Rain is expected.'),
      aDocument('a4', '2026-10-31T09:00:00.000Z', 'Before the range', 'The counterterrorism dialogue.'),
    ]);
    const catalog = new MemoryCatalog();
    catalog.articles.set('a1', anArticle({ id: 'a1' }));
    catalog.articles.set(
      'a2',
      anArticle({ id: 'a2', countryPairs: [{ pair: 'IN-PK', score: 0.9 }], primaryPair: 'IN-PK' }),
    );
    catalog.articles.set('a3', anArticle({ id: 'a3' }));

    // Act
    const result = await backtestRule(
      { query: 'pair:PK-US AND "counterterrorism dialogue"', ...range },
      { archive, catalog },
    );

    // Assess
    expect(result).toMatchObject({ articles: 3, matched: 1, uncatalogued: 0 });
    expect(result.days).toEqual([
      { day: '2026-11-01', articles: 2, matched: 1 },
      { day: '2026-11-03', articles: 1, matched: 0 },
    ]);
    expect(result.samples).toEqual([
      {
        day: '2026-11-01',
        articleId: 'a1',
        title: 'Talks resume',
        url: 'https://news.example/a1',
        source: 'news.example',
        publishedAt: null,
        snippet: expect.stringContaining('counterterrorism dialogue'),
        highlights: [expect.objectContaining({ field: 'text', term: 'counterterrorism dialogue' })],
      },
    ]);
  });

  it('counts an article archived on two days once, and keeps at most the sample size', async () => {
    // Prepare
    const documents = ['b1', 'b2', 'b3'].map((id) =>
      aDocument(id, '2026-11-02T10:00:00.000Z', `Sanctions ${id}`, 'New sanctions were announced.'),
    );
    const archive = await archiveOf([
      ...documents,
      aDocument('b1', '2026-11-03T10:00:00.000Z', 'Sanctions b1', 'New sanctions were announced, updated.'),
    ]);

    // Act
    const result = await backtestRule(
      { query: 'sanctions', ...range, sampleSize: 2 },
      { archive, catalog: new MemoryCatalog() },
    );

    // Assess
    expect(result).toMatchObject({ articles: 3, matched: 3, uncatalogued: 3 });
    expect(result.days).toEqual([{ day: '2026-11-02', articles: 3, matched: 3 }]);
    expect(result.samples.map(({ articleId }) => articleId)).toEqual(['b1', 'b2']);
  });

  it('refuses a query that does not parse before reading anything', async () => {
    // Prepare
    const archive = new MemoryArchive();

    // Act
    const backtest = backtestRule(
      { query: 'sanctions AND (iran', ...range },
      { archive, catalog: new MemoryCatalog() },
    );

    // Assess
    await expect(backtest).rejects.toBeInstanceOf(RuleSyntaxError);
  });

  it('reads the newest day first and stops at its article bound, saying it was truncated', async () => {
    // Prepare: one sanctions article on each of three days
    const archive = await archiveOf(
      ['2026-11-01', '2026-11-02', '2026-11-03'].map((day) =>
        aDocument(`s-${day}`, `${day}T10:00:00.000Z`, 'Sanctions', 'New sanctions were announced.'),
      ),
    );
    const bounds = { maxArticles: 2, timeUp: () => false };

    // Act
    const result = await backtestRule(
      { query: 'sanctions', ...range, newestFirst: true, bounds },
      { archive, catalog: new MemoryCatalog() },
    );

    // Assess: the two newest days, listed oldest first; samples newest first
    expect(result.truncated).toBe(true);
    expect(result.days.map(({ day }) => day)).toEqual(['2026-11-02', '2026-11-03']);
    expect(result.samples.map(({ articleId }) => articleId)).toEqual(['s-2026-11-03', 's-2026-11-02']);
  });

  it('stops when its time is up', async () => {
    // Prepare: one article on each day, and time runs out once one has been read
    const archive = await archiveOf(
      ['2026-11-01', '2026-11-02', '2026-11-03'].map((day) =>
        aDocument(`t-${day}`, `${day}T10:00:00.000Z`, 'Sanctions', 'Sanctions again.'),
      ),
    );
    let reads = 0;
    const read = archive.getArticle.bind(archive);
    archive.getArticle = (key: string) => {
      reads += 1;
      return read(key);
    };
    const bounds = { maxArticles: 100, timeUp: () => reads > 0 };

    // Act
    const result = await backtestRule(
      { query: 'sanctions', ...range, bounds },
      { archive, catalog: new MemoryCatalog() },
    );

    // Assess
    expect(result).toMatchObject({ articles: 1, truncated: true });
  });

  it('reads the whole range when the bounds are not reached', async () => {
    // Prepare
    const archive = await archiveOf([aDocument('a', '2026-11-02T10:00:00.000Z', 'Sanctions', 'Sanctions.')]);
    const bounds = { maxArticles: 1, timeUp: () => false };

    // Act
    const result = await backtestRule(
      { query: 'sanctions', ...range, bounds },
      { archive, catalog: new MemoryCatalog() },
    );

    // Assess
    expect(result).toMatchObject({ articles: 1, truncated: false });
  });

  it('reads several archived articles at once, never more than its concurrency', async () => {
    // Prepare: an archive that counts the reads in flight
    const archive = await archiveOf(
      Array.from({ length: 40 }, (_, index) =>
        aDocument(`c${index}`, '2026-11-02T10:00:00.000Z', 'Sanctions', 'Sanctions again.'),
      ),
    );
    let inFlight = 0;
    let most = 0;
    const read = archive.getArticle.bind(archive);
    archive.getArticle = async (key: string) => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight -= 1;
      return read(key);
    };

    // Act
    const result = await backtestRule(
      { query: 'sanctions', ...range },
      { archive, catalog: new MemoryCatalog() },
    );

    // Assess
    expect(result.matched).toBe(40);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(BACKTEST_READ_CONCURRENCY);
  });
});
