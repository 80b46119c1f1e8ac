/**
 * Listing the archive on s3rver past one page (1,000 keys), in a process started without
 * --openssl-legacy-provider: the listing must not depend on s3rver's DES-encrypted continuation tokens.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ArticleArchive } from '../../adapters/s3/article-archive.s3.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/local-aws.ts';

const BUCKET = 'wirewatch-listing-test';
const KEY_COUNT = 1_005;
const keyOf = (index: number) =>
  `articles/yyyy=2026/mm=11/dd=26/article-${String(index).padStart(4, '0')}.json`;

let directory: string;
let server: S3rver;
let s3: S3Client;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'wirewatch-listing-'));
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await server.run();
  s3 = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  const keys = Array.from({ length: KEY_COUNT }, (_, index) => keyOf(index));
  for (let at = 0; at < keys.length; at += 50) {
    await Promise.all(
      keys
        .slice(at, at + 50)
        .map((Key) => s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: '{}' }))),
    );
  }
}, 120_000);

afterAll(async () => {
  s3.destroy();
  await server.close();
  await rm(directory, { recursive: true, force: true });
});

describe('listing archived documents', () => {
  it('pages past 1,000 keys in order, from the start or after a given key', async () => {
    // Prepare
    const archive = new S3ArticleArchive(s3, BUCKET);
    expect(process.execArgv).not.toContain('--openssl-legacy-provider');

    // Act
    const all: string[] = [];
    for await (const key of archive.listArticleKeys('articles/')) all.push(key);
    const rest: string[] = [];
    for await (const key of archive.listArticleKeys('articles/', keyOf(994))) rest.push(key);

    // Assess
    expect(all).toHaveLength(KEY_COUNT);
    expect(all).toEqual([...all].sort());
    expect(all.at(-1)).toBe(keyOf(KEY_COUNT - 1));
    expect(rest).toEqual(all.slice(995));
  });
});
