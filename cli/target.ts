/**
 * Where a management command reads and writes: the local state of `wirewatch run --state DIR` (the
 * emulators are started in this process on that directory, with the table and topic created if
 * missing), or the deployed stack, named by the environment variables set from its outputs
 * (WIREWATCH_TABLE_NAME, WIREWATCH_BUCKET_NAME, WIREWATCH_TOPIC_ARN) with the default AWS credential
 * chain and region. A command asks only for the resources it uses, so `feeds` needs just the table.
 */
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TableClient } from '../adapters/dynamodb/table-client.ts';
import { S3ArticleArchive } from '../adapters/s3/article-archive.s3.ts';
import { ENV } from '../infra/resource-definitions.ts';
import { CliError } from '../tools/cli-error.ts';
import { prepareStateDirectory } from './state-directory.ts';

export interface TargetResources {
  table: TableClient;
  archive: { store: S3ArticleArchive; bucketName: string };
  alerts: { sns: SNSClient; topicArn: string };
  digests: { sns: SNSClient; topicArn: string };
}

export type Resource = keyof TargetResources;

export type Target<Need extends Resource> = Pick<TargetResources, Need> & {
  /** The state directory, or null on AWS: commands mention it where it matters. */
  stateDir: string | null;
  /** Where the data is, for messages: `the local state in DIR` or `AWS`. */
  description: string;
  close(): Promise<void>;
};

export interface TargetOptions<Need extends Resource> {
  /** `--state DIR`, when given. */
  state: string | undefined;
  needs: readonly Need[];
  env?: NodeJS.ProcessEnv;
}

const VARIABLE: Record<Resource, string> = {
  table: ENV.tableName,
  archive: ENV.bucketName,
  alerts: ENV.topicArn,
  digests: ENV.digestTopicArn,
};

const STACK_OUTPUT: Record<Resource, string> = {
  table: 'TableName',
  archive: 'BucketName',
  alerts: 'AlertTopicArn',
  digests: 'DigestTopicArn',
};

const documentClient = (client: DynamoDBClient) =>
  DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });

export async function openTarget<Need extends Resource>(options: TargetOptions<Need>): Promise<Target<Need>> {
  return options.state === undefined
    ? openAws(options.needs, options.env ?? process.env)
    : openLocal(resolve(options.state));
}

/**
 * Opens the target, runs `use` and closes it, turning what AWS (or an emulator) answers into errors a
 * person can act on: missing credentials, a wrong name, a refused permission.
 */
export async function withTarget<Need extends Resource, Result>(
  options: TargetOptions<Need>,
  use: (target: Target<Need>) => Promise<Result>,
): Promise<Result> {
  const target = await openTarget(options);
  try {
    return await use(target);
  } catch (error) {
    throw explainServiceError(error, target.stateDir === null);
  } finally {
    await target.close();
  }
}

export function explainServiceError(error: unknown, onAws: boolean): unknown {
  if (!(error instanceof Error) || error instanceof CliError) return error;
  if (error.name === 'CredentialsProviderError') {
    return new CliError(
      'no AWS credentials found: configure them (AWS_PROFILE, aws configure, SSO) or pass --state DIR to work on the local state',
    );
  }
  if (error.message === 'Region is missing') {
    return new CliError(
      'no AWS region: set AWS_REGION to the region the stack is deployed in, or pass --state DIR',
    );
  }
  if (!('$metadata' in error)) return error;
  const where = onAws
    ? ` (region ${process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'from your AWS profile'})`
    : '';
  switch (error.name) {
    case 'ResourceNotFoundException':
      return new CliError(
        `the table was not found${where}: check ${ENV.tableName} against the stack output TableName`,
      );
    case 'NoSuchBucket':
      return new CliError(
        `the bucket was not found${where}: check ${ENV.bucketName} against the stack output BucketName`,
      );
    case 'NotFoundException':
      return new CliError(
        `the topic was not found${where}: check ${ENV.topicArn} against the stack output AlertTopicArn`,
      );
    default:
      return new CliError(`${error.name}: ${error.message}`);
  }
}

function openAws<Need extends Resource>(needs: readonly Need[], env: NodeJS.ProcessEnv): Target<Need> {
  const missing = needs.filter((need) => !env[VARIABLE[need]]);
  if (missing.length > 0) {
    const settings = missing.map((need) => `${VARIABLE[need]}=<${STACK_OUTPUT[need]}>`).join(' ');
    throw new CliError(
      `no target: pass --state DIR for the local state of \`wirewatch run --state DIR\`, or, to work on AWS, set ${settings} from the stack outputs`,
    );
  }
  const value = (resource: Resource) => env[VARIABLE[resource]] as string;
  const resources: Partial<TargetResources> = {};
  const clients: { destroy(): void }[] = [];
  if (needs.includes('table' as Need)) {
    const client = new DynamoDBClient({});
    clients.push(client);
    resources.table = { client: documentClient(client), tableName: value('table') };
  }
  if (needs.includes('archive' as Need)) {
    const client = new S3Client({});
    clients.push(client);
    resources.archive = {
      store: new S3ArticleArchive(client, value('archive')),
      bucketName: value('archive'),
    };
  }
  for (const topic of ['alerts', 'digests'] as const) {
    if (!needs.includes(topic as Need)) continue;
    const sns = new SNSClient({});
    clients.push(sns);
    resources[topic] = { sns, topicArn: value(topic) };
  }
  return {
    ...(resources as Pick<TargetResources, Need>),
    stateDir: null,
    description: 'AWS',
    async close() {
      for (const client of clients) client.destroy();
    },
  };
}

/**
 * LevelDB lets one process hold a database; dynalite does not report a failed open, it fails every
 * request later. Opening the database first turns that into a message the user can act on.
 */
export async function ensureStateIsFree(stateDir: string): Promise<void> {
  // `level` is the store dynalite keeps its tables in, installed with it.
  const { Level } = await import('level');
  const database = new Level(join(stateDir, 'dynamodb'));
  try {
    await database.open();
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === 'LEVEL_LOCKED') {
      throw new CliError(
        `the state in ${stateDir} is open in another process: is \`wirewatch run --watch\` still running on this state? Stop it, or run this command again when it has finished`,
      );
    }
    throw error;
  } finally {
    await database.close();
  }
}

async function openLocal(stateDir: string): Promise<Target<Resource>> {
  // Loaded here so commands on AWS do not load the emulators.
  const [{ startLocalAws, LOCAL_CREDENTIALS, LOCAL_REGION }, { createTable, createTopic }, { LOCAL_NAMES }] =
    await Promise.all([
      import('../local/local-aws.ts'),
      import('../local/create-resources.ts'),
      import('../local/local-pipeline.ts'),
    ]);
  await prepareStateDirectory(stateDir, { create: false });
  await ensureStateIsFree(stateDir);
  const aws = await startLocalAws({
    stateDir,
    outboxDir: join(stateDir, 'outbox'),
    bucketName: LOCAL_NAMES.bucket,
  });
  const config = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const dynamodb = new DynamoDBClient({ ...config, endpoint: aws.endpoints.dynamodb });
  // s3rver wants path-style addressing, and bodies without aws-chunked checksum framing.
  const s3 = new S3Client({
    ...config,
    endpoint: aws.endpoints.s3,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  const sns = new SNSClient({ ...config, endpoint: aws.endpoints.sns });
  const close = async () => {
    for (const client of [dynamodb, s3, sns]) client.destroy();
    await aws.close();
  };
  try {
    await createTable(dynamodb, LOCAL_NAMES.table);
    const topicArn = await createTopic(sns, LOCAL_NAMES.topic);
    const digestTopicArn = await createTopic(sns, LOCAL_NAMES.digestTopic);
    return {
      table: { client: documentClient(dynamodb), tableName: LOCAL_NAMES.table },
      archive: { store: new S3ArticleArchive(s3, LOCAL_NAMES.bucket), bucketName: LOCAL_NAMES.bucket },
      alerts: { sns, topicArn },
      digests: { sns, topicArn: digestTopicArn },
      stateDir,
      description: `the local state in ${stateDir}`,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
