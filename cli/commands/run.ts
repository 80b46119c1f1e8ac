/**
 * `wirewatch run [--feeds FILE] [--state DIR] [--watch] [--console]`: the whole pipeline on this machine, with the
 * real handlers on in-process emulators (local/). Registers the feeds; seeds the analysts' rules and
 * the sample subscriber once, when the state is new (rules and subscribers files given explicitly
 * are applied on every run), so later `rules` and `unsubscribe` edits stay; polls every feed once
 * now, prints each delivered email and a summary; with --watch it keeps polling as each feed's
 * schedule says. With --console (what `npm start` passes) it then serves the analyst console on
 * 127.0.0.1 over the same emulators and prints its URL, until Ctrl-C; with --watch too, polling
 * goes on while the console is served.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ListSubscriptionsByTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { z } from 'zod';
import type { ConsoleServer } from '../../local/console-server.ts';
import { startLocalConsole } from '../../local/local-console.ts';
import type { LocalPipeline } from '../../local/local-pipeline.ts';
import { createReader } from '../../reader/wirewatch-reader.ts';
import { registerFeeds } from '../../shared/pipeline/register-feeds.ts';
import { type FeedState, feedIdFor } from '../../shared/polling/feed-state.ts';
import { systemClock } from '../../shared/ports/clock.ts';
import { duplicateRuleIds, ruleNameProblem } from '../../shared/rules/rule-identity.ts';
import { parseRule, RuleSyntaxError } from '../../shared/rules/rule-language.ts';
import { checkRuleSetSize, RuleSetLimitError } from '../../shared/rules/rule-set-limits.ts';
import { terminalLine } from '../../shared/text/terminal-text.ts';
import { parseCommandArgs } from '../../tools/cli-arguments.ts';
import { CliError } from '../../tools/cli-error.ts';
import { isSeeded, markSeeded, SAMPLES_DIR, startLocalRuntime } from '../local-runtime.ts';
import { printEmail } from '../print-email.ts';

const USAGE =
  'usage: wirewatch run [--feeds FILE] [--rules FILE] [--subscribers FILE] [--state DIR] [--watch] [--interval SECONDS] [--console] [--console-port PORT] [--verbose]';

// Strict objects: a misspelt field is refused by name instead of being dropped without a word.
const FeedListSchema = z.array(
  z.strictObject({
    url: z.url({ protocol: /^https?$/ }),
    title: z.string().optional(),
    charset: z.string().optional(),
  }),
);
const RuleListSchema = z.array(
  z.strictObject({ id: z.string().min(1), name: z.string().optional(), query: z.string().min(1) }),
);
const SubscriberListSchema = z.array(
  z.strictObject({ email: z.string().email(), filterPolicy: z.record(z.string(), z.unknown()).optional() }),
);

async function readJson<Schema extends z.ZodType>(
  path: string,
  schema: Schema,
  what: string,
): Promise<z.infer<Schema>> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read the ${what} file ${path}: ${(error as NodeJS.ErrnoException).code}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new CliError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const [index, ...field] = issue?.path ?? [];
    const where =
      typeof index === 'number'
        ? `, entry ${index + 1}${field.length > 0 ? ` (${field.join('.')})` : ''}`
        : '';
    throw new CliError(`${path} is not a valid ${what} list${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

function describeFeed(before: FeedState | undefined, after: FeedState, since: string): string {
  const name = after.title ?? after.url;
  if (after.lastFetchedAt === null || after.lastFetchedAt < since)
    return `  ·  ${name}: not due until ${after.nextDueAt}`;
  if (after.lastError !== null && after.lastError.at >= since) {
    const broken = after.status === 'broken' ? ' (marked broken)' : '';
    return `  ✗  ${name}: ${after.lastError.code}: ${after.lastError.message}${broken}`;
  }
  if (after.lastStatus === 304) return `  ✓  ${name}: 304 not modified, nothing stored`;
  const fresh = after.itemsSeen - (before?.itemsSeen ?? 0);
  return `  ✓  ${name}: ${after.lastStatus ?? 200}, ${fresh} new article${fresh === 1 ? '' : 's'}`;
}

async function listFeeds(pipeline: LocalPipeline, ids: readonly string[]): Promise<Map<string, FeedState>> {
  const states = await Promise.all(ids.map((id) => pipeline.feedStore.getFeed(id)));
  return new Map(
    states.filter((state): state is FeedState => state !== null).map((state) => [state.feedId, state]),
  );
}

async function countSubscribers(pipeline: LocalPipeline): Promise<number> {
  let count = 0;
  let nextToken: string | undefined;
  do {
    const page = await pipeline.sns.send(
      new ListSubscriptionsByTopicCommand({ TopicArn: pipeline.topicArn, NextToken: nextToken }),
    );
    count += page.Subscriptions?.length ?? 0;
    nextToken = page.NextToken;
  } while (nextToken !== undefined);
  return count;
}

/** Resolves at Ctrl-C or SIGTERM, removing its handlers. */
function untilStopped(): Promise<void> {
  return new Promise<void>((done) => {
    const onSignal = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      done();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

function consolePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliError('--console-port must be a port number (0 lets the system choose)');
  return port;
}

/**
 * Waits `seconds` for the next poll; true when Ctrl-C or SIGTERM came first. Its signal handlers are
 * gone when it resolves, so a signal during a poll stops the process at once (the state keeps the
 * unfinished jobs for the next run) instead of being swallowed by a handler left from a past wait.
 */
export function stoppedBeforeNextPoll(seconds: number): Promise<boolean> {
  return new Promise<boolean>((done) => {
    const finish = (stopped: boolean) => {
      clearTimeout(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      done(stopped);
    };
    const onSignal = () => finish(true);
    const timer = setTimeout(() => finish(false), seconds * 1000);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

export async function main(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      feeds: { type: 'string' },
      rules: { type: 'string' },
      subscribers: { type: 'string' },
      state: { type: 'string' },
      watch: { type: 'boolean', default: false },
      interval: { type: 'string', default: '60' },
      verbose: { type: 'boolean', default: false },
      console: { type: 'boolean', default: false },
      'console-port': { type: 'string' },
    },
    USAGE,
  );
  const port = consolePort(values['console-port']);
  const interval = Number(values.interval);
  if (!Number.isFinite(interval) || interval <= 0)
    throw new CliError('--interval must be a positive number of seconds');
  const started = Date.now();
  const stateDir = values.state === undefined ? null : resolve(values.state);
  const outboxDir = stateDir === null ? resolve('.wirewatch', 'outbox') : join(stateDir, 'outbox');
  const feeds = await readJson(values.feeds ?? join(SAMPLES_DIR, 'feeds.json'), FeedListSchema, 'feed');
  const rules = await readJson(values.rules ?? join(SAMPLES_DIR, 'rules.json'), RuleListSchema, 'rule');
  const subscribers = await readJson(
    values.subscribers ?? join(SAMPLES_DIR, 'subscribers.json'),
    SubscriberListSchema,
    'subscriber',
  );
  try {
    checkRuleSetSize(rules);
  } catch (error) {
    if (error instanceof RuleSetLimitError)
      throw new CliError(`${values.rules ?? 'the rules file'}: ${error.message}`);
    throw error;
  }
  const duplicates = duplicateRuleIds(rules);
  if (duplicates.length > 0)
    throw new CliError(`each rule needs its own id; repeated: ${duplicates.join(', ')}`);
  for (const rule of rules) {
    const nameProblem = rule.name === undefined ? null : ruleNameProblem(rule.name);
    if (nameProblem !== null) throw new CliError(`rule ${rule.id}: ${nameProblem}`);
    try {
      parseRule(rule.query);
    } catch (error) {
      if (error instanceof RuleSyntaxError) throw new CliError(`rule ${rule.id}: ${error.message}`);
      throw error;
    }
  }

  const pipeline = await startLocalRuntime({ stateDir, outboxDir, verbose: values.verbose });
  let consoleServer: ConsoleServer | null = null;
  let consoleAnnounced = false;
  // Served from before the first poll, so the emails it sends link to the console; announced once,
  // after that poll, so the console opens on what the poll brought in.
  const serveConsole = async () => {
    if (consoleServer === null || consoleAnnounced) return;
    consoleAnnounced = true;
    console.log(`\nAnalyst console: ${consoleServer.url}`);
    console.log("  (the link carries this run's access token; open it in a browser on this machine)");
  };
  try {
    if (values.console) consoleServer = await startLocalConsole(pipeline, { port });
    console.log(`wirewatch local run · state: ${stateDir ?? 'in memory (use --state DIR to keep it)'}`);
    const unfinished = pipeline.pendingJobs();
    if (unfinished > 0) console.log(`resuming ${unfinished} job(s) an interrupted run left unfinished`);
    const clock = systemClock;
    const registered = await registerFeeds(feeds, { feeds: pipeline.feedStore, clock });
    const seeded = await isSeeded(stateDir);
    const applyRules = !seeded || values.rules !== undefined;
    const applySubscribers = !seeded || values.subscribers !== undefined;
    for (const rule of applyRules ? rules : []) {
      await pipeline.ruleStore.putRule({
        id: rule.id,
        name: rule.name ?? rule.id,
        query: rule.query,
        createdAt: clock.now().toISOString(),
      });
    }
    for (const subscriber of applySubscribers ? subscribers : []) {
      await pipeline.sns.send(
        new SubscribeCommand({
          TopicArn: pipeline.topicArn,
          Protocol: 'email',
          Endpoint: subscriber.email,
          ReturnSubscriptionArn: true,
          ...(subscriber.filterPolicy === undefined
            ? {}
            : { Attributes: { FilterPolicy: JSON.stringify(subscriber.filterPolicy) } }),
        }),
      );
    }
    if (!seeded) {
      await markSeeded(stateDir, {
        at: clock.now().toISOString(),
        rules: rules.map(({ id }) => id),
        subscribers: subscribers.map(({ email }) => email),
      });
    }
    const ruleIds = (await pipeline.ruleStore.listRules()).map(({ id }) => id);
    const kept = applyRules && applySubscribers ? '' : ` (as kept in ${stateDir}; samples are seeded once)`;
    console.log(
      `${feeds.length} feeds (${registered.added.length} new), ${ruleIds.length} rules, ${await countSubscribers(pipeline)} subscriber(s)${kept}`,
    );
    pipeline.aws.sns.onEmail((email) => printEmail('Alert', email));

    // `run` means "poll now": every listed feed is due at start, whatever its schedule said.
    const ids = feeds.map(({ url }) => feedIdFor(new URL(url).toString()));
    for (const state of (await listFeeds(pipeline, ids)).values()) {
      await pipeline.feedStore.saveFeedState({ ...state, nextDueAt: clock.now().toISOString() });
    }

    do {
      const since = clock.now().toISOString();
      const before = await listFeeds(pipeline, ids);
      const statsBefore = pipeline.queueStats();
      const documentsBefore = pipeline.archivedDocuments.size;
      const classifiedBefore = pipeline.classifiedDocuments.size;
      const emailsBefore = pipeline.aws.sns.emails.length;
      const deadBefore = new Map([...pipeline.deadLetterQueues].map(([name, queue]) => [name, queue.size]));
      await pipeline.tick();
      const after = await listFeeds(pipeline, ids);
      const stats = pipeline.queueStats();
      const delta = (
        name: 'feedJobs' | 'articleJobs' | 'classifyJobs',
        key: 'succeeded' | 'retried' | 'deliveries',
      ) => (stats.get(name)?.[key] ?? 0) - (statsBefore.get(name)?.[key] ?? 0);
      const polled = [...after.values()].filter(({ lastFetchedAt }) => (lastFetchedAt ?? '') >= since);
      const deliveries =
        delta('feedJobs', 'deliveries') +
        delta('articleJobs', 'deliveries') +
        delta('classifyJobs', 'deliveries');
      if (polled.length === 0 && deliveries === 0) {
        // A watch wakes every interval; most wake-ups find no feed due and deserve one line, not a summary.
        const nextDue = [...after.values()].map(({ nextDueAt }) => nextDueAt).sort()[0] ?? 'never';
        console.log(`${since}  nothing due (next feed due ${nextDue}); next poll in ${interval} s`);
        await serveConsole();
        if (values.watch && (await stoppedBeforeNextPoll(interval))) break;
        continue;
      }

      console.log(`\nFeeds polled at ${since}:`);
      for (const state of after.values())
        console.log(terminalLine(describeFeed(before.get(state.feedId), state, since)));
      const failedFeeds = [...after.values()].filter(
        (s) => s.lastError !== null && s.lastError.at >= since,
      ).length;
      const deadLetters = [...pipeline.deadLetterQueues].flatMap(([name, queue]) =>
        queue
          .list()
          .slice(deadBefore.get(name) ?? 0)
          .map((message) => ({ name, message })),
      );
      const emails = pipeline.aws.sns.emails.length - emailsBefore;
      const reader = createReader(pipeline.table);
      const published = await Promise.all(
        ruleIds.map(async (id) => (await reader.alertsForRule(id, { since, limit: 1000 })).items.length),
      );
      const alerts = published.reduce((sum, count) => sum + count, 0);
      console.log('\nSummary');
      console.log(`  feeds fetched     ${delta('feedJobs', 'succeeded')} (${failedFeeds} failed)`);
      console.log(`  articles stored   ${pipeline.archivedDocuments.size - documentsBefore}`);
      console.log(`  classified        ${pipeline.classifiedDocuments.size - classifiedBefore}`);
      console.log(
        `  alerts sent       ${alerts} (${emails} email${emails === 1 ? '' : 's'} delivered to subscribers)`,
      );
      console.log(
        `  retries           ${delta('feedJobs', 'retried') + delta('articleJobs', 'retried') + delta('classifyJobs', 'retried')}`,
      );
      console.log(`  dead letters      ${deadLetters.length}`);
      for (const { name, message } of deadLetters) {
        const code = message.attributes.errorCode?.StringValue ?? 'unknown';
        const reason = message.attributes.errorMessage?.StringValue ?? '';
        console.log(`    ${name}: ${terminalLine(code)}: ${terminalLine(reason)}`);
      }
      console.log(`  errors            ${failedFeeds + deadLetters.length}`);
      await serveConsole();
      if (values.watch) {
        console.log(`\nWatching: next poll in ${interval} s (Ctrl-C to stop)`);
        if (await stoppedBeforeNextPoll(interval)) break;
      }
    } while (values.watch);
    console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // With --watch the loop ends at Ctrl-C only; without, the console is served until then.
    if (consoleServer !== null && !values.watch) {
      console.log('Serving the analyst console until Ctrl-C.');
      await untilStopped();
    }
    return 0;
  } finally {
    await (consoleServer as ConsoleServer | null)?.close();
    await pipeline.close();
  }
}
