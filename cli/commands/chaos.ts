/**
 * `wirewatch chaos [--articles N] [--feeds F] [--fault-rate R] [--seed S] [--json]`: runs the local
 * pipeline over a generated corpus while injecting faults reproducibly from the seed (local/chaos/),
 * then checks what was stored and alerted against the corpus's ground truth. Exits 1 on any miss:
 * an article lost or stored twice, an alert missing or sent twice by a bug, a dead letter that was not
 * poisoned on purpose.
 */
import { type ChaosDetails, type ChaosReport, chaosPassed, runChaos } from '../../local/chaos/chaos-run.ts';
import { parseCommandArgs } from '../../tools/cli-arguments.ts';
import { CliError } from '../../tools/cli-error.ts';

const USAGE = 'usage: wirewatch chaos [--articles N] [--feeds F] [--fault-rate R] [--seed S] [--json]';

function wholeNumber(value: string, name: string, minimum: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < minimum)
    throw new CliError(`--${name} must be a whole number ≥ ${minimum}, got "${value}"\n\n${USAGE}`);
  return number;
}

const sum = (counts: Record<string, number>) =>
  Object.values(counts).reduce((total, count) => total + count, 0);
const listed = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');

function print(report: ChaosReport, details: ChaosDetails, passed: boolean): void {
  const { articles, alerts } = report;
  console.log(`wirewatch chaos · seed ${report.seed} · fault rate ${report.faultRate}`);
  console.log('\nInjected');
  console.log(
    `  AWS attempts failed  ${sum(details.aws.injected)} of ${details.aws.attempts} (${listed(details.aws.injected)})`,
  );
  console.log(`  invocations cut short ${sum(details.runtime.killed)} (${listed(details.runtime.killed)})`);
  console.log(`  batches reordered    ${details.runtime.reordered}`);
  console.log(
    `  delivered twice      ${sum(details.runtime.redelivered)} (${listed(details.runtime.redelivered)})`,
  );
  console.log(`  feed polls faulted   ${sum(details.feeds)} (${listed(details.feeds)})`);
  console.log(`\nResults after ${details.rounds} polling round(s)`);
  console.log(
    `  articles   expected ${articles.expected}  stored ${articles.stored}  lost ${articles.lost}  stored twice ${articles.duplicated}`,
  );
  console.log(
    `  alerts     expected ${alerts.expected}  delivered ${alerts.delivered}  missing ${alerts.missing}  duplicated ${alerts.duplicated}  unpreventable ${alerts.unpreventable}`,
  );
  if (details.unexpectedAlerts.length > 0)
    console.log(
      `  unexpected alerts ${details.unexpectedAlerts.length}: ${details.unexpectedAlerts.slice(0, 5).join(', ')}`,
    );
  for (const [what, ids] of [
    ['lost', details.lostArticles],
    ['missing', details.missingAlerts],
    ['duplicated', details.duplicatedAlerts],
  ] as const) {
    if (ids.length > 0) console.log(`  ${what}: ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`);
  }
  console.log(`  dead letters ${report.deadLetters.length}`);
  for (const { queue, reason, poisoned } of report.deadLetters)
    console.log(`    ${queue}: ${reason} (${poisoned ? 'poisoned on purpose' : 'NOT poisoned: a loss'})`);
  console.log(
    `  retries    ${report.retries} (SDK ${details.sdkRetries}, queue redeliveries ${details.queueRetries})`,
  );
  console.log(`  wall time  ${report.seconds} s`);
  console.log(`\n${passed ? 'PASS' : 'FAIL'}: ${passed ? 'nothing lost, nothing sent twice' : 'see above'}`);
}

export async function main(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      articles: { type: 'string', default: '500' },
      feeds: { type: 'string', default: '50' },
      'fault-rate': { type: 'string', default: '0.2' },
      seed: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
    },
    USAGE,
  );
  const faultRate = Number(values['fault-rate']);
  if (!Number.isFinite(faultRate) || faultRate < 0 || faultRate > 0.9)
    throw new CliError(
      `--fault-rate must be a number from 0 to 0.9, got "${values['fault-rate']}"\n\n${USAGE}`,
    );
  const { report, details } = await runChaos({
    articles: wholeNumber(values.articles, 'articles', 1),
    feeds: wholeNumber(values.feeds, 'feeds', 1),
    faultRate,
    seed: wholeNumber(values.seed, 'seed', 0),
    ...(values.json
      ? {}
      : {
          onRound: (round: number, { stored, delivered }: { stored: number; delivered: number }) =>
            console.error(`round ${round}: ${stored} articles stored, ${delivered} alerts delivered`),
        }),
  });
  const passed = chaosPassed(report, details);
  if (values.json) console.log(JSON.stringify(report));
  else print(report, details, passed);
  return passed ? 0 : 1;
}
