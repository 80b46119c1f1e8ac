/** The S3 article archive on the test backend (test-backend.ts): documents, raw pages, listing for replay. */
import { gunzipSync } from 'node:zlib';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ArticleArchive } from '../../adapters/s3/article-archive.s3.ts';
import {
  ARTICLE_DOCUMENT_SCHEMA_VERSION,
  type ArticleDocument,
} from '../../shared/articles/article-document.ts';
import { startTestBucket, type TestBucket } from '../support/test-backend.ts';

let bucket: TestBucket;
let archive: S3ArticleArchive;
beforeAll(async () => {
  bucket = await startTestBucket();
  archive = new S3ArticleArchive(bucket.s3, bucket.bucket);
});
afterAll(async () => {
  await bucket.close();
});

const aDocument = (id: string, overrides: Partial<ArticleDocument> = {}): ArticleDocument => ({
  schemaVersion: ARTICLE_DOCUMENT_SCHEMA_VERSION,
  id,
  url: `https://news.example/${id}`,
  canonicalUrl: `https://news.example/${id}`,
  feedId: 'feed-1',
  feedUrl: 'https://news.example/feed.rss',
  source: 'news.example',
  title: 'Pakistan and US agree to deepen ties',
  byline: null,
  publishedAt: '2026-11-26T09:00:00.000Z',
  fetchedAt: '2026-11-26T09:05:00.000Z',
  lang: 'en',
  siteName: null,
  excerpt: null,
  text: 'Islamabad and Washington agreed to resume the counterterrorism dialogue.',
  rawKey: `raw/yyyy=2026/mm=11/dd=26/${id}.html.gz`,
  contentHash: 'hash-1',
  simhash: null,
  ...overrides,
});

describe('the S3 article archive', () => {
  it('reads back a document as it was written, non-ASCII text included', async () => {
    // Prepare
    const document = aDocument('article-1', { title: 'Pakistan–US ties: “a new chapter” · 巴美关系' });
    const key = 'articles/yyyy=2026/mm=11/dd=26/article-1.json';

    // Act
    await archive.putArticle(key, document);
    const read = await archive.getArticle(key);

    // Assess
    expect(read).toEqual(document);
  });

  it('stores a raw page gzip-compressed, with its response metadata in ASCII', async () => {
    // Prepare
    const key = 'raw/yyyy=2026/mm=11/dd=26/article-2.html.gz';
    const html = '<html><body><p>Ties deepen.</p></body></html>';

    // Act
    await archive.putRawPage({
      key,
      html: new TextEncoder().encode(html),
      status: 200,
      contentType: 'text/html; charset=utf-8',
      finalUrl: 'https://news.example/ünicode-story',
      fetchedAt: '2026-11-26T09:05:00.000Z',
    });
    const object = await bucket.s3.send(new GetObjectCommand({ Bucket: bucket.bucket, Key: key }));

    // Assess
    const body = Buffer.from(
      await (object.Body?.transformToByteArray() ?? Promise.resolve(new Uint8Array())),
    );
    expect(gunzipSync(body).toString('utf8')).toBe(html);
    expect(object.ContentEncoding).toBe('gzip');
    expect(object.Metadata).toMatchObject({
      status: '200',
      'final-url': 'https://news.example/%C3%BCnicode-story',
      'fetched-at': '2026-11-26T09:05:00.000Z',
    });
  });

  it('lists the documents under a prefix in key order, from after a given key', async () => {
    // Prepare
    const day = 'articles/yyyy=2026/mm=11/dd=27/';
    for (const id of ['c', 'a', 'b']) await archive.putArticle(`${day}${id}.json`, aDocument(id));
    await archive.putArticle('articles/yyyy=2026/mm=11/dd=28/d.json', aDocument('d'));

    // Act
    const listed: string[] = [];
    for await (const key of archive.listArticleKeys(day)) listed.push(key);
    const resumed: string[] = [];
    for await (const key of archive.listArticleKeys(day, `${day}a.json`)) resumed.push(key);

    // Assess
    expect(listed).toEqual([`${day}a.json`, `${day}b.json`, `${day}c.json`]);
    expect(resumed).toEqual([`${day}b.json`, `${day}c.json`]);
  });
});
