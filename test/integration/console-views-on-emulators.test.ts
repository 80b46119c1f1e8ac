/**
 * The console's read-only views through the console-api router, on what the real pipeline stored in
 * the emulators: the sample articles fetched, classified and alerted on, then read back as the
 * console reads them (the typed reader, the S3 archive, the rule store). Every answer validates
 * against docs/api/console.openapi.yaml.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbArticleCatalog } from '../../adapters/dynamodb/article-catalog.dynamodb.ts';
import { DynamoDbSubscriptionStore } from '../../adapters/dynamodb/subscription-store.dynamodb.ts';
import { DynamoDbTrendRollups } from '../../adapters/dynamodb/trend-rollups.dynamodb.ts';
import { S3ArchiveShards } from '../../adapters/s3/archive-shards.s3.ts';
import { S3ArticleArchive } from '../../adapters/s3/article-archive.s3.ts';
import { SnsEmailSubscriptions } from '../../adapters/sns/email-subscriptions.sns.ts';
import type { ConsoleDeps } from '../../functions/console-api/console-deps.ts';
import { routeConsoleRequest } from '../../functions/console-api/router.ts';
import { CONSOLE_ROUTES } from '../../functions/console-api/routes.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/local-aws.ts';
import { LOCAL_NAMES } from '../../local/local-pipeline.ts';
import { createReader } from '../../reader/wirewatch-reader.ts';
import { createClassifier } from '../../shared/classification/classifier.ts';
import { listArticles } from '../../shared/console/article-listing.ts';
import { resolvePeriod } from '../../shared/console/period.ts';
import { articleIdFor } from '../../shared/urls/canonical-url.ts';
import { consoleResponseValidator } from '../support/console-openapi.ts';
import { ANALYST_CLAIMS, consoleEvent } from '../support/console-requests.ts';
import { FixedClock } from '../support/in-memory-ports.ts';
import {
  articleJobFor,
  CT_DIALOGUE_RULE,
  SAMPLE_SITE,
  type SamplePipeline,
  SEED_URL,
  startSamplePipeline,
} from '../support/sample-pipeline.ts';

const STORIES = [
  'pakistan-us-bilateral-ties',
  'india-china-border-talks',
  'us-mexico-migration-talks',
  'japan-south-korea-summit',
  'saudi-iran-consular-talks',
  'egypt-ethiopia-nile-talks',
];
const SEED_ID = articleIdFor(SEED_URL);

let sample: SamplePipeline;
let deps: ConsoleDeps;
let seedDay: string;
const validate = consoleResponseValidator();

beforeAll(async () => {
  sample = await startSamplePipeline();
  const { pipeline } = sample;
  await pipeline.ruleStore.putRule(CT_DIALOGUE_RULE);
  for (const story of STORIES)
    pipeline.queue('articleJobs').send(articleJobFor(`${SAMPLE_SITE}/articles/${story}.html`));
  await pipeline.drain();
  const reader = createReader(pipeline.table);
  seedDay = (await reader.getArticle(SEED_ID))?.sortAt.slice(0, 10) ?? '';
  const s3 = new S3Client({
    endpoint: pipeline.aws.endpoints.s3,
    forcePathStyle: true,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  deps = {
    clock: new FixedClock(new Date(`${seedDay}T12:00:00Z`)),
    listings: reader,
    trendRollups: new DynamoDbTrendRollups(pipeline.table),
    archive: new S3ArticleArchive(s3, LOCAL_NAMES.bucket),
    shards: new S3ArchiveShards(s3, LOCAL_NAMES.bucket),
    catalog: new DynamoDbArticleCatalog(pipeline.table),
    rules: pipeline.ruleStore,
    classifier: createClassifier,
    alertSubscriptions: new SnsEmailSubscriptions(pipeline.sns, pipeline.topicArn),
    digestRecipients: new SnsEmailSubscriptions(pipeline.sns, pipeline.digestTopicArn),
    subscriptions: new DynamoDbSubscriptionStore(pipeline.table),
    feeds: pipeline.feedStore,
    deadLetters: { depths: async () => [] },
  };
  // The analyst subscribes to PK-US as the console does: a filter policy on their alert subscription.
  await deps.alertSubscriptions.put(ANALYST_CLAIMS.email, { countryPairs: ['PK-US'] });
}, 60_000);

afterAll(async () => {
  await sample.stop();
});

async function get(path: string, template = path.split('?')[0] ?? path) {
  const response = await routeConsoleRequest(consoleEvent({ method: 'GET', path }), CONSOLE_ROUTES, deps);
  const body = JSON.parse(response.body ?? 'null');
  expect(validate('GET', template, response.statusCode ?? 0, body)).toEqual([]);
  expect(response.statusCode).toBe(200);
  return body;
}

describe('console views on the emulators', () => {
  it('shows the seed’s alert in the inbox of a PK-US subscriber, with the rule’s terms in the snippet', async () => {
    // Act
    const inbox = await get('/alerts');

    // Assess
    expect(inbox.alerts).toHaveLength(1);
    const [alert] = inbox.alerts;
    expect(alert).toMatchObject({ articleId: SEED_ID, ruleId: 'ct-dialogue', pairs: ['PK-US'] });
    const [first] = alert.highlights;
    expect(alert.snippet.slice(first.start, first.end)).toBe('counterterrorism dialogue');
  });

  it('opens the seed with evidence for its pair and the rule’s terms highlighted in its text', async () => {
    // Act
    const article = await get(`/articles/${SEED_ID}`, '/articles/{articleId}');

    // Assess
    const pkUs = article.pairs.find(({ pair }: { pair: string }) => pair === 'PK-US');
    expect(pkUs.evidence.length).toBeGreaterThan(0);
    const [rule] = article.rules;
    expect(rule.ruleId).toBe('ct-dialogue');
    for (const { field, start, end } of rule.highlights) {
      expect((field === 'title' ? article.title : article.text).slice(start, end)).toBe(
        'counterterrorism dialogue',
      );
    }
  });

  it('counts the stories in the heat map, and a cell leads to its articles', async () => {
    // Act
    const heatmap = await get(`/trends/heatmap?since=${seedDay}&until=${seedDay}`);
    const [cell] = heatmap.cells;
    const articles = await get(
      `/articles?pair=${cell.pair}&topic=${cell.topic}&since=${seedDay}&until=${seedDay}`,
    );

    // Assess
    expect(heatmap.pairs).toContain('PK-US');
    expect(articles.articles).toHaveLength(cell.count);
  });

  it('counts one article a day on the PK-US timeline, and its point leads to it', async () => {
    // Act
    const timeline = await get(`/trends/timeline?pair=PK-US&since=${seedDay}&until=${seedDay}`);
    const articles = await get(`/articles?pair=PK-US&date=${seedDay}`);

    // Assess
    expect(timeline.days).toEqual([{ date: seedDay, count: 1 }]);
    expect(articles.articles.map(({ articleId }: { articleId: string }) => articleId)).toEqual([SEED_ID]);
  });

  it('pages a pair’s articles one at a time through the reader, each once, resuming at its cursor', async () => {
    // Prepare
    const period = resolvePeriod({ until: seedDay }, new Date(`${seedDay}T12:00:00Z`), 31);
    const everyOne = await listArticles({ topic: 'diplomacy', period, limit: 50 }, deps.listings);
    const seen: string[] = [];
    let cursor: string | undefined;

    // Act
    do {
      const page = await listArticles({ topic: 'diplomacy', period, limit: 1, cursor }, deps.listings);
      seen.push(...page.articles.map(({ articleId }) => articleId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined && seen.length <= everyOne.articles.length);

    // Assess
    expect(everyOne.articles.length).toBeGreaterThan(1);
    expect(seen).toEqual(everyOne.articles.map(({ articleId }) => articleId));
  });
});
