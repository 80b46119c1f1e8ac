/**
 * One deployment's settings (a "stage", e.g. dev or prod), typed and validated before any resource
 * is built, so a bad value fails `cdk synth` with a message naming the setting instead of failing
 * half-way through a deploy.
 *
 * Where values come from, later winning: the defaults below, then the stage's block in cdk.json
 * (`context.wirewatch.stages.<stage>`), then `-c key=value` options (objects as JSON strings).
 * `-c stage=<name>` picks the stage (default `dev`). Pure data and checks: no aws-cdk-lib import.
 */

import {
  bandItemsBeforeValue,
  DIGEST_SCHEDULE_UTC,
  DISPATCH_SCHEDULE_MINUTES,
  FUNCTIONS,
  type FunctionName,
  type QueueName,
} from './resource-definitions.ts';

export type RemovalChoice = 'retain' | 'destroy';

/** The functions whose SQS trigger can fan out, and so take a `maxConcurrency` cap. */
export type QueueConsumerName = 'fetchFeed' | 'fetchArticle' | 'classifyArticle';

export interface StageConfig {
  /** Names the stack (`Wirewatch-<stage>`) and tags every resource; lower-case letters, digits, hyphens. */
  readonly stage: string;
  /** Minutes between two dispatch-feeds runs. */
  readonly dispatchRateMinutes: number;
  /** When send-digest runs each day, UTC. */
  readonly digestHourUtc: number;
  readonly digestMinuteUtc: number;
  /** Subscribed by email to the ops topic; null when on-call subscribes by hand. */
  readonly opsAlarmEmail: string | null;
  /** Days before raw pages (`raw/`) are deleted from the bucket; null keeps them. */
  readonly rawPageRetentionDays: number | null;
  /** Days before article JSON (`articles/`) is deleted from the bucket; null keeps it. */
  readonly articleRetentionDays: number | null;
  /** Days the functions' log groups keep logs; one of CloudWatch Logs' allowed values. */
  readonly logRetentionDays: number;
  /** What happens to the table and the bucket when the stack is deleted. */
  readonly dataRemovalPolicy: RemovalChoice;
  /** Most concurrent invocations each queue trigger may start (SQS event sources allow 2 to 1000). */
  readonly maxConcurrency: Readonly<Record<QueueConsumerName, number>>;
  /** Concurrency reserved (and capped) per function; functions not named share the account pool. */
  readonly reservedConcurrency: Readonly<Partial<Record<FunctionName, number>>>;
  /** Memory per function, in MiB (Lambda allows 128 to 10240). */
  readonly memoryMiB: Readonly<Record<FunctionName, number>>;
  /** How long the oldest job of each queue may wait before ops are alarmed, in minutes. */
  readonly backlogMaxAgeMinutes: Readonly<Record<QueueName, number>>;
  /**
   * The analysts' sign-in page is `https://<prefix>.auth.<region>.amazoncognito.com`; the prefix is
   * unique per region across all of AWS. null: `wirewatch-<stage>-<account id>`, unique per account.
   */
  readonly consoleDomainPrefix: string | null;
  /** The console API stage's steady request rate (requests per second) and burst, for all callers together. */
  readonly consoleApiRateLimit: number;
  readonly consoleApiBurstLimit: number;
  /**
   * Whether X-Ray traces the pipeline functions: Lambda's active tracing records every invocation and
   * its INIT, and Powertools Tracer each AWS SDK call in it. Off, nothing is traced and the bundles
   * leave out the X-Ray SDK, which costs about 55–70 M instructions (a sixth of a small function's
   * import). See docs/operations.md.
   */
  readonly tracing: boolean;
  /**
   * When schema 1.5 reached this stage's table (ISO time), `none` for a table created by 1.5 or later,
   * or null when unknown: classify-article then stops querying for the per-article SimHash band items
   * of 1.1 to 1.4 a week after it (WIREWATCH_BAND_ITEMS_BEFORE). Unknown, it always queries.
   */
  readonly bandItemsBefore: string | null;
}

/** Where each setting may come from, as `app.node.tryGetContext` returns it. */
export type ContextReader = (key: string) => unknown;

const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];

/** CloudWatch Logs accepts only these retention periods (days). */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/**
 * The fetch functions spend most of a record waiting on news sites (a poll about 300 ms against
 * 25–100 ms of CPU at a full vCPU, a page about 500 ms against 60–80 ms), and Lambda bills memory
 * for the wait: half the memory halves the wait's cost and only stretches the CPU part (Lambda
 * gives CPU in proportion to memory). Priced in docs/cost.md: −$3.4 a month at the design workload.
 * Parsing a 10 MB feed (fetch-feed's limit) adds 50–60 MB through the handler, so fetch-feed polls
 * two feeds of a batch at a time (functions/fetch-feed.ts): five at once peaked at 269–307 MB, two at
 * 168–186 MB. fetch-article holds more: one 5 MB page (its limit) takes a warm process from about
 * 105 MB to 225–240 MB, 306 MB for a page of dense markup, so 256 MB would not hold even one; three
 * records at a time (functions/fetch-article.ts) peaked at 340–435 MB on ten such pages (docs/cost.md).
 */
const NETWORK_BOUND_MEMORY_MIB = { fetchFeed: 256, fetchArticle: 512 } as const satisfies Partial<
  Record<FunctionName, number>
>;

/**
 * Defaults for any stage. Concurrency caps: fetches are polite to news sites (a burst of due feeds
 * becomes at most 5 concurrent polls and 10 concurrent page fetches); classify keeps pace with 10.
 * dispatch-feeds, send-digest and roll-up-trends run alone: a second concurrent run would only duplicate work.
 */
export const DEFAULT_STAGE_CONFIG: StageConfig = {
  stage: 'dev',
  dispatchRateMinutes: DISPATCH_SCHEDULE_MINUTES,
  digestHourUtc: DIGEST_SCHEDULE_UTC.hour,
  digestMinuteUtc: DIGEST_SCHEDULE_UTC.minute,
  opsAlarmEmail: null,
  rawPageRetentionDays: null,
  articleRetentionDays: null,
  logRetentionDays: 30,
  dataRemovalPolicy: 'retain',
  maxConcurrency: { fetchFeed: 5, fetchArticle: 10, classifyArticle: 10 },
  reservedConcurrency: { dispatchFeeds: 1, sendDigest: 1, rollUpTrends: 1 },
  memoryMiB: {
    ...(Object.fromEntries(FUNCTION_NAMES.map((name) => [name, FUNCTIONS[name].memoryMiB])) as Record<
      FunctionName,
      number
    >),
    ...NETWORK_BOUND_MEMORY_MIB,
  },
  backlogMaxAgeMinutes: { feedJobs: 15, articleJobs: 30, classifyJobs: 15 },
  consoleDomainPrefix: null,
  // A few analysts clicking and typing (rule checks as they type) stay far below this; a runaway
  // script or a stolen token cannot run up the bill or starve the previews of the others.
  consoleApiRateLimit: 10,
  consoleApiBurstLimit: 20,
  tracing: false,
  bandItemsBefore: null,
};

/** Context key of the per-stage blocks in cdk.json. */
export const STAGES_CONTEXT_KEY = 'wirewatch';

/** Raw pages move to infrequent access after this many days; S3 wants expiry after any transition. */
export const RAW_PAGES_INFREQUENT_ACCESS_AFTER_DAYS = 30;

export class StageConfigError extends Error {
  constructor(setting: string, problem: string, value: unknown) {
    super(`Invalid wirewatch setting "${setting}": ${problem} (got ${JSON.stringify(value)})`);
    this.name = 'StageConfigError';
  }
}

/** Reads and checks the configuration of the stage `-c stage=<name>` names. */
export function loadStageConfig(context: ContextReader): StageConfig {
  const stage = context('stage') ?? DEFAULT_STAGE_CONFIG.stage;
  const block = asRecord(context(STAGES_CONTEXT_KEY) ?? {}, STAGES_CONTEXT_KEY);
  for (const key of Object.keys(block)) {
    if (key !== 'stages')
      throw new StageConfigError(`${STAGES_CONTEXT_KEY}.${key}`, 'unknown key; known: stages', block[key]);
  }
  const stages = block.stages ?? {};
  const fromFile = asRecord(
    asRecord(stages, `${STAGES_CONTEXT_KEY}.stages`)[String(stage)] ?? {},
    `stage ${stage}`,
  );
  const fromOptions = Object.fromEntries(
    [...SETTINGS_FROM_OPTIONS, ...Object.keys(RENAMED_SETTINGS)].flatMap((key) => {
      const value = context(key);
      return value === undefined ? [] : [[key, value]];
    }),
  );
  return parseStageConfig({ ...fromFile, ...fromOptions, stage });
}

/** Every setting but the stage may also come from `-c key=value`; objects as JSON strings. */
const SETTINGS_FROM_OPTIONS = Object.keys(DEFAULT_STAGE_CONFIG).filter((key) => key !== 'stage');

/** Settings that were renamed, refused with their new name wherever they are given. */
const RENAMED_SETTINGS: Readonly<Record<string, string>> = {
  traceAwsCalls: 'tracing (which now also turns Lambda active tracing on or off)',
};

/**
 * Checks every setting of `raw` against the defaults; unknown keys are refused so a misspelt
 * setting cannot be silently ignored. Numbers may arrive as strings (`-c` passes strings).
 */
export function parseStageConfig(raw: Record<string, unknown>): StageConfig {
  const known = new Set(Object.keys(DEFAULT_STAGE_CONFIG));
  for (const key of Object.keys(raw)) {
    const renamed = RENAMED_SETTINGS[key];
    if (renamed !== undefined) throw new StageConfigError(key, `renamed to ${renamed}`, raw[key]);
    if (!known.has(key))
      throw new StageConfigError(key, `unknown setting; known: ${[...known].join(', ')}`, raw[key]);
  }
  const d = DEFAULT_STAGE_CONFIG;
  const config: StageConfig = {
    stage: stageName(raw.stage ?? d.stage),
    dispatchRateMinutes: wholeNumber(
      'dispatchRateMinutes',
      raw.dispatchRateMinutes ?? d.dispatchRateMinutes,
      1,
      1440,
    ),
    digestHourUtc: wholeNumber('digestHourUtc', raw.digestHourUtc ?? d.digestHourUtc, 0, 23),
    digestMinuteUtc: wholeNumber('digestMinuteUtc', raw.digestMinuteUtc ?? d.digestMinuteUtc, 0, 59),
    opsAlarmEmail: email(
      'opsAlarmEmail',
      raw.opsAlarmEmail === undefined ? d.opsAlarmEmail : raw.opsAlarmEmail,
    ),
    rawPageRetentionDays: retentionDays(
      'rawPageRetentionDays',
      raw.rawPageRetentionDays === undefined ? d.rawPageRetentionDays : raw.rawPageRetentionDays,
      RAW_PAGES_INFREQUENT_ACCESS_AFTER_DAYS + 1,
    ),
    articleRetentionDays: retentionDays(
      'articleRetentionDays',
      raw.articleRetentionDays === undefined ? d.articleRetentionDays : raw.articleRetentionDays,
      1,
    ),
    logRetentionDays: logRetention(raw.logRetentionDays ?? d.logRetentionDays),
    dataRemovalPolicy: removalChoice(raw.dataRemovalPolicy ?? d.dataRemovalPolicy),
    maxConcurrency: numberRecord('maxConcurrency', raw.maxConcurrency, d.maxConcurrency, 2, 1000),
    reservedConcurrency: partialNumberRecord(
      'reservedConcurrency',
      raw.reservedConcurrency,
      d.reservedConcurrency,
      FUNCTION_NAMES,
      1,
      1000,
    ),
    memoryMiB: numberRecord('memoryMiB', raw.memoryMiB, d.memoryMiB, 128, 10_240),
    backlogMaxAgeMinutes: numberRecord(
      'backlogMaxAgeMinutes',
      raw.backlogMaxAgeMinutes,
      d.backlogMaxAgeMinutes,
      1,
      1440,
    ),
    consoleDomainPrefix: domainPrefix(
      raw.consoleDomainPrefix === undefined ? d.consoleDomainPrefix : raw.consoleDomainPrefix,
    ),
    consoleApiRateLimit: wholeNumber(
      'consoleApiRateLimit',
      raw.consoleApiRateLimit ?? d.consoleApiRateLimit,
      1,
      10_000,
    ),
    consoleApiBurstLimit: wholeNumber(
      'consoleApiBurstLimit',
      raw.consoleApiBurstLimit ?? d.consoleApiBurstLimit,
      1,
      5_000,
    ),
    tracing: flag('tracing', raw.tracing ?? d.tracing),
    bandItemsBefore: timeOrNone(
      'bandItemsBefore',
      raw.bandItemsBefore === undefined ? d.bandItemsBefore : raw.bandItemsBefore,
    ),
  };
  assertReservationsFitTriggers(config);
  return config;
}

/** A function reserved below its trigger's cap would throttle its own queue's messages. */
function assertReservationsFitTriggers(config: StageConfig): void {
  for (const [name, cap] of Object.entries(config.maxConcurrency) as [QueueConsumerName, number][]) {
    const reserved = config.reservedConcurrency[name];
    if (reserved !== undefined && reserved < cap) {
      throw new StageConfigError(
        `reservedConcurrency.${name}`,
        `must be at least maxConcurrency.${name} (${cap}), or the trigger is throttled`,
        reserved,
      );
    }
  }
}

/** A yes/no setting; `-c` passes 'true' or 'false' as strings. */
function flag(setting: string, value: unknown): boolean {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new StageConfigError(setting, 'must be true or false', value);
}

/** An ISO time (normalised), `none`, or null/empty for unknown. */
function timeOrNone(setting: string, value: unknown): string | null {
  if (value === null || value === '') return null;
  const parsed = typeof value === 'string' ? bandItemsBeforeValue(value) : null;
  if (parsed === null)
    throw new StageConfigError(
      setting,
      'must be an ISO time (2026-12-09T10:00:00Z), "none", or empty',
      value,
    );
  return parsed;
}

/** Stack names allow letters, digits and hyphens; lower case keeps derived names predictable. */
function stageName(value: unknown): string {
  if (typeof value !== 'string' || !/^[a-z][a-z0-9-]{0,19}$/.test(value)) {
    throw new StageConfigError(
      'stage',
      'must start with a lower-case letter and hold at most 20 lower-case letters, digits or hyphens',
      value,
    );
  }
  return value;
}

/**
 * Cognito's rule for a hosted UI domain prefix: lower-case letters, digits and inner hyphens, at most
 * 63, and none of the reserved words it refuses at deploy time.
 */
function domainPrefix(value: unknown): string | null {
  if (value === null || value === '') return null;
  if (typeof value !== 'string' || !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(value)) {
    throw new StageConfigError(
      'consoleDomainPrefix',
      'must be 1 to 63 lower-case letters, digits or inner hyphens, or empty for wirewatch-<stage>-<account id>',
      value,
    );
  }
  const reserved = ['aws', 'amazon', 'cognito'].find((word) => value.includes(word));
  if (reserved !== undefined) {
    throw new StageConfigError(
      'consoleDomainPrefix',
      `must not contain "${reserved}" (Cognito refuses it)`,
      value,
    );
  }
  return value;
}

function wholeNumber(setting: string, value: unknown, min: number, max: number): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
    throw new StageConfigError(setting, `must be a whole number from ${min} to ${max}`, value);
  }
  return number;
}

/** A deliberately loose check: one @, no spaces, a dot in the domain. SNS confirms the rest. */
function email(setting: string, value: unknown): string | null {
  if (value === null || value === '') return null;
  if (typeof value !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
    throw new StageConfigError(setting, 'must be an email address, or empty for none', value);
  }
  return value;
}

/** `null` or `"never"` keeps objects forever; otherwise whole days, at least `min`. */
function retentionDays(setting: string, value: unknown, min: number): number | null {
  if (value === null || value === 'never') return null;
  return wholeNumber(setting, value, min, 36_500);
}

function logRetention(value: unknown): number {
  const days = typeof value === 'string' ? Number(value) : value;
  if (!LOG_RETENTION_DAYS.includes(days as (typeof LOG_RETENTION_DAYS)[number])) {
    throw new StageConfigError('logRetentionDays', `must be one of ${LOG_RETENTION_DAYS.join(', ')}`, value);
  }
  return days as number;
}

function removalChoice(value: unknown): RemovalChoice {
  if (value !== 'retain' && value !== 'destroy') {
    throw new StageConfigError('dataRemovalPolicy', 'must be "retain" or "destroy"', value);
  }
  return value;
}

/** Every key of `defaults`, each overridable; keys `defaults` lacks are refused. */
function numberRecord<K extends string>(
  setting: string,
  value: unknown,
  defaults: Readonly<Record<K, number>>,
  min: number,
  max: number,
): Record<K, number> {
  const overrides = asRecord(value ?? {}, setting);
  const keys = Object.keys(defaults) as K[];
  for (const key of Object.keys(overrides)) {
    if (!keys.includes(key as K)) {
      throw new StageConfigError(
        `${setting}.${key}`,
        `unknown key; known: ${keys.join(', ')}`,
        overrides[key],
      );
    }
  }
  return Object.fromEntries(
    keys.map((key) => [key, wholeNumber(`${setting}.${key}`, overrides[key] ?? defaults[key], min, max)]),
  ) as Record<K, number>;
}

/** Like numberRecord, but a key may be absent; `null` removes a default entry. */
function partialNumberRecord<K extends string>(
  setting: string,
  value: unknown,
  defaults: Readonly<Partial<Record<K, number>>>,
  keys: readonly K[],
  min: number,
  max: number,
): Partial<Record<K, number>> {
  const merged: Record<string, unknown> = { ...defaults, ...asRecord(value ?? {}, setting) };
  const result: Partial<Record<K, number>> = {};
  for (const [key, entry] of Object.entries(merged)) {
    if (!keys.includes(key as K)) {
      throw new StageConfigError(`${setting}.${key}`, `unknown key; known: ${keys.join(', ')}`, entry);
    }
    if (entry !== null) result[key as K] = wholeNumber(`${setting}.${key}`, entry, min, max);
  }
  return result;
}

/** cdk.json gives objects; `-c` gives strings, which may hold JSON. */
function asRecord(value: unknown, setting: string): Record<string, unknown> {
  const parsed = typeof value === 'string' ? parseJson(value, setting) : value;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new StageConfigError(setting, 'must be an object', value);
  }
  return parsed as Record<string, unknown>;
}

function parseJson(value: string, setting: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw new StageConfigError(setting, 'must be a JSON object', value);
  }
}
