import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbArticleCatalog } from '../../adapters/dynamodb/article-catalog.dynamodb.ts';
import type { ArticleDocument } from '../../shared/articles/article-document.ts';
import { sameCatalogEntry } from '../../shared/articles/same-catalog-entry.ts';
import { createClassifier } from '../../shared/classification/classifier.ts';
import { classifyStoredArticle } from '../../shared/pipeline/classify-stored-article.ts';
import { RuleBook } from '../../shared/pipeline/rule-book.ts';
import { anArticle } from '../support/builders.ts';
import {
  FixedClock,
  MemoryArchive,
  MemoryLedger,
  MemoryRules,
  RecordingPublisher,
} from '../support/in-memory-ports.ts';
import { reverseKeyOrder, ShufflingDocumentClient } from '../support/shuffling-document-client.ts';

const DOCUMENT_KEY = 'articles/yyyy=2026/mm=11/dd=26/article-1.json';

const DOCUMENT: ArticleDocument = {
  schemaVersion: 1,
  id: 'article-1',
  url: 'https://news.example/pk-us',
  canonicalUrl: 'https://news.example/pk-us',
  feedId: 'feed-1',
  feedUrl: 'https://news.example/feed.xml',
  source: 'news.example',
  title: 'Pakistan and the United States resume counterterrorism dialogue',
  byline: null,
  publishedAt: '2026-11-26T09:00:00.000Z',
  fetchedAt: '2026-11-26T09:05:00.000Z',
  lang: 'en',
  siteName: null,
  excerpt: null,
  text:
    'ISLAMABAD — Pakistan and the United States agreed on Wednesday to resume their counterterrorism ' +
    'dialogue, the foreign ministry in Islamabad said after talks with a delegation from Washington.',
  rawKey: 'raw/yyyy=2026/mm=11/dd=26/article-1.html.gz',
  contentHash: 'hash-1',
  simhash: '0123456789abcdef',
};

function setup() {
  const client = new ShufflingDocumentClient();
  const archive = new MemoryArchive();
  archive.documents.set(DOCUMENT_KEY, DOCUMENT);
  const clock = new FixedClock(new Date('2026-11-26T10:00:00.000Z'));
  const deps = {
    archive,
    catalog: new DynamoDbArticleCatalog(client.asTable()),
    classifier: createClassifier(),
    ruleBook: new RuleBook({ store: new MemoryRules(), clock, ttlMs: 60_000 }),
    ledger: new MemoryLedger(),
    publisher: new RecordingPublisher(),
    clock,
    leaseSeconds: 60,
    clusterWindowDays: 7,
  };
  return { client, clock, deps };
}

describe('classifying a stored article in another language', () => {
  it('reads it with the profile of the language extraction stored', async () => {
    // Prepare
    const { deps } = setup();
    deps.archive.documents.set(DOCUMENT_KEY, {
      ...DOCUMENT,
      lang: 'ur',
      title: 'پاکستان اور امریکہ کے درمیان انسداد دہشت گردی مذاکرات بحال',
      text:
        'اسلام آباد: پاکستان اور امریکہ نے بدھ کو انسداد دہشت گردی مذاکرات بحال کرنے پر اتفاق کیا۔ ' +
        'دفتر خارجہ نے واشنگٹن سے آئے وفد سے بات چیت کے بعد بتایا کہ امریکی وفد کل واپس جائے گا۔',
    });

    // Act
    const classified = await classifyStoredArticle(DOCUMENT_KEY, deps);

    // Assess
    expect(classified.primaryPair).toBe('PK-US');
  });
});

describe('the reads of classifying a stored article', () => {
  /** The SimHash bucket reads and the queries of the article's partition among `sent`. */
  const readsOf = (sent: readonly unknown[]) => ({
    bucketReads: sent.filter((command) => command instanceof BatchGetCommand).length,
    partitionQueries: sent.filter(
      (command) =>
        command instanceof QueryCommand &&
        command.input.ExpressionAttributeValues?.[':pk'] === `ARTICLE#${DOCUMENT.id}`,
    ).length,
  });

  it("reads a new article's buckets once, with clustering, and does not query its partition; re-classifying does both", async () => {
    // Prepare
    const { client, clock, deps } = setup();

    // Act
    await classifyStoredArticle(DOCUMENT_KEY, deps);
    const sentForNew = client.sent.length;
    clock.advance(3600);
    await classifyStoredArticle(DOCUMENT_KEY, deps);

    // Assess
    expect(readsOf(client.sent.slice(0, sentForNew))).toEqual({ bucketReads: 1, partitionQueries: 0 });
    expect(readsOf(client.sent.slice(sentForNew))).toEqual({ bucketReads: 1, partitionQueries: 1 });
  });
});

describe('re-classifying a stored article', () => {
  it('writes nothing when the table returns the unchanged item with its attributes and nested maps reordered', async () => {
    // Prepare
    const { client, clock, deps } = setup();
    const first = await classifyStoredArticle(DOCUMENT_KEY, deps);
    const putsAfterFirst = client.puts.length;
    clock.advance(3600);

    // Act
    const again = await classifyStoredArticle(DOCUMENT_KEY, deps);

    // Assess
    expect(first.outcome).toBe('created');
    expect(first.primaryPair).toBe('PK-US');
    expect(again.outcome).toBe('unchanged');
    expect(client.puts).toHaveLength(putsAfterFirst);
    expect(await deps.catalog.getArticle('article-1')).toMatchObject({ revision: 1 });
  });

  it('still writes a new revision when a classification label changed', async () => {
    // Prepare
    const { client, deps } = setup();
    await classifyStoredArticle(DOCUMENT_KEY, deps);
    const [articleItem] = client.puts;
    if (articleItem === undefined) throw new Error('the first classification wrote no Article item');
    client.items.set(`${String(articleItem.pk)}|${String(articleItem.sk)}`, {
      ...articleItem,
      topics: [{ id: 'sports', score: 0.5 }],
    });

    // Act
    const again = await classifyStoredArticle(DOCUMENT_KEY, deps);

    // Assess
    expect(again.outcome).toBe('updated');
    expect(await deps.catalog.getArticle('article-1')).toMatchObject({ revision: 2 });
  });
});

describe('sameCatalogEntry', () => {
  it('ignores the order of keys at every depth, the write time and the revision', () => {
    // Prepare
    const written = anArticle();
    const readBack = {
      ...(reverseKeyOrder(written) as typeof written),
      classifiedAt: '2026-11-27T00:00:00.000Z',
      revision: 7,
    };

    // Act
    const same = sameCatalogEntry(written, readBack);

    // Assess
    expect(JSON.stringify(readBack.countryPairs)).not.toBe(JSON.stringify(written.countryPairs));
    expect(same).toBe(true);
  });

  it('treats a key holding undefined as absent, as a stored item has it', () => {
    // Prepare
    const stored = anArticle({ countryPairs: [{ pair: 'PK-US', score: 0.9 }] });
    const candidate = anArticle({ countryPairs: [{ pair: 'PK-US', score: 0.9, relation: undefined }] });

    // Act
    const same = sameCatalogEntry(stored, candidate);

    // Assess
    expect(same).toBe(true);
  });

  it('tells apart a changed nested value, a reordered list and an extra key', () => {
    // Prepare
    const base = anArticle();
    const relation = { type: 'material-conflict' as const, evidence: 'Troops clashed.' };
    const changedNested = anArticle({ countryPairs: [{ pair: 'PK-US', score: 0.9, relation }] });
    const reorderedList = anArticle({ topics: [...base.topics].reverse() });
    const extraKey = { ...anArticle(), note: 'extra' } as typeof base;

    // Act
    const verdicts = [changedNested, reorderedList, extraKey].map((other) => sameCatalogEntry(base, other));

    // Assess
    expect(verdicts).toEqual([false, false, false]);
  });
});

describe('an alert on a very long article', () => {
  it('keeps its first 100 highlights, so its message and item stay small', async () => {
    // Prepare: the phrase 2,000 times (about 270 KB of text)
    const { deps } = setup();
    const sentence = 'Officials said the counterterrorism dialogue would continue. ';
    deps.archive.documents.set(DOCUMENT_KEY, { ...DOCUMENT, text: sentence.repeat(2000) });
    deps.ruleBook = new RuleBook({
      store: new MemoryRules([
        { id: 'ct', name: 'ct', query: '"counterterrorism dialogue"', createdAt: '2026-11-26T00:00:00.000Z' },
      ]),
      clock: deps.clock,
      ttlMs: 60_000,
    });

    // Act
    const classified = await classifyStoredArticle(DOCUMENT_KEY, deps);

    // Assess
    expect(classified.alertsSent).toBe(1);
    const [notification] = deps.publisher.sent;
    expect(notification?.message.match.highlights).toHaveLength(100);
    expect(notification?.message.match.highlights.slice(0, 2)).toMatchObject([
      { field: 'title' },
      { field: 'text', start: 19 },
    ]);
    expect([...deps.ledger.alerts.values()][0]?.highlights).toHaveLength(100);
    expect(JSON.stringify(notification).length).toBeLessThan(64 * 1024);
  });
});
