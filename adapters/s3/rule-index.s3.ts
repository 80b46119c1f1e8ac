/** RuleIndexStore on S3: one gzip-compressed JSON object, replaced whole (a PUT is atomic). */
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { RULE_INDEX_KEY } from '../../shared/articles/storage-keys.ts';
import type { RuleIndex, RuleIndexStore } from '../../shared/ports/rule-index-store.ts';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export class S3RuleIndexStore implements RuleIndexStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly key: string = RULE_INDEX_KEY,
  ) {}

  async load(): Promise<RuleIndex | null> {
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key }));
      if (object.Body === undefined) throw new Error(`s3://${this.bucket}/${this.key} has no body`);
      const compressed = await object.Body.transformToByteArray();
      return JSON.parse((await gunzipAsync(compressed)).toString('utf8')) as RuleIndex;
    } catch (error) {
      // By name: the SDK gives the NoSuchKey class only when the error's code is in the response body.
      if ((error as { name?: string }).name === 'NoSuchKey') return null;
      throw error;
    }
  }

  async save(index: RuleIndex): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.key,
        Body: await gzipAsync(JSON.stringify(index)),
        ContentType: 'application/json',
        Metadata: { 'rules-version': String(index.version), format: index.ruleSet.format },
      }),
    );
  }
}
