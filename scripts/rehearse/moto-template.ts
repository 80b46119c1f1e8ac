/**
 * The pure half of the deploy rehearsal: what the synthesized template needs to become before moto
 * can create it, and how the rehearsal stands in for what it took out. moto cannot invoke Lambda
 * without Docker, so the copy it deploys has no SQS event source mappings (the rehearsal polls those
 * queues itself) and no S3 bucket-notification custom resources (the rehearsal applies their
 * configuration to the bucket). It also leaves out what moto cannot create and the rehearsal does not
 * need: CloudWatch dashboards (their alarm widgets `Fn::GetAtt` alarms moto does not create, which
 * moto answers with a 500) with the outputs naming them, and the tags of KMS keys (moto hands
 * CloudFormation's `Key`/`Value` tags to KMS, which expects `TagKey`/`TagValue`: another 500).
 * The console's CloudFront resources are left out too (moto has no CloudFront in CloudFormation), and
 * so are the Lambda-backed custom resources that would deploy its page and empty its bucket; kept
 * resources that name the distribution (the user pool client's callback URL, the API's CORS origin,
 * the emailing functions' console URL) get a stand-in value instead.
 * Nothing here changes the template the product deploys to AWS.
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
/** Resource types moto cannot create and nothing in the rehearsal reads. */
const NOT_REHEARSED = new Set([
  'AWS::CloudWatch::Dashboard',
  // Lambda-backed: moto would have to run their functions, which it cannot without Docker.
  'Custom::CDKBucketDeployment',
  'Custom::S3AutoDeleteObjects',
]);
/**
 * Resource types moto cannot create whose attributes kept resources carry only as values (a URL, an
 * origin): each Ref or Fn::GetAtt to them becomes a stand-in (`standInFor`).
 */
const STOOD_IN = new Set([
  'AWS::CloudFront::Distribution',
  'AWS::CloudFront::OriginAccessControl',
  'AWS::CloudFront::ResponseHeadersPolicy',
]);
const KMS_KEY = 'AWS::KMS::Key';
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
  const standIns = new Set<string>();
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
    } else if (NOT_REHEARSED.has(resource.Type)) {
      removed.add(id);
    } else if (STOOD_IN.has(resource.Type)) {
      standIns.add(id);
    }
  }
  const leftOut = new Set([...removed, ...standIns]);
  const resources = Object.fromEntries(
    Object.entries(template.Resources)
      .filter(([id]) => !leftOut.has(id))
      .map(([id, resource]) => [
        id,
        forMoto(withStandIns(withoutDependencies(resource, leftOut), standIns) as CfnResource),
      ]),
  );
  for (const [id, resource] of Object.entries(resources)) {
    const gone = [...referencedIds(resource)].filter((ref) => removed.has(ref));
    if (gone.length > 0)
      throw new Error(`${id} references ${gone.join(', ')}, which the copy deployed to moto leaves out`);
  }
  const prepared: CfnTemplate = { ...template, Resources: resources };
  if (isRecord(template.Outputs))
    prepared.Outputs = Object.fromEntries(
      Object.entries(template.Outputs).filter(
        ([, output]) => ![...referencedIds(output)].some((ref) => leftOut.has(ref)),
      ),
    );
  return { template: prepared, queueTriggers, bucketNotifications };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The resource as moto can create it: a KMS key without its tags. */
function forMoto(resource: CfnResource): CfnResource {
  if (resource.Type !== KMS_KEY || resource.Properties?.Tags === undefined) return resource;
  const { Tags: _dropped, ...properties } = resource.Properties;
  return { ...resource, Properties: properties };
}

/**
 * Every logical id `value` names through Ref, Fn::GetAtt (list or dotted string) or a `${…}` of
 * Fn::Sub; pseudo parameters (`AWS::…`) included, which no resource id can match.
 */
export function referencedIds(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedIds(item, found);
    return found;
  }
  if (!isRecord(value)) return found;
  for (const [key, argument] of Object.entries(value)) {
    if (key === 'Ref' && typeof argument === 'string') found.add(argument);
    else if (key === 'Fn::GetAtt' && typeof argument === 'string') found.add(argument.split('.')[0] ?? '');
    else if (key === 'Fn::GetAtt' && Array.isArray(argument) && typeof argument[0] === 'string')
      found.add(argument[0]);
    else if (key === 'Fn::Sub') {
      const [text, variables] = Array.isArray(argument) ? argument : [argument];
      if (typeof text === 'string')
        for (const [, name] of text.matchAll(/\$\{([^!}][^}]*)\}/g))
          if (name !== undefined && !(isRecord(variables) && name in variables))
            found.add(name.split('.')[0] ?? '');
      referencedIds(variables, found);
      continue;
    }
    referencedIds(argument, found);
  }
  return found;
}

/** What a Ref (`attribute` undefined) or an Fn::GetAtt to a stood-in resource becomes: a reserved, never-resolving host name. */
export function standInFor(logicalId: string, attribute?: string): string {
  return `${[logicalId, attribute ?? 'ref']
    .join('-')
    .replace(/[^A-Za-z0-9-]/g, '-')
    .toLowerCase()}.not-rehearsed.invalid`;
}

/** `value` with each Ref and Fn::GetAtt to a stood-in resource replaced by its stand-in. */
function withStandIns(value: unknown, standIns: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => withStandIns(item, standIns));
  if (!isRecord(value)) return value;
  const entries = Object.entries(value);
  const [first] = entries;
  if (entries.length === 1 && first !== undefined) {
    const [key, argument] = first;
    if (key === 'Ref' && typeof argument === 'string' && standIns.has(argument)) return standInFor(argument);
    if (key === 'Fn::GetAtt') {
      const [logicalId, attribute] =
        typeof argument === 'string' ? argument.split('.') : (argument as unknown[]);
      if (typeof logicalId === 'string' && standIns.has(logicalId))
        return standInFor(logicalId, String(attribute));
    }
  }
  return Object.fromEntries(entries.map(([key, item]) => [key, withStandIns(item, standIns)]));
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
