/** The precompiled rules on S3 (s3rver or moto): saved whole, loaded as saved, and none before the first save. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3RuleIndexStore } from '../../adapters/s3/rule-index.s3.ts';
import { loadRuleSet, precompileRuleSet } from '../../shared/rules/rule-set.ts';
import { startTestBucket, type TestBucket } from '../support/test-backend.ts';

let archive: TestBucket;
beforeAll(async () => {
  archive = await startTestBucket();
});
afterAll(async () => {
  await archive.close();
});

describe('precompiled rules on S3', () => {
  it('has none before the first save, then loads what was saved last', async () => {
    // Prepare
    const store = new S3RuleIndexStore(archive.s3, archive.bucket);
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
