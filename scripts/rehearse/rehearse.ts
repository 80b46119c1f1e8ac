/**
 * `npm run rehearse`: a deploy rehearsal on this machine, nothing beyond loopback.
 * 1. synthesizes the CDK app offline into a temporary folder;
 * 2. runs cfn-lint on the template: any error fails the rehearsal;
 * 3. when moto_server is on the PATH, starts it on 127.0.0.1 and creates the stack there (a copy
 *    adapted to moto's gaps, see moto-template.ts), applies the bucket notifications itself;
 * 4. drives the sample feeds through the bundled handlers in this process, each with the environment
 *    the deployed function has, polling the queues as the event source mappings would, until the
 *    seed article's alert reaches an SQS queue subscribed to the alerts topic.
 * Without moto_server (or the AWS CLI it is driven with) steps 3–4 are skipped with a message.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context, ScheduledEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { DynamoDbFeedStateStore } from '../../adapters/dynamodb/feed-state-store.dynamodb.ts';
import { DynamoDbRuleStore } from '../../adapters/dynamodb/rule-store.dynamodb.ts';
import { ENV } from '../../infra/resource-definitions.ts';
import { lambdaContext, scheduledEvent } from '../../local/lambda-events.ts';
import { sampleSiteAccess, startSampleSite } from '../../local/sample-site.ts';
import { registerFeeds } from '../../shared/pipeline/register-feeds.ts';
import { systemClock } from '../../shared/ports/clock.ts';
import { startMotoServer } from './moto-server.ts';
import {
  type CfnTemplate,
  cfnLintAllowsDeploy,
  type IntrinsicResolver,
  prepareForMoto,
  queueArnFromUrl,
  resolveIntrinsics,
  rewriteAwsQueueUrl,
} from './moto-template.ts';
import { sqsEventFromMessages } from './received-messages.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLES = join(ROOT, 'samples');
/** moto's fixed account, and the credentials and region any moto call accepts. */
const MOTO = { account: '123456789012', region: 'us-east-1', accessKeyId: 'test', secretAccessKey: 'test' };
/** What the CDK bootstrap template provides and the synthesized template checks for. */
const BOOTSTRAP = {
  versionParameter: '/cdk-bootstrap/hnb659fds/version',
  version: '30',
  assetBucket: `cdk-hnb659fds-assets-${MOTO.account}-${MOTO.region}`,
};
// Generous: moto took 15 s to create the stack on an idle machine, 74 s on a busy one.
const STACK_TIMEOUT_MS = 300_000;
const PIPELINE_TIMEOUT_MS = 180_000;
/**
 * The visibility timeout of a received job: a failed one is handed over again this much later, as
 * Lambda's event source mapping does after the queue's (longer) timeout, so retries fit in the run.
 */
const RETRY_AFTER_SECONDS = 2;

type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;
type ScheduledHandler = (event: ScheduledEvent, context: Context) => Promise<unknown>;

const step = (message: string) => console.log(`\n▶ ${message}`);

async function onPath(command: string): Promise<boolean> {
  try {
    await run('sh', ['-c', `command -v ${command}`]);
    return true;
  } catch {
    return false;
  }
}

/** The stack's template file, and its name, from the cloud assembly manifest; synthesized first if asked. */
async function stackIn(
  outDir: string,
  synthesize: boolean,
): Promise<{ stackName: string; templateFile: string }> {
  if (synthesize)
    await run(
      'npx',
      ['--no-install', 'cdk', 'synth', '-q', '--no-notices', '--no-version-reporting', '-o', outDir],
      { cwd: ROOT, env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' }, maxBuffer: 64 * 1024 * 1024 },
    );
  const manifest = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8')) as {
    artifacts: Record<string, { type: string; properties?: { templateFile: string; stackName?: string } }>;
  };
  const stacks = Object.entries(manifest.artifacts).filter(([, a]) => a.type === 'aws:cloudformation:stack');
  const [first, ...others] = stacks;
  if (first === undefined || others.length > 0)
    throw new Error(`Expected one stack in the cloud assembly, found ${stacks.length}`);
  const [id, artifact] = first;
  return {
    stackName: artifact.properties?.stackName ?? id,
    templateFile: join(outDir, artifact.properties?.templateFile ?? `${id}.template.json`),
  };
}

async function lint(templateFile: string): Promise<void> {
  if (!(await onPath('cfn-lint'))) {
    console.log('cfn-lint is not on the PATH: template lint skipped (pip install cfn-lint to run it).');
    return;
  }
  const result = await run('cfn-lint', [templateFile]).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code?: number; stdout?: string }) => ({ code: error.code ?? 1, stdout: error.stdout ?? '' }),
  );
  const findings = result.stdout.split('\n').filter((line) => /^[EWI]\d{4} /.test(line));
  const count = (level: string) => findings.filter((line) => line.startsWith(level)).length;
  console.log(`cfn-lint: ${count('E')} errors, ${count('W')} warnings, ${count('I')} informational`);
  if (!cfnLintAllowsDeploy(result.code)) {
    console.log(result.stdout);
    throw new Error(`cfn-lint found errors in the template (exit code ${result.code})`);
  }
}

/** The AWS CLI, always pointed at moto. */
function awsCli(endpoint: string) {
  return async (...args: string[]): Promise<Record<string, unknown>> => {
    const { stdout } = await run('aws', [...args, '--endpoint-url', endpoint, '--output', 'json'], {
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: MOTO.accessKeyId,
        AWS_SECRET_ACCESS_KEY: MOTO.secretAccessKey,
        AWS_DEFAULT_REGION: MOTO.region,
        AWS_REGION: MOTO.region,
        AWS_PAGER: '',
      },
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
  };
}

async function createStack(
  aws: ReturnType<typeof awsCli>,
  stackName: string,
  template: CfnTemplate,
  workDir: string,
): Promise<Map<string, { type: string; physicalId: string }>> {
  await aws(
    'ssm',
    'put-parameter',
    '--name',
    BOOTSTRAP.versionParameter,
    '--type',
    'String',
    '--value',
    BOOTSTRAP.version,
  );
  await aws('s3api', 'create-bucket', '--bucket', BOOTSTRAP.assetBucket);
  const file = join(workDir, 'moto.template.json');
  await writeFile(file, JSON.stringify(template));
  await aws(
    'cloudformation',
    'create-stack',
    '--stack-name',
    stackName,
    '--template-body',
    `file://${file}`,
    '--capabilities',
    'CAPABILITY_IAM',
    'CAPABILITY_NAMED_IAM',
  );
  const deadline = Date.now() + STACK_TIMEOUT_MS;
  for (;;) {
    const { Stacks } = (await aws('cloudformation', 'describe-stacks', '--stack-name', stackName)) as {
      Stacks: { StackStatus: string; StackStatusReason?: string }[];
    };
    const status = Stacks[0]?.StackStatus ?? 'UNKNOWN';
    if (status === 'CREATE_COMPLETE') break;
    if (status !== 'CREATE_IN_PROGRESS')
      throw new Error(`Stack ${stackName} is ${status}: ${Stacks[0]?.StackStatusReason ?? ''}`);
    if (Date.now() > deadline)
      throw new Error(`Stack ${stackName} still ${status} after ${STACK_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const { StackResourceSummaries } = (await aws(
    'cloudformation',
    'list-stack-resources',
    '--stack-name',
    stackName,
  )) as {
    StackResourceSummaries: { LogicalResourceId: string; PhysicalResourceId: string; ResourceType: string }[];
  };
  return new Map(
    StackResourceSummaries.map((r) => [
      r.LogicalResourceId,
      { type: r.ResourceType, physicalId: r.PhysicalResourceId },
    ]),
  );
}

/** Refs and queue ARNs of the deployed stack, with queue URLs moved to moto's endpoint. */
function deployedResolver(
  resources: ReadonlyMap<string, { type: string; physicalId: string }>,
  endpoint: string,
): IntrinsicResolver {
  const physical = (logicalId: string) => {
    const resource = resources.get(logicalId);
    if (resource === undefined) throw new Error(`The deployed stack has no resource ${logicalId}`);
    return resource;
  };
  return {
    ref: (logicalId) => rewriteAwsQueueUrl(physical(logicalId).physicalId, endpoint),
    getAtt: (logicalId, attribute) => {
      const resource = physical(logicalId);
      if (resource.type === 'AWS::SQS::Queue' && attribute === 'Arn')
        return queueArnFromUrl(resource.physicalId, MOTO.region);
      throw new Error(`The rehearsal cannot resolve Fn::GetAtt ${logicalId}.${attribute}`);
    },
  };
}

interface DeployedFunction {
  logicalId: string;
  /** The environment the deployed function has, queue URLs on moto's endpoint. */
  environment: Record<string, string>;
  bundle: string;
  timeoutSeconds: number;
}

async function deployedFunctions(
  aws: ReturnType<typeof awsCli>,
  template: CfnTemplate,
  resources: ReadonlyMap<string, { type: string; physicalId: string }>,
  assemblyDir: string,
  endpoint: string,
): Promise<Map<string, DeployedFunction>> {
  const functions = new Map<string, DeployedFunction>();
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    const assetPath = resource.Metadata?.['aws:asset:path'];
    if (resource.Type !== 'AWS::Lambda::Function' || typeof assetPath !== 'string') continue;
    const name = resources.get(logicalId)?.physicalId ?? logicalId;
    const configuration = (await aws('lambda', 'get-function-configuration', '--function-name', name)) as {
      Environment?: { Variables?: Record<string, string> };
      Handler: string;
      Timeout?: number;
    };
    const [file, exported] = configuration.Handler.split('.');
    if (exported !== 'handler')
      throw new Error(`${logicalId}: handler ${configuration.Handler} is not *.handler`);
    const variables = configuration.Environment?.Variables ?? {};
    functions.set(logicalId, {
      logicalId,
      environment: Object.fromEntries(
        Object.entries(variables).map(([key, value]) => [key, rewriteAwsQueueUrl(value, endpoint)]),
      ),
      bundle: join(assemblyDir, assetPath, `${file}.mjs`),
      timeoutSeconds: configuration.Timeout ?? 3,
    });
  }
  return functions;
}

/** Runs `action` with `environment` laid over the base environment, as that one function sees it. */
async function withEnvironment<T>(environment: Record<string, string>, action: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, environment);
  try {
    return await action();
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

async function rehearseOnMoto(stackName: string, templateFile: string, assemblyDir: string, workDir: string) {
  step('Starting moto_server on 127.0.0.1');
  const moto = await startMotoServer();
  const site = await startSampleSite(join(SAMPLES, 'site'));
  const clients: { destroy(): void }[] = [];
  try {
    const { endpoint } = moto;
    console.log(`moto on ${endpoint}, sample site on ${site.address}`);
    const aws = awsCli(endpoint);
    // Every SDK client in this process, the handlers' included, talks to moto and only to moto.
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: MOTO.accessKeyId,
      AWS_SECRET_ACCESS_KEY: MOTO.secretAccessKey,
      AWS_REGION: MOTO.region,
      AWS_DEFAULT_REGION: MOTO.region,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ENDPOINT_URL: endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: endpoint,
      AWS_ENDPOINT_URL_S3: endpoint,
      AWS_ENDPOINT_URL_SNS: endpoint,
      AWS_ENDPOINT_URL_SQS: endpoint,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
    delete process.env.AWS_PROFILE;

    step(`Creating stack ${stackName} on moto`);
    const original = JSON.parse(await readFile(templateFile, 'utf8')) as CfnTemplate;
    const deployment = prepareForMoto(original);
    const started = Date.now();
    const resources = await createStack(aws, stackName, deployment.template, workDir);
    console.log(
      `CREATE_COMPLETE in ${((Date.now() - started) / 1000).toFixed(1)} s, ${resources.size} resources`,
    );
    const resolver = deployedResolver(resources, endpoint);
    for (const notification of deployment.bucketNotifications) {
      const bucket = String(resolveIntrinsics(notification.bucket, resolver));
      const configuration = resolveIntrinsics(notification.configuration, resolver);
      await aws(
        's3api',
        'put-bucket-notification-configuration',
        '--bucket',
        bucket,
        '--notification-configuration',
        JSON.stringify(configuration),
      );
      console.log(`bucket notifications applied to ${bucket} (moto cannot run the custom resource)`);
    }

    const functions = await deployedFunctions(aws, deployment.template, resources, assemblyDir, endpoint);
    const dispatcher = [...functions.values()].find(
      (f) =>
        f.environment[ENV.feedQueueUrl] !== undefined &&
        !deployment.queueTriggers.some((t) => t.functionId === f.logicalId),
    );
    const classifier = [...functions.values()].find((f) => f.environment[ENV.topicArn] !== undefined);
    if (dispatcher === undefined || classifier === undefined)
      throw new Error(
        'The template has no scheduled function that dispatches feed jobs, or none that publishes alerts',
      );
    const topicArn = classifier.environment[ENV.topicArn] as string;
    const tableName = dispatcher.environment[ENV.tableName];
    if (tableName === undefined) throw new Error(`${dispatcher.logicalId} has no ${ENV.tableName}`);

    step('Subscribing an SQS queue to the alerts topic, seeding feeds and rules');
    const sqs = new SQSClient({});
    const sns = new SNSClient({});
    const dynamodb = new DynamoDBClient({});
    clients.push(sqs, sns, dynamodb);
    const subscriber = (
      JSON.parse(await readFile(join(SAMPLES, 'subscribers.json'), 'utf8')) as {
        filterPolicy?: unknown;
      }[]
    )[0];
    const alertQueueUrl = rewriteAwsQueueUrl(
      (await sqs.send(new CreateQueueCommand({ QueueName: 'rehearsal-alerts' }))).QueueUrl ?? '',
      endpoint,
    );
    const alertQueueArn = (
      await sqs.send(new GetQueueAttributesCommand({ QueueUrl: alertQueueUrl, AttributeNames: ['QueueArn'] }))
    ).Attributes?.QueueArn;
    await sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: 'sqs',
        Endpoint: alertQueueArn,
        Attributes: {
          FilterPolicy: JSON.stringify(subscriber?.filterPolicy ?? {}),
          RawMessageDelivery: 'false',
        },
      }),
    );
    const table = { client: DynamoDBDocumentClient.from(dynamodb), tableName };
    const feeds = JSON.parse(await readFile(join(SAMPLES, 'feeds.json'), 'utf8')) as {
      url: string;
      title?: string;
    }[];
    const rules = JSON.parse(await readFile(join(SAMPLES, 'rules.json'), 'utf8')) as {
      id: string;
      name?: string;
      query: string;
    }[];
    await registerFeeds(feeds, { feeds: new DynamoDbFeedStateStore(table), clock: systemClock });
    const ruleStore = new DynamoDbRuleStore(table);
    for (const rule of rules)
      await ruleStore.putRule({
        id: rule.id,
        name: rule.name ?? rule.id,
        query: rule.query,
        createdAt: new Date().toISOString(),
      });
    console.log(
      `${feeds.length} sample feeds, ${rules.length} rules; alerts filtered by ${JSON.stringify(subscriber?.filterPolicy)}`,
    );

    step('Loading the bundled handlers, each with its deployed environment');
    // The one addition to the deployed environment: the sample site's origin (its port only) reaches loopback.
    const access = sampleSiteAccess(site);
    const loopbackSite = {
      [ENV.allowedPrivateHosts]: access.allowPrivateHosts.join(','),
      [ENV.connectTo]: access.connectTo.join(','),
      POWERTOOLS_LOG_LEVEL: process.env.REHEARSE_LOG_LEVEL ?? 'WARN',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_TRACE_ENABLED: 'false',
    };
    const environmentOf = (f: DeployedFunction) => ({ ...f.environment, ...loopbackSite });
    const handlers = new Map<string, unknown>();
    for (const f of functions.values()) {
      if (f !== dispatcher && !deployment.queueTriggers.some((t) => t.functionId === f.logicalId)) continue;
      const module = (await withEnvironment(
        environmentOf(f),
        () => import(pathToFileURL(f.bundle).href),
      )) as {
        handler: unknown;
      };
      handlers.set(f.logicalId, module.handler);
      console.log(`${f.logicalId}: ${f.bundle.slice(assemblyDir.length + 1)}`);
    }

    step('Driving the pipeline: schedule → dispatch → queues → handlers → SNS → subscribed queue');
    const invoke = <T>(f: DeployedFunction, call: (context: Context) => Promise<T>) =>
      withEnvironment(environmentOf(f), () =>
        call(
          lambdaContext(
            resources.get(f.logicalId)?.physicalId ?? f.logicalId,
            MOTO.region,
            MOTO.account,
            f.timeoutSeconds,
          ),
        ),
      );
    await invoke(dispatcher, (context) =>
      (handlers.get(dispatcher.logicalId) as ScheduledHandler)(
        scheduledEvent(
          `arn:aws:events:${MOTO.region}:${MOTO.account}:rule/rehearsal`,
          MOTO.region,
          MOTO.account,
        ),
        context,
      ),
    );
    const counts = new Map<string, { invocations: number; messages: number; failed: number }>();
    const triggers = deployment.queueTriggers.map((trigger) => {
      const queueUrl = String(resolver.ref(trigger.queueId));
      return { ...trigger, queueUrl, queueArn: queueArnFromUrl(queueUrl, MOTO.region) };
    });
    const queueDepth = async (queueUrl: string) => {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      return (
        Number(Attributes.ApproximateNumberOfMessages ?? 0) +
        Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0)
      );
    };
    const deadline = Date.now() + PIPELINE_TIMEOUT_MS;
    const alerts: { Subject?: string; MessageAttributes?: Record<string, { Value: string }> }[] = [];
    // Until the alert has arrived and every job, retries included, has been handled.
    for (;;) {
      let delivered = false;
      for (const trigger of triggers) {
        const f = functions.get(trigger.functionId) as DeployedFunction;
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: trigger.queueUrl,
            MaxNumberOfMessages: Math.min(trigger.batchSize, 10),
            MessageAttributeNames: ['All'],
            MessageSystemAttributeNames: ['All'],
            VisibilityTimeout: RETRY_AFTER_SECONDS,
          }),
        );
        if (Messages.length === 0) continue;
        delivered = true;
        const event = sqsEventFromMessages(Messages, trigger.queueArn, MOTO.region);
        const tally = counts.get(f.logicalId) ?? { invocations: 0, messages: 0, failed: 0 };
        counts.set(f.logicalId, tally);
        tally.invocations += 1;
        tally.messages += Messages.length;
        let failed: Set<string>;
        try {
          const response = await invoke(f, (context) =>
            (handlers.get(f.logicalId) as SqsHandler)(event, context),
          );
          failed = new Set((response?.batchItemFailures ?? []).map(({ itemIdentifier }) => itemIdentifier));
        } catch (error) {
          console.log(`${f.logicalId} threw: ${(error as Error).message}`);
          failed = new Set(Messages.map(({ MessageId }) => MessageId ?? ''));
        }
        tally.failed += failed.size;
        const done = Messages.filter(({ MessageId }) => !failed.has(MessageId ?? ''));
        if (done.length > 0)
          await sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: trigger.queueUrl,
              Entries: done.map((m, index) => ({ Id: String(index), ReceiptHandle: m.ReceiptHandle })),
            }),
          );
      }
      const { Messages: received = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: alertQueueUrl,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: 60,
        }),
      );
      alerts.push(...received.map((m) => JSON.parse(m.Body ?? '{}') as (typeof alerts)[number]));
      if (delivered) continue;
      const waiting = (await Promise.all(triggers.map(({ queueUrl }) => queueDepth(queueUrl)))).some(
        (n) => n > 0,
      );
      if (alerts.length > 0 && !waiting) break;
      if (Date.now() > deadline)
        throw new Error(
          alerts.length === 0
            ? `No alert reached the subscribed queue within ${PIPELINE_TIMEOUT_MS / 1000} s`
            : `Jobs still queued after ${PIPELINE_TIMEOUT_MS / 1000} s`,
        );
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    for (const [logicalId, tally] of counts)
      console.log(
        `${logicalId}: ${tally.invocations} invocations, ${tally.messages} messages, ${tally.failed} failed (retried)`,
      );
    for (const f of functions.values()) {
      const deadLetters = f.environment[ENV.deadLetterQueueUrl];
      if (deadLetters !== undefined)
        console.log(`${f.logicalId} dead-letter queue: ${await queueDepth(deadLetters)} messages`);
    }
    for (const alert of alerts) {
      const attribute = (name: string) => alert.MessageAttributes?.[name]?.Value;
      console.log(
        `\n✓ Alert on the subscribed queue: rule ${attribute('rule')}, pairs ${attribute('countryPairs')}`,
      );
      console.log(`  Subject: ${alert.Subject}`);
    }
  } finally {
    for (const client of clients) client.destroy();
    await site.close();
    await moto.stop();
  }
}

async function main(): Promise<void> {
  const workDir = await mkdtemp(join(tmpdir(), 'wirewatch-rehearse-'));
  // `--assembly DIR` rehearses a cloud assembly already synthesized (e.g. by `npm run synth`).
  const given = parseArgs({ options: { assembly: { type: 'string' } } }).values.assembly;
  const assemblyDir = given === undefined ? join(workDir, 'cdk.out') : resolve(given);
  try {
    step(
      given === undefined ? 'Synthesizing the CDK app (offline)' : `Reading the cloud assembly in ${given}`,
    );
    const { stackName, templateFile } = await stackIn(assemblyDir, given === undefined);
    console.log(`stack ${stackName}: ${templateFile}`);
    step('Linting the template with cfn-lint');
    await lint(templateFile);
    const missing = [];
    for (const command of ['moto_server', 'aws']) if (!(await onPath(command))) missing.push(command);
    if (missing.length > 0) {
      console.log(
        `\n${missing.join(' and ')} not on the PATH: the deploy on moto is skipped (pip install "moto[server]" awscli to run it).`,
      );
      return;
    }
    await rehearseOnMoto(stackName, templateFile, assemblyDir, workDir);
    console.log('\nRehearsal passed.');
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

// Exit on a signal through process.exit, so the moto_server this process started is stopped too.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(1));

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`\n✗ Rehearsal failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
