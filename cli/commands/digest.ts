/**
 * `wirewatch digest [--day YYYY-MM-DD] [--state DIR]`: runs the real send-digest handler on the local
 * state, as the daily schedule does on AWS, for one UTC day (yesterday by default), and prints each
 * digest email delivered. Running a day again sends nothing new: each digest goes out once.
 */
import { join, resolve } from 'node:path';
import type { EmailDelivery } from '../../local/sns/sns-emulator.ts';
import { assertUtcDay, previousUtcDay } from '../../shared/pipeline/send-daily-digests.ts';
import { parseCommandArgs } from '../../tools/cli-arguments.ts';
import { CliError } from '../../tools/cli-error.ts';
import { startLocalRuntime } from '../local-runtime.ts';
import { printEmail } from '../print-email.ts';

const DEFAULT_STATE = join('.wirewatch', 'state');

const USAGE = `Usage: wirewatch digest [--day YYYY-MM-DD] [--state DIR] [--verbose]

  Sends the daily digest for one whole UTC day (default: yesterday; today's matches go into
  tomorrow's digest) to every digest subscriber of the local state DIR (default: ${DEFAULT_STATE},
  as kept by \`npm start -- --state ${DEFAULT_STATE}\`), with the real send-digest handler, and
  prints each email. A day already sent sends nothing again.
  On AWS the daily schedule runs it; invoke the function with a Scheduled Event to rerun a day.`;

function parse(args: string[]) {
  return parseCommandArgs(
    args,
    {
      day: { type: 'string' },
      state: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    USAGE,
  ).values;
}

export async function main(args: string[]): Promise<number> {
  const values = parse(args);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const now = new Date();
  const day = values.day ?? previousUtcDay(now);
  try {
    assertUtcDay(day);
  } catch (error) {
    throw new CliError(`--day: ${(error as Error).message}`);
  }
  const stateDir = resolve(values.state ?? DEFAULT_STATE);
  const pipeline = await startLocalRuntime({
    stateDir,
    outboxDir: join(stateDir, 'outbox'),
    verbose: values.verbose,
  });
  try {
    pipeline.aws.sns.onEmail((email: EmailDelivery) => {
      if (email.topicArn !== pipeline.digestTopicArn) return;
      printEmail('Digest', email);
    });
    const which = values.day === undefined ? ', yesterday: a digest covers one whole UTC day' : '';
    console.log(`wirewatch daily digest for ${day} (UTC${which}) · state: ${stateDir}`);
    const summary = await pipeline.sendDigests(day);
    console.log(
      `\n${summary.recipients} digest recipient${summary.recipients === 1 ? '' : 's'}: ${summary.sent} sent now, ${summary.alreadySent} sent before, ${summary.quiet} without a match that day`,
    );
    if (values.day === undefined && summary.sent === 0) {
      const today = now.toISOString().slice(0, 10);
      console.log(
        `Matches from today (${today}) go into tomorrow's digest. To send today's now, run with --day ${today}; each day's digest goes out once, so later matches today would not be in it.`,
      );
    }
    return 0;
  } finally {
    await pipeline.close();
  }
}
