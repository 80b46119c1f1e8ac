/**
 * The documented local query, run with the real AWS CLI (`aws` on the PATH, v1 or v2) against a
 * table the pipeline's adapters wrote on the test backend (test-backend.ts): what
 * docs/data-contract.md tells readers to type works as written. Skipped where awscli is not installed.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbArticleCatalog } from '../../adapters/dynamodb/article-catalog.dynamodb.ts';
import { anArticle } from '../support/builders.ts';
import { startTestTable, type TestTable } from '../support/test-backend.ts';

const AWS_CLI = 'aws';
const awsCliInstalled = spawnSync(AWS_CLI, ['--version'], { stdio: 'ignore' }).status === 0;
const run = promisify(execFile);

let table: TestTable;

beforeAll(async () => {
  table = await startTestTable();
  await new DynamoDbArticleCatalog(table).saveArticle(
    anArticle({ id: 'seed', title: 'Bilateral ties' }),
    null,
  );
});

afterAll(async () => {
  await table.close();
});

describe.skipIf(!awsCliInstalled)('the AWS CLI on the local table', () => {
  it('lists the articles of a pair with the query the data contract documents', async () => {
    // Act
    const { stdout } = await run(
      AWS_CLI,
      [
        'dynamodb',
        'query',
        '--region',
        'us-east-1',
        '--endpoint-url',
        table.endpoint,
        '--table-name',
        table.tableName,
        '--index-name',
        'gsi1',
        '--key-condition-expression',
        'gsi1pk = :p',
        '--expression-attribute-values',
        '{":p":{"S":"PAIR#PK-US"}}',
        '--output',
        'json',
      ],
      {
        env: { ...process.env, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', AWS_PAGER: '' },
        timeout: 30_000,
      },
    );

    // Assess
    const { Items } = JSON.parse(stdout) as { Items: Record<string, { S?: string }>[] };
    expect(Items.map((item) => item.title?.S)).toEqual(['Bilateral ties']);
    expect(Items[0]?.documentKey?.S).toMatch(/^articles\//);
  });
});
