/**
 * ArchiveShards on S3: one gzip-compressed JSON object per day (`articles/…/dd=27.shard.json.gz`),
 * with `sealed` also in its metadata so the job can tell a finished day from a HEAD request.
 */
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { articleDayShardKey } from '../../shared/articles/storage-keys.ts';
import type { ArchiveShards, DayShard, DayShardState } from '../../shared/ports/archive-shards.ts';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

const isMissing = (error: unknown) =>
  error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound');

export class S3ArchiveShards implements ArchiveShards {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async getDayShard(day: string): Promise<DayShard | null> {
    try {
      const object = await this.s3.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: articleDayShardKey(day) }),
      );
      if (object.Body === undefined) return null;
      const body = await gunzipAsync(await object.Body.transformToByteArray());
      return JSON.parse(body.toString('utf-8')) as DayShard;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async dayShardState(day: string): Promise<DayShardState> {
    try {
      const head = await this.s3.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: articleDayShardKey(day) }),
      );
      return head.Metadata?.sealed === 'true' ? 'sealed' : 'open';
    } catch (error) {
      if (isMissing(error)) return 'none';
      throw error;
    }
  }

  async putDayShard(day: string, shard: DayShard): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: articleDayShardKey(day),
        // Stored compressed, not served with Content-Encoding: the reader gunzips it itself.
        Body: await gzipAsync(JSON.stringify(shard)),
        ContentType: 'application/gzip',
        Metadata: { sealed: String(shard.sealed) },
      }),
    );
  }
}
