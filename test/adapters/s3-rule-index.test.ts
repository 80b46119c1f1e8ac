/** The precompiled rules on S3 (s3rver): saved whole, loaded as saved, and none before the first save. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3RuleIndexStore } from '../../adapters/s3/rule-index.s3.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION, type LocalAws, startLocalAws } from '../../local/local-aws.ts';
import { loadRuleSet, precompileRuleSet } from '../../shared/rules/rule-set.ts';

const BUCKET = 'rule-index-test';
let aws: LocalAws;
let outboxDir: string;
let s3: S3Client;

beforeAll(async () => {
  outboxDir = await mkdtemp(join(tmpdir(), 'wirewatch-rule-index-'));
  aws = await startLocalAws({ stateDir: null, outboxDir, bucketName: BUCKET });
  s3 = new S3Client({
    endpoint: aws.endpoints.s3,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });
});
afterAll(async () => {
  s3.destroy();
  await aws.close();
  await rm(outboxDir, { recursive: true, force: true });
});

describe('precompiled rules on S3', () => {
  it('has none before the first save, then loads what was saved last', async () => {
    // Prepare
    const store = new S3RuleIndexStore(s3, BUCKET);
    const rule = {
      id: 'ct',
      name: 'CT',
      query: '"counterterrorism dialogue"',
      createdAt: '2026-11-27T08:00:00.000Z',
    };
    const first = { version: 1, ruleSet: precompileRuleSet([rule]), invalid: [] };
    const second = {
      version: 2,
      ruleSet: precompileRuleSet([rule, { ...rule, id: 'iran', query: 'iran' }]),
      invalid: [],
    };

    // Act
    const before = await store.load();
    await store.save(first);
    await store.save(second);
    const loaded = await store.load();

    // Assess
    expect(before).toBeNull();
    expect(loaded).toEqual(second);
    const matches = loadRuleSet(loaded?.ruleSet ?? first.ruleSet).match({ title: 'Iran', text: '' });
    expect(matches.map(({ ruleId }) => ruleId)).toEqual(['iran']);
  });
});
