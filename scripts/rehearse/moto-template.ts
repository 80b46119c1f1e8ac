/**
 * The pure half of the deploy rehearsal: what the synthesized template needs to become before moto
 * can create it, and how the rehearsal stands in for what it took out. moto cannot invoke Lambda
 * without Docker, so the copy it deploys has no SQS event source mappings (the rehearsal polls those
 * queues itself) and no S3 bucket-notification custom resources (the rehearsal applies their
 * configuration to the bucket). Nothing here changes the template the product deploys to AWS.
 */

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  Metadata?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  [key: string]: unknown;
}

/** A queue a function consumes through an event source mapping, as the rehearsal polls it. */
export interface QueueTrigger {
  functionId: string;
  queueId: string;
  batchSize: number;
}

/** A bucket notification configuration still holding its intrinsics (Ref, Fn::GetAtt). */
export interface BucketNotification {
  bucket: unknown;
  configuration: unknown;
}

export interface MotoDeployment {
  template: CfnTemplate;
  queueTriggers: QueueTrigger[];
  bucketNotifications: BucketNotification[];
}

const EVENT_SOURCE_MAPPING = 'AWS::Lambda::EventSourceMapping';
const BUCKET_NOTIFICATIONS = 'Custom::S3BucketNotifications';
/** Lambda's default batch size for an SQS event source mapping. */
const DEFAULT_SQS_BATCH_SIZE = 10;

/** The logical id a `{Ref}` or `{Fn::GetAtt}` names, or undefined for anything else. */
export function referencedId(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const ref = (value as { Ref?: unknown }).Ref;
  if (typeof ref === 'string') return ref;
  const getAtt = (value as { 'Fn::GetAtt'?: unknown })['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  return undefined;
}

function required(id: string | undefined, what: string, resourceId: string): string {
  if (id === undefined) throw new Error(`${resourceId}: ${what} is not a Ref or Fn::GetAtt to this stack`);
  return id;
}

export function prepareForMoto(template: CfnTemplate): MotoDeployment {
  const queueTriggers: QueueTrigger[] = [];
  const bucketNotifications: BucketNotification[] = [];
  const removed = new Set<string>();
  for (const [id, resource] of Object.entries(template.Resources)) {
    const properties = resource.Properties ?? {};
    if (resource.Type === EVENT_SOURCE_MAPPING) {
      queueTriggers.push({
        functionId: required(referencedId(properties.FunctionName), 'FunctionName', id),
        queueId: required(referencedId(properties.EventSourceArn), 'EventSourceArn', id),
        batchSize: typeof properties.BatchSize === 'number' ? properties.BatchSize : DEFAULT_SQS_BATCH_SIZE,
      });
      removed.add(id);
    } else if (resource.Type === BUCKET_NOTIFICATIONS) {
      bucketNotifications.push({
        bucket: properties.BucketName,
        configuration: properties.NotificationConfiguration,
      });
      removed.add(id);
    }
  }
  const resources = Object.fromEntries(
    Object.entries(template.Resources)
      .filter(([id]) => !removed.has(id))
      .map(([id, resource]) => [id, withoutDependencies(resource, removed)]),
  );
  return { template: { ...template, Resources: resources }, queueTriggers, bucketNotifications };
}

function withoutDependencies(resource: CfnResource, removed: ReadonlySet<string>): CfnResource {
  if (resource.DependsOn === undefined) return resource;
  const kept = [resource.DependsOn].flat().filter((id) => !removed.has(id));
  const { DependsOn: _dropped, ...rest } = resource;
  return kept.length === 0 ? rest : { ...rest, DependsOn: kept };
}

/** What a `{Ref}` or `{Fn::GetAtt}` to a deployed resource evaluates to. */
export interface IntrinsicResolver {
  ref(logicalId: string): string;
  getAtt(logicalId: string, attribute: string): string;
}

/**
 * `value` with every Ref and Fn::GetAtt replaced by what the deployed stack gives them. Other
 * intrinsics are not needed by what the rehearsal resolves, and fail loudly rather than pass through.
 */
export function resolveIntrinsics(value: unknown, resolver: IntrinsicResolver): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveIntrinsics(item, resolver));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  const [first] = entries;
  if (entries.length === 1 && first !== undefined) {
    const [key, argument] = first;
    if (key === 'Ref' && typeof argument === 'string') return resolver.ref(argument);
    if (key === 'Fn::GetAtt' && Array.isArray(argument)) {
      const [logicalId, attribute] = argument as unknown[];
      if (typeof logicalId === 'string' && typeof attribute === 'string')
        return resolver.getAtt(logicalId, attribute);
    }
    if (key.startsWith('Fn::')) throw new Error(`The rehearsal cannot resolve ${key}`);
  }
  return Object.fromEntries(entries.map(([key, item]) => [key, resolveIntrinsics(item, resolver)]));
}

const AWS_QUEUE_URL =
  /^https?:\/\/(?:sqs\.[a-z0-9-]+\.amazonaws\.com|queue\.amazonaws\.com)(\/\d{12}\/[^/?#]+)$/;

/**
 * A queue URL on the real AWS host, moved to `endpoint`; any other value unchanged. The SDK sends
 * SQS calls to the queue URL itself, so an AWS-hosted URL from moto would leave loopback.
 */
export function rewriteAwsQueueUrl(value: string, endpoint: string): string {
  const match = AWS_QUEUE_URL.exec(value);
  return match?.[1] === undefined ? value : `${endpoint.replace(/\/$/, '')}${match[1]}`;
}

/** `arn:aws:sqs:<region>:<account>:<name>` of a queue URL (`…/<account>/<name>`). */
export function queueArnFromUrl(queueUrl: string, region: string): string {
  const [account, name] = new URL(queueUrl).pathname.split('/').filter(Boolean);
  if (account === undefined || name === undefined) throw new Error(`Not a queue URL: ${queueUrl}`);
  return `arn:aws:sqs:${region}:${account}:${name}`;
}

/**
 * Whether cfn-lint's exit code allows the deploy. cfn-lint ORs its findings into the code: 2 errors,
 * 4 warnings, 8 informational; 1 means it could not run. Warnings and notes are reported, not fatal.
 */
export function cfnLintAllowsDeploy(exitCode: number): boolean {
  return (exitCode & 0b11) === 0;
}
