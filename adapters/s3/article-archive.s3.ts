/** ArticleArchive on S3: raw pages gzip-compressed with their response metadata, documents as JSON. */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { GetObjectCommand, ListObjectsCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ArticleDocument } from '../../shared/articles/article-document.ts';
import type { ArticleArchive, RawPage } from '../../shared/ports/article-archive.ts';

const gzipAsync = promisify(gzip);

/** S3 user metadata must be US-ASCII: URLs with other characters are percent-encoded. */
const asciiOnly = (value: string) => value.replace(/[^\x20-\x7e]/g, (c) => encodeURIComponent(c));

export class S3ArticleArchive implements ArticleArchive {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async putRawPage(page: RawPage): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: page.key,
        Body: await gzipAsync(page.html),
        ContentType: page.contentType ?? 'text/html',
        ContentEncoding: 'gzip',
        Metadata: {
          status: String(page.status),
          'final-url': asciiOnly(page.finalUrl),
          'fetched-at': page.fetchedAt,
          'content-type': asciiOnly(page.contentType ?? ''),
        },
      }),
    );
  }

  async putArticle(key: string, document: ArticleDocument): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: JSON.stringify(document),
        ContentType: 'application/json; charset=utf-8',
        Metadata: { 'article-id': document.id, 'schema-version': String(document.schemaVersion) },
      }),
    );
  }

  async getArticle(key: string): Promise<ArticleDocument> {
    const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    if (object.Body === undefined) throw new Error(`s3://${this.bucket}/${key} has no body`);
    return JSON.parse(await object.Body.transformToString('utf-8')) as ArticleDocument;
  }

  /**
   * Pages with ListObjects (V1) markers, each page starting after the last key of the one before: S3
   * lists keys in UTF-8 binary order, so this pages exactly as continuation tokens do. Tokens are what
   * s3rver (the local emulator) cannot make without OpenSSL's legacy provider: it encrypts them with
   * DES, which Node refuses unless started with --openssl-legacy-provider, so any listing past 1,000
   * keys failed locally without that flag.
   */
  async *listArticleKeys(prefix: string, startAfter?: string): AsyncIterable<string> {
    let marker = startAfter;
    for (;;) {
      const page = await this.s3.send(
        new ListObjectsCommand({
          Bucket: this.bucket,
          Prefix: prefix,
          ...(marker === undefined ? {} : { Marker: marker }),
        }),
      );
      let lastKey: string | undefined;
      for (const object of page.Contents ?? []) {
        if (object.Key === undefined) continue;
        lastKey = object.Key;
        yield object.Key;
      }
      if (page.IsTruncated !== true || lastKey === undefined) return;
      marker = lastKey;
    }
  }
}
