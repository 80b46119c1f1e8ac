/** ArticleArchive on S3: raw pages gzip-compressed with their response metadata, documents as JSON. */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
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

  async *listArticleKeys(prefix: string, startAfter?: string): AsyncIterable<string> {
    let continuationToken: string | undefined;
    do {
      const page = await this.s3.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix,
          StartAfter: continuationToken === undefined ? startAfter : undefined,
          ContinuationToken: continuationToken,
        }),
      );
      for (const object of page.Contents ?? []) if (object.Key !== undefined) yield object.Key;
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken !== undefined);
  }
}
