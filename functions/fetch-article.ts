/**
 * fetch-article: consumes article jobs; fetches each page, extracts its text and archives both in S3.
 * The archived document's creation event starts classification.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { createNodeHttpClient } from '../adapters/http/node-http-client.ts';
import { S3ArticleArchive } from '../adapters/s3/article-archive.s3.ts';
import { ENV, QUEUES } from '../infra/resource-definitions.ts';
import { ingestArticle } from '../shared/pipeline/ingest-article.ts';
import { ArticleJobSchema } from '../shared/pipeline/jobs.ts';
import { systemClock } from '../shared/ports/clock.ts';
import { httpConfig, requiredEnv } from './commons/config.ts';
import { metrics } from './commons/observability.ts';
import { parseRecord, queueConsumer } from './commons/queue-consumer.ts';
import { s3 } from './commons/s3-client.ts';

const deps = {
  http: createNodeHttpClient(httpConfig()),
  archive: new S3ArticleArchive(s3, requiredEnv(ENV.bucketName)),
  clock: systemClock,
  limits: { maxPageBytes: 5 * 1024 * 1024, timeoutMs: 30_000 },
};

/**
 * Records of a batch fetched and extracted at once. Each holds its page and what extracting it
 * allocates: ten 5 MB pages (the limit) at once peaked at 449–543 MB of the function's 512, three at
 * once at 340–435 MB (docs/cost.md). The two or three articles of a typical batch still wait on
 * their sites together.
 */
const RECORDS_AT_ONCE = 3;

export const handler = queueConsumer(
  async (record, log) => {
    const job = parseRecord(ArticleJobSchema, record);
    const ingested = await ingestArticle(job, deps);
    metrics.addMetric('ArticlesArchived', MetricUnit.Count, 1);
    log.info('Article archived', { ...ingested, url: job.url });
  },
  { maxReceiveCount: QUEUES.articleJobs.maxReceiveCount, recordsAtOnce: RECORDS_AT_ONCE },
);
