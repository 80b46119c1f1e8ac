import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArticleDocument } from '../../../shared/articles/article-document.ts';
import { type Classifier, createClassifier } from '../../../shared/classification/classifier.ts';
import { articlePage } from '../../../shared/console/article-page.ts';
import { anAlert, anArticle } from '../../support/builders.ts';
import { MemoryArchive, MemoryRules } from '../../support/in-memory-ports.ts';
import { MemoryListings } from '../../support/memory-listings.ts';

const SEED = readFileSync(new URL('../../../samples/articles/bilateral-ties.txt', import.meta.url), 'utf8');
const TITLE = 'Pakistan and US seek stronger ties';
const DOCUMENT_KEY = 'articles/yyyy=2026/mm=11/dd=26/article-1.json';

let classifier: Classifier;
beforeAll(() => {
  classifier = createClassifier();
});

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

async function seedPage() {
  const document = {
    id: 'article-1',
    title: TITLE,
    text: SEED,
    byline: 'Staff',
    lang: 'en',
  } as ArticleDocument;
  const classification = classifier.classify({ title: TITLE, text: SEED });
  const record = anArticle({
    countries: classification.countries.map(({ code, score }) => ({ code, score })),
    countryPairs: classification.pairs.map(({ pair, score, relation }) => ({ pair, score, relation })),
    topics: classification.topics.map(({ id, score }) => ({ id, score })),
    documentKey: DOCUMENT_KEY,
  });
  const archive = new MemoryArchive();
  await archive.putArticle(DOCUMENT_KEY, document);
  const minerals = SEED.indexOf('Minerals Investment Forum');
  const listings = new MemoryListings(
    [record],
    [
      anAlert({ ruleId: 'ct', ruleName: 'Counterterrorism' }),
      anAlert({
        ruleId: 'removed',
        ruleName: 'Minerals (since removed)',
        highlights: [
          { field: 'text', term: 'Minerals Investment Forum', start: minerals, end: minerals + 25 },
          { field: 'text', term: 'text that moved', start: 0, end: 15 },
        ],
      }),
    ],
  );
  const rules = new MemoryRules([
    { id: 'ct', name: 'Counterterrorism', query: 'counterterrorism', createdAt: '' },
  ]);
  return { classification, page: await articlePage('article-1', { listings, archive, rules, classifier }) };
}

describe('articlePage', () => {
  it('points each label’s evidence at the sentences the classifier gave, in the archived text', async () => {
    // Act
    const { classification, page } = await seedPage();

    // Assess
    const textOf = ({ field, start, end }: { field: 'title' | 'text'; start: number; end: number }) =>
      collapse((field === 'title' ? TITLE : SEED).slice(start, end));
    expect(page?.pairs.map(({ pair }) => pair)).toContain('PK-US');
    for (const pair of page?.pairs ?? []) {
      const reported = classification.pairs.find((found) => found.pair === pair.pair);
      expect(pair.evidence.length).toBeGreaterThan(0);
      expect(pair.evidence.map(textOf).every((text) => reported?.evidence.includes(text))).toBe(true);
      if (pair.relation?.evidence) expect(textOf(pair.relation.evidence)).toBe(reported?.relation.evidence);
    }
    for (const topic of page?.topics ?? []) expect(topic.evidence.length).toBeGreaterThan(0);
    for (const country of page?.countries ?? []) expect(country.evidence.length).toBeGreaterThan(0);
  });

  it('highlights a matched rule’s terms again, and keeps a removed rule’s highlights the text still reads', async () => {
    // Act
    const { page } = await seedPage();

    // Assess
    const [current, removed] = page?.rules ?? [];
    expect(current?.highlights.length).toBeGreaterThan(0);
    expect(
      current?.highlights.every(({ start, end }) => /counterterrorism/i.test(SEED.slice(start, end))),
    ).toBe(true);
    expect(removed?.highlights.map(({ term }) => term)).toEqual(['Minerals Investment Forum']);
  });

  it('answers null for an article the table does not hold', async () => {
    // Act
    const page = await articlePage('missing', {
      listings: new MemoryListings(),
      archive: new MemoryArchive(),
      rules: new MemoryRules(),
      classifier,
    });

    // Assess
    expect(page).toBeNull();
  });
});
