/**
 * `wirewatch replay --since DATE`: re-reads the article documents archived in S3 on those days and
 * classifies them into the table again with the pipeline's own use case, e.g. after a classifier
 * change or to rebuild a lost table. Idempotent, and resumable from a checkpoint file; `--dry-run`
 * shows what would change without writing or alerting.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { DynamoDbAlertLedger } from '../../adapters/dynamodb/alert-ledger.dynamodb.ts';
import { DynamoDbArticleCatalog } from '../../adapters/dynamodb/article-catalog.dynamodb.ts';
import { DynamoDbRuleStore } from '../../adapters/dynamodb/rule-store.dynamodb.ts';
import { SnsAlertPublisher } from '../../adapters/sns/alert-publisher.sns.ts';
import { ARTICLE_PREFIX } from '../../shared/articles/storage-keys.ts';
import { createClassifier } from '../../shared/classification/classifier.ts';
import {
  archiveDays,
  listArchivedDocuments,
  narrowPrefixes,
  previewReplay,
  type ReplayedDocument,
  type ReplaySummary,
  replayDocuments,
} from '../../shared/pipeline/replay-archive.ts';
import { RuleBook } from '../../shared/pipeline/rule-book.ts';
import { systemClock } from '../../shared/ports/clock.ts';
import { terminalLine } from '../../shared/text/terminal-text.ts';
import { parseCommandArgs } from '../../tools/cli-arguments.ts';
import { CliError } from '../../tools/cli-error.ts';
import { parseTimeRange } from '../duration.ts';
import { type Target, withTarget } from '../target.ts';

const USAGE = `Usage: wirewatch replay --since DATE [--until DATE] [--prefix KEY_PREFIX] [--dry-run] [--state DIR]
       wirewatch replay --resume [--state DIR]

  Re-classifies the article documents archived on the days from --since to --until (UTC; until
  defaults to today) into the table, with the same code as the classify-article function. Replaying
  again changes nothing, and alerts are not sent again for articles already alerted on (the alert
  ledger keeps one record per article and rule); an article that newly matches a rule does alert.

  --since, --until  a date (2026-11-01), a timestamp, or a span back from now (7d)
  --prefix          narrow the days to keys under this prefix, e.g. articles/yyyy=2026/mm=11/dd=03/
  --dry-run         classify and print the labels that would change, and the alerts that would go out,
                    without writing anything or alerting
  --resume          continue the last replay that stopped or had failures, from its checkpoint
  --checkpoint FILE where progress is kept (default: DIR/replay-checkpoint.json with --state,
                    .wirewatch/replay-checkpoint.json otherwise); a new replay starts it afresh
  Without --state, AWS as named by WIREWATCH_TABLE_NAME, WIREWATCH_BUCKET_NAME, WIREWATCH_TOPIC_ARN.`;

/** How far a replay got: enough to continue it, and to refuse continuing it against another bucket. */
export interface ReplayCheckpoint {
  version: 1;
  bucket: string;
  since: string;
  until: string;
  prefix: string | null;
  /** The last listed key done; listing resumes after it. */
  lastKey: string | null;
  /** Keys that failed, retried first on --resume. */
  failedKeys: string[];
  updatedAt: string;
}

const CHECKPOINT_EVERY = 25;
const LINE_EVERY = 100;

export function defaultCheckpointPath(stateDir: string | null): string {
  return stateDir === null
    ? resolve('.wirewatch', 'replay-checkpoint.json')
    : join(stateDir, 'replay-checkpoint.json');
}

async function readCheckpoint(path: string): Promise<ReplayCheckpoint> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch {
    throw new CliError(`no replay to resume: ${path} does not exist (a replay removes it when it completes)`);
  }
  let checkpoint: ReplayCheckpoint | undefined;
  try {
    checkpoint = JSON.parse(raw) as ReplayCheckpoint;
  } catch {
    // Left undefined: reported below with the other unreadable cases.
  }
  if (checkpoint?.version !== 1) {
    throw new CliError(
      `${path} is not a replay checkpoint this version can read: delete it and start the replay again`,
    );
  }
  return checkpoint;
}

async function writeCheckpoint(path: string, checkpoint: ReplayCheckpoint): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  // Written whole to a temporary file and renamed over would be safer on crash, but a torn file only
  // costs a fresh start of an idempotent replay.
  await writeFile(
    path,
    `${JSON.stringify({ ...checkpoint, updatedAt: new Date().toISOString() }, null, 2)}\n`,
  );
}

/** A bar redrawn in place on a terminal; a line every few hundred documents in a log. */
function progressReporter(total: number) {
  const tty = process.stderr.isTTY === true;
  return {
    update(summary: ReplaySummary) {
      const counts = `created ${summary.created}, updated ${summary.updated}, unchanged ${summary.unchanged}, failed ${summary.failed}`;
      if (tty) {
        const width = 30;
        const filled = total === 0 ? width : Math.round((summary.read / total) * width);
        process.stderr.write(
          `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${summary.read}/${total}  ${counts}`,
        );
      } else if (summary.read % LINE_EVERY === 0 || summary.read === total) {
        process.stderr.write(`replay: ${summary.read}/${total} documents, ${counts}\n`);
      }
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}

function parse(args: string[]) {
  return parseCommandArgs(
    args,
    {
      since: { type: 'string' },
      until: { type: 'string' },
      prefix: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      resume: { type: 'boolean', default: false },
      checkpoint: { type: 'string' },
      state: { type: 'string' },
    },
    USAGE,
  ).values;
}

export async function main(args: string[]): Promise<number> {
  const values = parse(args);
  if (values.resume && (values.since ?? values.until ?? values.prefix) !== undefined) {
    throw new CliError(
      '--resume continues the range of the checkpoint: leave out --since, --until and --prefix',
    );
  }
  if (values.resume && values['dry-run'])
    throw new CliError('--dry-run writes no checkpoint, so there is nothing to resume');
  if (!values.resume && values.since === undefined) throw new CliError(`--since is required\n\n${USAGE}`);
  if (values.prefix !== undefined && !values.prefix.startsWith(ARTICLE_PREFIX)) {
    throw new CliError(
      `--prefix must start with ${ARTICLE_PREFIX}, e.g. ${ARTICLE_PREFIX}yyyy=2026/mm=11/dd=03/`,
    );
  }
  const range = values.resume ? null : parseTimeRange(values, systemClock.now(), values.since as string);

  const plan = (target: Target<'table' | 'archive'>) =>
    planReplay(target, {
      range,
      prefix: values.prefix ?? null,
      checkpoint: values.checkpoint,
      dryRun: values['dry-run'],
    });
  if (values['dry-run']) {
    return withTarget({ state: values.state, needs: ['table', 'archive'] }, async (target) => {
      const { keys } = await plan(target);
      return dryRun(target, keys);
    });
  }
  return withTarget({ state: values.state, needs: ['table', 'archive', 'alerts'] }, async (target) => {
    const { keys, checkpoint, checkpointPath } = await plan(target);
    return replay(target, keys, checkpoint, checkpointPath);
  });
}

/** The checkpoint to start from (a fresh one, or the saved one with --resume) and the keys to do. */
async function planReplay(
  target: Target<'table' | 'archive'>,
  request: {
    range: { since: string; until: string } | null;
    prefix: string | null;
    checkpoint: string | undefined;
    dryRun: boolean;
  },
) {
  const checkpointPath =
    request.checkpoint === undefined ? defaultCheckpointPath(target.stateDir) : resolve(request.checkpoint);
  const checkpoint: ReplayCheckpoint =
    request.range === null
      ? await readCheckpoint(checkpointPath)
      : {
          version: 1,
          bucket: target.archive.bucketName,
          ...request.range,
          prefix: request.prefix,
          lastKey: null,
          failedKeys: [],
          updatedAt: new Date().toISOString(),
        };
  if (checkpoint.bucket !== target.archive.bucketName) {
    throw new CliError(
      `${checkpointPath} is a replay of bucket ${checkpoint.bucket}, not ${target.archive.bucketName}: resume it against the same target`,
    );
  }
  const prefixes = narrowPrefixes(archiveDays(checkpoint.since, checkpoint.until), checkpoint.prefix);
  const listed = await listArchivedDocuments(target.archive.store, prefixes, checkpoint.lastKey);
  const keys = [...checkpoint.failedKeys, ...listed];
  const span = `${checkpoint.since.slice(0, 10)} to ${checkpoint.until.slice(0, 10)}${checkpoint.prefix === null ? '' : ` under ${checkpoint.prefix}`}`;
  const verb =
    request.range === null
      ? 'Resuming the replay of'
      : request.dryRun
        ? 'Dry run of a replay of'
        : 'Replaying';
  console.log(
    `${verb} ${span} from ${target.description}: ${keys.length} document${keys.length === 1 ? '' : 's'}`,
  );
  return { keys, checkpoint, checkpointPath };
}

function ruleBookOf(target: Target<'table'>) {
  // Loaded once for the whole replay: a replay is one consistent pass over the archive.
  return new RuleBook({
    store: new DynamoDbRuleStore(target.table),
    clock: systemClock,
    ttlMs: Number.POSITIVE_INFINITY,
  });
}

async function replay(
  target: Target<'table' | 'archive' | 'alerts'>,
  keys: readonly string[],
  checkpoint: ReplayCheckpoint,
  checkpointPath: string,
): Promise<number> {
  const deps = {
    archive: target.archive.store,
    catalog: new DynamoDbArticleCatalog(target.table),
    ledger: new DynamoDbAlertLedger(target.table),
    publisher: new SnsAlertPublisher(target.alerts.sns, target.alerts.topicArn),
    classifier: createClassifier(),
    ruleBook: ruleBookOf(target),
    clock: systemClock,
    // As the classify-article function has them.
    leaseSeconds: 60,
    clusterWindowDays: 7,
  };
  const progress = progressReporter(keys.length);
  const failures: ReplayedDocument[] = [];
  const state = { ...checkpoint, failedKeys: [...checkpoint.failedKeys] };
  await writeCheckpoint(checkpointPath, state);
  const summary = await replayDocuments(keys, deps, async (document, soFar) => {
    state.failedKeys = state.failedKeys.filter((key) => key !== document.key);
    if (document.status === 'failed') {
      state.failedKeys.push(document.key);
      failures.push(document);
    }
    if (state.lastKey === null || document.key > state.lastKey) state.lastKey = document.key;
    if (soFar.read % CHECKPOINT_EVERY === 0) await writeCheckpoint(checkpointPath, state);
    progress.update(soFar);
  });
  progress.done();
  console.log('\nSummary');
  console.log(`  documents read  ${summary.read}`);
  console.log(`  created         ${summary.created}`);
  console.log(`  updated         ${summary.updated}`);
  console.log(`  unchanged       ${summary.unchanged}`);
  console.log(`  failed          ${summary.failed}`);
  console.log(`  alerts sent     ${summary.alertsSent}`);
  if (state.failedKeys.length === 0) {
    await rm(checkpointPath, { force: true });
    return 0;
  }
  await writeCheckpoint(checkpointPath, state);
  for (const { key, error } of failures)
    console.error(`  failed: ${terminalLine(key)}: ${terminalLine(String(error))}`);
  console.error(
    `Retry the ${state.failedKeys.length} failed document(s) with \`wirewatch replay --resume\`.`,
  );
  return 1;
}

async function dryRun(target: Target<'table' | 'archive'>, keys: readonly string[]): Promise<number> {
  const deps = {
    archive: target.archive.store,
    catalog: new DynamoDbArticleCatalog(target.table),
    ledger: new DynamoDbAlertLedger(target.table),
    classifier: createClassifier(),
    ruleBook: ruleBookOf(target),
  };
  const counts = { new: 0, changed: 0, unchanged: 0, failed: 0, alerts: 0 };
  for (const key of keys) {
    try {
      const preview = await previewReplay(key, deps);
      counts[preview.status] += 1;
      counts.alerts += preview.wouldAlert.length;
      if (preview.status === 'unchanged' && preview.wouldAlert.length === 0) continue;
      console.log(`${preview.status.padEnd(9)} ${terminalLine(preview.title)}  (${terminalLine(key)})`);
      for (const change of preview.changes) {
        console.log(
          `          ${change.label}: ${change.before.join(',') || '-'} → ${change.after.join(',') || '-'}`,
        );
      }
      if (preview.wouldAlert.length > 0)
        console.log(`          would alert: ${preview.wouldAlert.join(', ')}`);
    } catch (error) {
      counts.failed += 1;
      console.error(`failed    ${terminalLine(key)}: ${terminalLine((error as Error).message)}`);
    }
  }
  console.log('\nDry run: nothing was written and nothing was sent.');
  console.log(`  documents read  ${keys.length}`);
  console.log(`  new             ${counts.new}`);
  console.log(`  changed labels  ${counts.changed}`);
  console.log(`  unchanged       ${counts.unchanged}`);
  console.log(`  failed          ${counts.failed}`);
  console.log(`  would alert     ${counts.alerts}`);
  return counts.failed === 0 ? 0 : 1;
}
