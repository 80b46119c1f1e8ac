/** The archive's day shards on the test backend: beside the day's documents, never listed with them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ArchiveShards } from '../../adapters/s3/archive-shards.s3.ts';
import { S3ArticleArchive } from '../../adapters/s3/article-archive.s3.ts';
import {
  ARTICLE_DOCUMENT_SCHEMA_VERSION,
  type ArticleDocument,
} from '../../shared/articles/article-document.ts';
import {
  articleDayPrefix,
  articleDayShardKey,
  articleDocumentKey,
} from '../../shared/articles/storage-keys.ts';
import { startTestBucket, type TestBucket } from '../support/test-backend.ts';

let bucket: TestBucket;
beforeAll(async () => {
  bucket = await startTestBucket();
});
afterAll(async () => {
  await bucket.close();
});

const document: ArticleDocument = {
  schemaVersion: ARTICLE_DOCUMENT_SCHEMA_VERSION,
  id: 'shard-1',
  url: 'https://news.example/shard-1',
  canonicalUrl: 'https://news.example/shard-1',
  feedId: 'feed-1',
  feedUrl: 'https://news.example/feed.rss',
  source: 'news.example',
  title: 'كراچی میں مذاکرات',
  byline: null,
  publishedAt: '2026-11-26T09:00:00.000Z',
  fetchedAt: '2026-11-26T09:05:00.000Z',
  lang: 'ur',
  siteName: null,
  excerpt: null,
  text: 'Islamabad and Washington agreed to resume the counterterrorism dialogue.',
  rawKey: 'raw/yyyy=2026/mm=11/dd=26/shard-1.html.gz',
  contentHash: 'hash-1',
  simhash: null,
};

describe('archive day shards on S3', () => {
  it('writes a day’s shard beside its prefix, reads it back whole, and tells open from sealed by its metadata', async () => {
    // Prepare
    const archive = new S3ArticleArchive(bucket.s3, bucket.bucket);
    const shards = new S3ArchiveShards(bucket.s3, bucket.bucket);
    const key = articleDocumentKey(document.id, document.fetchedAt);
    await archive.putArticle(key, document);
    const stateBefore = await shards.dayShardState('2026-11-26');

    // Act
    await shards.putDayShard('2026-11-26', { sealed: false, documents: [{ key, document }] });
    const open = await shards.dayShardState('2026-11-26');
    await shards.putDayShard('2026-11-26', { sealed: true, documents: [{ key, document }] });
    const listed: string[] = [];
    for await (const listedKey of archive.listArticleKeys(articleDayPrefix('2026-11-26')))
      listed.push(listedKey);

    // Assess
    expect(stateBefore).toBe('none');
    expect(open).toBe('open');
    expect(await shards.dayShardState('2026-11-26')).toBe('sealed');
    expect(await shards.getDayShard('2026-11-26')).toEqual({ sealed: true, documents: [{ key, document }] });
    expect(await shards.getDayShard('2026-11-25')).toBeNull();
    expect(articleDayShardKey('2026-11-26')).toBe('articles/yyyy=2026/mm=11/dd=26.shard.json.gz');
    expect(listed).toEqual([key]);
  });
});
