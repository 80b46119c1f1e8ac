/**
 * console-api: the one Lambda behind the console's HTTP API (API Gateway HTTP API, payload 2.0, JWT
 * authorizer on the analyst user pool). A thin router: routes.ts maps each route to its handler,
 * which validates the input, calls one use case in shared/console and maps the result to JSON.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { DynamoDbArticleCatalog } from '../adapters/dynamodb/article-catalog.dynamodb.ts';
import { DynamoDbFeedStateStore } from '../adapters/dynamodb/feed-state-store.dynamodb.ts';
import { DynamoDbRuleStore } from '../adapters/dynamodb/rule-store.dynamodb.ts';
import { DynamoDbSubscriptionStore } from '../adapters/dynamodb/subscription-store.dynamodb.ts';
import { DynamoDbTrendRollups } from '../adapters/dynamodb/trend-rollups.dynamodb.ts';
import { S3ArchiveShards } from '../adapters/s3/archive-shards.s3.ts';
import { S3ArticleArchive } from '../adapters/s3/article-archive.s3.ts';
import { SnsEmailSubscriptions } from '../adapters/sns/email-subscriptions.sns.ts';
import { parseNamedQueues, SqsDeadLetterDepths } from '../adapters/sqs/dead-letter-depths.sqs.ts';
import { ENV } from '../infra/resource-definitions.ts';
import { createReader } from '../reader/wirewatch-reader.ts';
import { type Classifier, createClassifier } from '../shared/classification/classifier.ts';
import { systemClock } from '../shared/ports/clock.ts';
import { countryAliasesEnv, requiredEnv } from './commons/config.ts';
import { dynamodb } from './commons/dynamodb-client.ts';
import { logger } from './commons/observability.ts';
import { s3 } from './commons/s3-client.ts';
import { sns } from './commons/sns-client.ts';
import { sqs } from './commons/sqs-client.ts';
import type { ConsoleDeps } from './console-api/console-deps.ts';
import { routeConsoleRequest } from './console-api/router.ts';
import { CONSOLE_ROUTES } from './console-api/routes.ts';

const table = { client: dynamodb, tableName: requiredEnv(ENV.tableName) };
let classifier: Classifier | undefined;

const deps: ConsoleDeps = {
  clock: systemClock,
  rules: new DynamoDbRuleStore(table),
  archive: new S3ArticleArchive(s3, requiredEnv(ENV.bucketName)),
  shards: new S3ArchiveShards(s3, requiredEnv(ENV.bucketName)),
  catalog: new DynamoDbArticleCatalog(table),
  listings: createReader(table),
  trendRollups: new DynamoDbTrendRollups(table),
  classifier: () => {
    classifier ??= createClassifier({ extraAliases: countryAliasesEnv(ENV.extraCountryAliases) });
    return classifier;
  },
  alertSubscriptions: new SnsEmailSubscriptions(sns, requiredEnv(ENV.topicArn)),
  digestRecipients: new SnsEmailSubscriptions(sns, requiredEnv(ENV.digestTopicArn)),
  subscriptions: new DynamoDbSubscriptionStore(table),
  feeds: new DynamoDbFeedStateStore(table),
  deadLetters: new SqsDeadLetterDepths(sqs, deadLetterQueues()),
};

function deadLetterQueues() {
  try {
    return parseNamedQueues(requiredEnv(ENV.deadLetterQueueUrls));
  } catch (error) {
    throw new Error(`${ENV.deadLetterQueueUrls}: ${(error as Error).message}`);
  }
}

export const handler = async (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => {
  logger.addContext(context);
  return routeConsoleRequest(event, CONSOLE_ROUTES, deps);
};
