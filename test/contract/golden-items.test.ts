/**
 * The downstream contract, checked on what the real pipeline writes: the Article item, the Alert item
 * and the SNS alert message validate against their JSON Schemas (schemas/), and every field of the
 * golden examples (test/contract/golden/) is still there with the same JSON type. Adding a field is
 * fine; removing or retyping one fails here, which is the point.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { SubscribeCommand } from '@aws-sdk/client-sns';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { SNSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../shared/alerts/alert-record.ts';
import type { ArticleRecord } from '../../shared/articles/article-record.ts';
import { articleIdFor } from '../../shared/urls/canonical-url.ts';
import { anAlert, anArticle } from '../support/builders.ts';
import {
  articleJobFor,
  CT_DIALOGUE_RULE,
  type SamplePipeline,
  SEED_URL,
  startSamplePipeline,
} from '../support/sample-pipeline.ts';

// ajv ships CommonJS; createRequire keeps its classes typed without esModuleInterop games.
const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js').default as typeof import('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats').default as typeof import('ajv-formats').default;

const ROOT = join(import.meta.dirname, '../..');
const readJson = async (path: string) =>
  JSON.parse(await readFile(join(ROOT, path), 'utf8')) as Record<string, unknown>;

let sample: SamplePipeline;
let articleItem: Record<string, unknown>;
let alertItem: Record<string, unknown>;
let alertMessage: Record<string, unknown>;
let validate: (schema: string, value: unknown) => string[];

beforeAll(async () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  for (const name of ['alert-message', 'article-item', 'alert-item']) {
    ajv.addSchema(await readJson(`schemas/${name}.schema.json`), name);
  }
  validate = (schema, value) => {
    const check = ajv.getSchema(schema);
    if (check === undefined) throw new Error(`no schema ${schema}`);
    return check(value) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };

  sample = await startSamplePipeline();
  const { pipeline } = sample;
  const messages: string[] = [];
  const functionArn = 'arn:aws:lambda:us-east-1:000000000000:function:downstream-consumer';
  pipeline.aws.sns.registerFunction(functionArn, async (event: SNSEvent) => {
    for (const record of event.Records) messages.push(record.Sns.Message);
  });
  await pipeline.sns.send(
    new SubscribeCommand({ TopicArn: pipeline.topicArn, Protocol: 'lambda', Endpoint: functionArn }),
  );
  await pipeline.ruleStore.putRule(CT_DIALOGUE_RULE);
  const id = articleIdFor(SEED_URL);
  pipeline.queue('articleJobs').send(articleJobFor(SEED_URL));
  await pipeline.drain();
  const get = async (sk: string) =>
    (
      await pipeline.table.client.send(
        new GetCommand({ TableName: pipeline.table.tableName, Key: { pk: `ARTICLE#${id}`, sk } }),
      )
    ).Item as Record<string, unknown>;
  articleItem = await get('ARTICLE');
  alertItem = await get('ALERT#ct-dialogue');
  alertMessage = JSON.parse(messages[0] ?? '{}') as Record<string, unknown>;
}, 30_000);

afterAll(async () => {
  await sample.stop();
});

/** Every field of `golden` is in `actual` with the same JSON type, recursively (arrays by their first element). */
function missingOrRetyped(golden: unknown, actual: unknown, path = ''): string[] {
  const kind = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
  if (kind(golden) !== kind(actual)) {
    // A nullable field may be null in one and set in the other; the schema decides whether that is allowed.
    return kind(golden) === 'null' || kind(actual) === 'null'
      ? []
      : [`${path || '(root)'}: ${kind(golden)} became ${kind(actual)}`];
  }
  if (Array.isArray(golden) && Array.isArray(actual)) {
    return golden.length > 0 && actual.length > 0 ? missingOrRetyped(golden[0], actual[0], `${path}[0]`) : [];
  }
  if (kind(golden) !== 'object') return [];
  const goldenObject = golden as Record<string, unknown>;
  const actualObject = actual as Record<string, unknown>;
  return Object.keys(goldenObject).flatMap((key) =>
    key in actualObject
      ? missingOrRetyped(goldenObject[key], actualObject[key], `${path}.${key}`)
      : [`${path}.${key}: missing`],
  );
}

describe('the data contract on what the pipeline writes', () => {
  it('writes an Article item that matches its schema and keeps every golden field', async () => {
    // Act
    const golden = await readJson('test/contract/golden/article-item.json');

    // Assess
    expect(validate('article-item', articleItem)).toEqual([]);
    expect(missingOrRetyped(golden, articleItem)).toEqual([]);
  });

  it('writes an Alert item that matches its schema and keeps every golden field', async () => {
    // Act
    const golden = await readJson('test/contract/golden/alert-item.json');

    // Assess
    expect(alertItem).toMatchObject({ status: 'published', ruleId: 'ct-dialogue' });
    expect(validate('alert-item', alertItem)).toEqual([]);
    expect(missingOrRetyped(golden, alertItem)).toEqual([]);
  });

  it('publishes the alert message machines read, matching its schema', async () => {
    // Act
    const golden = await readJson('test/contract/golden/alert-message.json');

    // Assess
    expect(alertMessage).toMatchObject({
      schemaVersion: 1,
      schemaMinorVersion: 1,
      type: 'wirewatch.alert',
      rule: { id: 'ct-dialogue' },
    });
    expect(validate('alert-message', alertMessage)).toEqual([]);
    expect(missingOrRetyped(golden, alertMessage)).toEqual([]);
  });

  it('writes schema 1.1: the seed pair with its relation, in the item and the message', () => {
    // Prepare
    const pairRelation = {
      type: 'verbal-cooperation',
      evidence: expect.stringMatching(/Pakistan|Islamabad/),
    };

    // Assess
    expect(articleItem).toMatchObject({
      schemaMinorVersion: 1,
      countryPairs: [{ pair: 'PK-US', relation: pairRelation }],
    });
    expect(alertMessage).toMatchObject({ article: { relations: [{ pair: 'PK-US', ...pairRelation }] } });
  });

  it('still validates items and messages written before schema 1.1, so their readers are unaffected', () => {
    // Prepare: drop what 1.1 added.
    const withoutRelations = (pairs: unknown) =>
      (pairs as Record<string, unknown>[]).map(({ relation: _relation, ...pair }) => pair);
    const { schemaMinorVersion: _itemMinor, ...olderItem } = articleItem;
    olderItem.countryPairs = withoutRelations(articleItem.countryPairs);
    const { schemaMinorVersion: _messageMinor, ...olderMessage } = alertMessage;
    const { relations: _relations, ...olderArticle } = alertMessage.article as Record<string, unknown>;
    olderMessage.article = olderArticle;

    // Assess
    expect(validate('article-item', olderItem)).toEqual([]);
    expect(validate('alert-message', olderMessage)).toEqual([]);
  });

  it('lists in each schema exactly the fields of the TypeScript records, so types and schemas agree', async () => {
    // Prepare
    const storage = ['pk', 'sk', 'type', 'schemaVersion'];
    const articleSchema = await readJson('schemas/article-item.schema.json');
    const alertSchema = await readJson('schemas/alert-item.schema.json');

    // Assess: builders produce every field the record types declare.
    const articleFields: (keyof ArticleRecord)[] = Object.keys(anArticle()) as (keyof ArticleRecord)[];
    const alertFields: (keyof AlertRecord)[] = Object.keys(anAlert()) as (keyof AlertRecord)[];
    expect(new Set(articleSchema.required as string[])).toEqual(new Set([...storage, ...articleFields]));
    expect(new Set(alertSchema.required as string[])).toEqual(
      new Set([...storage, 'gsi1pk', 'gsi1sk', ...alertFields]),
    );
  });
});
