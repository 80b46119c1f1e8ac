/**
 * `wirewatch run [--feeds FILE] [--state DIR] [--watch]`: the whole pipeline on this machine, with the
 * real handlers on in-process emulators (local/). Registers the feeds, the analysts' rules and the
 * sample subscriber, polls every feed once now, prints each delivered email and a summary; with
 * --watch it keeps polling as each feed's schedule says.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SubscribeCommand } from '@aws-sdk/client-sns';
import { z } from 'zod';
import type { LocalPipeline } from '../../local/local-pipeline.ts';
import { createReader } from '../../reader/wirewatch-reader.ts';
import { registerFeeds } from '../../shared/pipeline/register-feeds.ts';
import { type FeedState, feedIdFor } from '../../shared/polling/feed-state.ts';
import { systemClock } from '../../shared/ports/clock.ts';
import { duplicateRuleIds, ruleNameProblem } from '../../shared/rules/rule-identity.ts';
import { parseRule, RuleSyntaxError } from '../../shared/rules/rule-language.ts';
import { parseCommandArgs } from '../../tools/cli-arguments.ts';
import { CliError } from '../../tools/cli-error.ts';
import { SAMPLES_DIR, startLocalRuntime } from '../local-runtime.ts';
import { printEmail } from '../print-email.ts';

const USAGE =
  'usage: wirewatch run [--feeds FILE] [--rules FILE] [--subscribers FILE] [--state DIR] [--watch] [--interval SECONDS] [--verbose]';

const FeedListSchema = z.array(
  z.object({
    url: z.url({ protocol: /^https?$/ }),
    title: z.string().optional(),
    charset: z.string().optional(),
  }),
);
const RuleListSchema = z.array(
  z.object({ id: z.string().min(1), name: z.string().optional(), query: z.string().min(1) }),
);
const SubscriberListSchema = z.array(
  z.object({ email: z.string().email(), filterPolicy: z.record(z.string(), z.unknown()).optional() }),
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
    throw new CliError(
      `${path} is not a valid ${what} list: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
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

/**
 * Waits `interval` seconds for the next poll: true when Ctrl-C came first. The listener goes when the
 * wait ends, whichever way, or a long watch would pile up one listener per poll.
 */
async function waitForNextPoll(interval: number): Promise<boolean> {
  let onInterrupt = () => {};
  try {
    return await new Promise<boolean>((done) => {
      const timer = setTimeout(() => done(false), interval * 1000);
      onInterrupt = () => {
        clearTimeout(timer);
        done(true);
      };
      process.on('SIGINT', onInterrupt);
    });
  } finally {
    process.off('SIGINT', onInterrupt);
  }
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
    },
    USAGE,
  );
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
  try {
    console.log(`wirewatch local run · state: ${stateDir ?? 'in memory (use --state DIR to keep it)'}`);
    const clock = systemClock;
    const registered = await registerFeeds(feeds, { feeds: pipeline.feedStore, clock });
    for (const rule of rules) {
      await pipeline.ruleStore.putRule({
        id: rule.id,
        name: rule.name ?? rule.id,
        query: rule.query,
        createdAt: clock.now().toISOString(),
      });
    }
    for (const subscriber of subscribers) {
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
    console.log(
      `${feeds.length} feeds (${registered.added.length} new), ${rules.length} rules, ${subscribers.length} subscriber(s)`,
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
        if (values.watch && (await waitForNextPoll(interval))) break;
        continue;
      }

      console.log(`\nFeeds polled at ${since}:`);
      for (const state of after.values()) console.log(describeFeed(before.get(state.feedId), state, since));
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
        rules.map(async ({ id }) => (await reader.alertsForRule(id, { since, limit: 1000 })).items.length),
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
        console.log(`    ${name}: ${code}: ${reason}`);
      }
      console.log(`  errors            ${failedFeeds + deadLetters.length}`);
      if (values.watch) {
        console.log(`\nWatching: next poll in ${interval} s (Ctrl-C to stop)`);
        if (await waitForNextPoll(interval)) break;
      }
    } while (values.watch);
    console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } finally {
    await pipeline.close();
  }
}
