/**
 * The real handlers on the in-process emulators, driven through the local runtime's queues: what
 * happens to poison messages, pages that are gone, and a job delivered twice.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ArticleArchive } from '../../adapters/s3/article-archive.s3.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/local-aws.ts';
import { LOCAL_NAMES, type LocalPipeline } from '../../local/local-pipeline.ts';
import { createReader } from '../../reader/wirewatch-reader.ts';
import { articleIdFor } from '../../shared/urls/canonical-url.ts';
import { captureOutput } from '../cli/capture-output.ts';
import {
  articleJobFor,
  CT_DIALOGUE_RULE,
  SAMPLE_SITE,
  type SamplePipeline,
  SEED_URL,
  startSamplePipeline,
} from '../support/sample-pipeline.ts';

let sample: SamplePipeline;
let pipeline: LocalPipeline;

beforeAll(async () => {
  sample = await startSamplePipeline();
  pipeline = sample.pipeline;
}, 30_000);

afterAll(async () => {
  await sample.stop();
});

const articleJob = (path: string) => articleJobFor(`${SAMPLE_SITE}${path}`);

describe('handlers on the emulators', () => {
  it('moves a message that fails validation to the dead-letter queue at once, with its reason', async () => {
    // Prepare
    pipeline.queue('articleJobs').send('{"url": "not a url"}');

    // Act
    await pipeline.drain();

    // Assess
    const [dead] = pipeline.deadLetterQueues.get('articleJobs')?.list() ?? [];
    expect(dead?.body).toBe('{"url": "not a url"}');
    expect(dead?.attributes.errorCode?.StringValue).toBe('invalid-message');
    expect(dead?.attributes.errorMessage?.StringValue).toMatch(/articleId|url/);
    expect(pipeline.queueStats().get('articleJobs')?.retried).toBe(0);
  });

  it('dead-letters an article whose page is gone, with the HTTP status as reason, and goes on with the next', async () => {
    // Prepare
    const before = pipeline.deadLetterQueues.get('articleJobs')?.size ?? 0;
    pipeline.queue('articleJobs').send(articleJob('/articles/no-such-story.html'));
    pipeline.queue('articleJobs').send(articleJob('/articles/eu-japan-trade-pact.html'));

    // Act
    await pipeline.drain();

    // Assess
    const dead = pipeline.deadLetterQueues.get('articleJobs')?.list().slice(before) ?? [];
    expect(dead.map((message) => message.attributes.errorCode?.StringValue)).toEqual(['http-404']);
    const stored = await createReader(pipeline.table).getArticleByUrl(
      `${SAMPLE_SITE}/articles/eu-japan-trade-pact.html`,
    );
    expect(stored?.documentKey).toMatch(/^articles\//);
  });

  it('stores an article delivered twice once, and alerts its subscriber once', async () => {
    // Prepare
    await pipeline.ruleStore.putRule(CT_DIALOGUE_RULE);
    await pipeline.sns.send(
      new SubscribeCommand({
        TopicArn: pipeline.topicArn,
        Protocol: 'email',
        Endpoint: 'analyst@example.com',
        Attributes: { FilterPolicy: JSON.stringify({ countryPairs: ['PK-US'] }) },
      }),
    );
    const job = articleJob('/articles/pakistan-us-bilateral-ties.html');
    pipeline.queue('articleJobs').send(job);
    pipeline.queue('articleJobs').send(job);

    // Act
    await pipeline.drain();

    // Assess
    const reader = createReader(pipeline.table);
    const article = await reader.getArticleByUrl(SEED_URL);
    expect(article?.revision).toBe(1);
    expect(await reader.alertsForArticle(article?.id as string)).toMatchObject([
      { ruleId: 'ct-dialogue', status: 'published' },
    ]);
    expect(pipeline.aws.sns.emails.map(({ to, subject }) => ({ to, subject }))).toEqual([
      {
        to: 'analyst@example.com',
        subject: '[wirewatch] Counterterrorism dialogue · PK-US · Bilateral ties',
      },
    ]);
  });

  it('classifies an article once, and counts it once, when its S3 notification arrives twice in one batch', async () => {
    // Prepare
    const s3 = new S3Client({
      endpoint: pipeline.aws.endpoints.s3,
      forcePathStyle: true,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    const url = `${SAMPLE_SITE}/articles/twice-notified.html`;
    const key = `articles/yyyy=2026/mm=11/dd=26/${articleIdFor(url)}.json`;
    await new S3ArticleArchive(s3, LOCAL_NAMES.bucket).putArticle(key, {
      schemaVersion: 1,
      id: articleIdFor(url),
      url,
      canonicalUrl: url,
      feedId: 'feed-test',
      feedUrl: `${SAMPLE_SITE}/feeds/world.rss`,
      source: 'samples.wirewatch.localhost',
      title: 'India and China hold border talks',
      byline: null,
      publishedAt: '2026-11-26T08:00:00.000Z',
      fetchedAt: '2026-11-26T08:05:00.000Z',
      lang: 'en',
      siteName: null,
      excerpt: null,
      text: 'NEW DELHI — India and China held a new round of border talks on Wednesday in New Delhi.',
      rawKey: 'raw/yyyy=2026/mm=11/dd=26/twice-notified.html.gz',
      contentHash: 'twice-notified',
      simhash: null,
    });
    s3.destroy();
    const classifyJobs = pipeline.queue('classifyJobs');
    const [notification] = classifyJobs.list();
    if (notification === undefined) throw new Error('the archive write sent no S3 notification');
    classifyJobs.send(notification.body);
    const before = { ...classifyJobs.stats };
    const classifiedBefore = pipeline.classifiedDocuments.size;

    // Act
    await pipeline.drain();

    // Assess
    expect(classifyJobs.stats.deliveries - before.deliveries).toBe(2);
    expect(classifyJobs.stats.retried - before.retried).toBe(0);
    expect(pipeline.classifiedDocuments.size - classifiedBefore).toBe(1);
    expect(await createReader(pipeline.table).getArticleByUrl(url)).toMatchObject({ revision: 1 });
  });

  it('prints nothing for a batch that added no metrics, such as an S3 test event', async () => {
    // Prepare
    pipeline.queue('classifyJobs').send(JSON.stringify({ Event: 's3:TestEvent', Records: [] }));
    const output = captureOutput();

    // Act
    try {
      await pipeline.drain();
    } finally {
      output.restore();
    }

    // Assess
    expect(output.stdout()).toBe('');
    expect(output.stderr()).toBe('');
  });
});
