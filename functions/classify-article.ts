/**
 * classify-article: consumes S3 ObjectCreated notifications for archived article documents (via SQS);
 * classifies each article, catalogues it in the table, and delivers each rule match exactly once.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import * as z from 'zod/mini';
import { DynamoDbAlertLedger } from '../adapters/dynamodb/alert-ledger.dynamodb.ts';
import { DynamoDbArticleCatalog } from '../adapters/dynamodb/article-catalog.dynamodb.ts';
import { DynamoDbRuleStore } from '../adapters/dynamodb/rule-store.dynamodb.ts';
import { S3ArticleArchive } from '../adapters/s3/article-archive.s3.ts';
import { S3RuleIndexStore } from '../adapters/s3/rule-index.s3.ts';
import { SnsAlertPublisher } from '../adapters/sns/alert-publisher.sns.ts';
import { BUCKET, ENV, QUEUES } from '../infra/resource-definitions.ts';
import { createClassifier } from '../shared/classification/classifier.ts';
import { classifyStoredArticle } from '../shared/pipeline/classify-stored-article.ts';
import { PermanentJobError } from '../shared/pipeline/jobs.ts';
import { RuleBook } from '../shared/pipeline/rule-book.ts';
import { systemClock } from '../shared/ports/clock.ts';
import {
  bandItemsBeforeEnv,
  countryAliasesEnv,
  numberEnv,
  optionalEnv,
  requiredEnv,
} from './commons/config.ts';
import { dynamodb } from './commons/dynamodb-client.ts';
import { logger, metrics } from './commons/observability.ts';
import { parseRecord, queueConsumer } from './commons/queue-consumer.ts';
import { s3 } from './commons/s3-client.ts';
import { sharedBudget } from './commons/shared-budget.ts';
import { sns } from './commons/sns-client.ts';

/** An S3 event notification as S3 sends it to SQS; `s3:TestEvent` messages have no Records. */
const S3NotificationSchema = z.object({
  Records: z._default(
    z.array(
      z.object({
        eventName: z.string(),
        s3: z.object({
          bucket: z.object({ name: z.string() }),
          object: z.object({ key: z.string(), eTag: z.optional(z.string()), size: z.optional(z.number()) }),
        }),
      }),
    ),
    [],
  ),
});

const table = { client: dynamodb, tableName: requiredEnv(ENV.tableName) };
const bandItemsBefore = bandItemsBeforeEnv(ENV.bandItemsBefore);
// Read once now so that a malformed value fails the cold start, not every classification.
bandItemsBefore();
const clock = systemClock;
const deps = {
  archive: new S3ArticleArchive(s3, requiredEnv(ENV.bucketName)),
  catalog: new DynamoDbArticleCatalog(table, {
    bandItemsBefore,
  }),
  ledger: new DynamoDbAlertLedger(table),
  publisher: new SnsAlertPublisher(sns, requiredEnv(ENV.topicArn)),
  classifier: createClassifier({ extraAliases: countryAliasesEnv(ENV.extraCountryAliases) }),
  ruleBook: new RuleBook({
    store: new DynamoDbRuleStore(table),
    index: new S3RuleIndexStore(s3, requiredEnv(ENV.bucketName)),
    clock,
    ttlMs: numberEnv(ENV.ruleCacheSeconds, 60) * 1000,
    onInvalidRule: (rule) =>
      logger.warn('Rule left out: its query does not parse', { ruleId: rule.id, error: rule.error }),
    onIndexError: (action, error) =>
      logger.warn('Precompiled rules unusable; compiling the rules instead', {
        action,
        error: String(error),
      }),
    onWorkLimit: (rule) =>
      logger.warn('Rule did not match: it ran out of its work budget', {
        ruleId: rule.id,
        articleTitle: rule.articleTitle,
        error: rule.error,
      }),
  }),
  clock,
  leaseSeconds: numberEnv(ENV.alertLeaseSeconds, 60),
  clusterWindowDays: 7,
  consoleUrl: optionalEnv(ENV.consoleUrl),
};

/** S3 URL-encodes keys in notifications, with '+' for spaces. */
const decodeKey = (key: string) => decodeURIComponent(key.replace(/\+/g, ' '));

/**
 * Classifications under way, by document key, with the ETag of the version being classified. S3 may
 * notify twice for one object, and an article fetched twice is archived twice under one key, so a
 * batch can carry a key twice; its records are processed concurrently, and two classifications of one
 * new article would race for its first revision (one failing with ConcurrentUpdateError). A record for
 * the version already being classified shares that classification, so an article is classified once
 * per batch; a record for another version (or one without an ETag) waits for it, then classifies
 * what is stored, so a changed article is never missed.
 */
const classifying = new Map<string, { eTag: string | undefined; done: Promise<void> }>();

function classifyOnce(key: string, eTag: string | undefined, log: Logger): Promise<void> {
  const running = classifying.get(key);
  if (running !== undefined && eTag !== undefined && running.eTag === eTag) return running.done;
  const after = running?.done.catch(() => undefined) ?? Promise.resolve();
  const done = after
    .then(async () => {
      const classified = await classifyStoredArticle(key, deps);
      metrics.addMetric('ArticlesClassified', MetricUnit.Count, 1);
      metrics.addMetric('AlertsSent', MetricUnit.Count, classified.alertsSent);
      log.info('Article classified', { ...classified, key });
    })
    .finally(() => {
      if (classifying.get(key)?.done === done) classifying.delete(key);
    });
  classifying.set(key, { eTag, done });
  return done;
}

/**
 * Bytes of article documents in classification at once, by the size S3 notifies for each. A 5 MB
 * document matched against 100,000 rules that share its words held about 300 MB, so ten of them at
 * once ran V8 out of heap at 1,024 MB, where one took 530 MB (docs/cost.md); typical documents, tens
 * of KB, still run a whole batch side by side. A document of unknown size draws nothing.
 */
const DOCUMENT_BYTES_AT_ONCE = 6 * 1024 * 1024;
const documentBudget = sharedBudget(DOCUMENT_BYTES_AT_ONCE);

export const handler = queueConsumer(
  async (record, log) => {
    const notification = parseRecord(S3NotificationSchema, record);
    for (const entry of notification.Records) {
      const key = decodeKey(entry.s3.object.key);
      if (!entry.eventName.startsWith('ObjectCreated:')) continue;
      if (!key.startsWith(BUCKET.articlePrefix) || !key.endsWith(BUCKET.articleSuffix)) {
        throw new PermanentJobError('unexpected-key', `Not an article document: ${key}`);
      }
      await documentBudget(entry.s3.object.size ?? 0, () => classifyOnce(key, entry.s3.object.eTag, log));
    }
  },
  { maxReceiveCount: QUEUES.classifyJobs.maxReceiveCount },
);
