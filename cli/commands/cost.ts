/**
 * `wirewatch cost`: measures the pipeline on the bundled samples (write units per article and per
 * poll, CPU time per record, log bytes, alerts and emails per article) and prices a month of the given
 * workload on AWS, service by service, then what the stage costs whatever the volume, counted from the
 * stack's template (bench/cost-model.ts; docs/cost.md explains each line).
 */
import {
  type CostLine,
  DEFAULT_ASSUMPTIONS,
  estimateCost,
  estimateFixedCost,
  type LogBytes,
  type MeasuredFigures,
  monthTotal,
  platformLogBytes,
} from '../../bench/cost-model.ts';
import {
  measurePipelineRun,
  PER_POLL_TYPES,
  type PipelineRunFigures,
} from '../../bench/write-amplification.ts';
import { parseCommandArgs, positiveNumber } from '../../tools/cli-arguments.ts';
import { CliError } from '../../tools/cli-error.ts';

const USAGE = `usage: wirewatch cost [--articles-per-day N] [--feeds F] [--poll-minutes M] [--days D]
                      [--memory FUNCTION=MiB]… [--tracing] [--json]
  defaults: 20000 articles a day, 500 feeds polled every 15 minutes, a 30-day month; memory and
  tracing as the stack configures them (e.g. --memory fetchArticle=512 or --tracing to price another
  setting)`;

const MEMORY_FUNCTIONS = Object.keys(DEFAULT_ASSUMPTIONS.memoryMiB);

const positive = (name: string, value: string) => positiveNumber(name, value, USAGE);

function memoryOverrides(settings: readonly string[]): Record<string, number> {
  return Object.fromEntries(
    settings.map((setting) => {
      const [name, value] = setting.split('=');
      if (name === undefined || value === undefined || !MEMORY_FUNCTIONS.includes(name))
        throw new CliError(
          `--memory takes FUNCTION=MiB with FUNCTION one of ${MEMORY_FUNCTIONS.join(', ')}\n${USAGE}`,
        );
      return [name, positive('memory', value)];
    }),
  );
}

const NO_LOGS: LogBytes = { lineBytesPerRecord: 0, emfBytesPerInvocation: 0 };

/** The model's inputs from one measured run. */
export function measuredFigures(run: PipelineRunFigures): MeasuredFigures {
  return {
    writeUnitsPerArticle: run.writeUnitsPerArticle,
    writeUnitsPerNewsPoll: run.writeUnitsPerPoll,
    writeUnitsPerUnchangedPoll: run.unchangedPoll.writeUnits,
    cpuMsPerNewsPoll: run.cpuMsPerRecord.fetchFeed ?? 0,
    cpuMsPerUnchangedPoll: run.unchangedPoll.cpuMs,
    articlesPerNewsPoll: run.polls === 0 ? 1 : run.articles / run.polls,
    cpuMsPerArticleFetch: run.cpuMsPerRecord.fetchArticle ?? 0,
    cpuMsPerClassification: run.cpuMsPerRecord.classifyArticle ?? 0,
    awsRoundTrips: {
      newsPoll: run.awsRoundTripsPerInvocation.fetchFeed ?? 0,
      unchangedPoll: run.unchangedPoll.awsRoundTrips,
      articleFetch: run.awsRoundTripsPerInvocation.fetchArticle ?? 0,
      classification: run.awsRoundTripsPerInvocation.classifyArticle ?? 0,
    },
    alertsPerArticle: run.alertsPerArticle,
    emailsPerArticle: run.emailsPerArticle,
    logBytes: {
      newsPoll: run.logBytes.fetchFeed ?? NO_LOGS,
      unchangedPoll: run.unchangedPoll.logs,
      articleFetch: run.logBytes.fetchArticle ?? NO_LOGS,
      classification: run.logBytes.classifyArticle ?? NO_LOGS,
      dispatchRun: run.logBytes.dispatchFeeds ?? NO_LOGS,
    },
  };
}

const usd = (value: number) => `$${value.toFixed(2)}`;

export async function main(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      'articles-per-day': { type: 'string', default: '20000' },
      feeds: { type: 'string', default: '500' },
      'poll-minutes': { type: 'string', default: '15' },
      days: { type: 'string', default: '30' },
      memory: { type: 'string', multiple: true, default: [] },
      tracing: { type: 'boolean', default: DEFAULT_ASSUMPTIONS.tracing },
      json: { type: 'boolean', default: false },
    },
    USAGE,
  );
  const workload = {
    articlesPerDay: positive('articles-per-day', values['articles-per-day']),
    feeds: positive('feeds', values.feeds),
    pollMinutes: positive('poll-minutes', values['poll-minutes']),
    days: positive('days', values.days),
  };
  const assumptions = {
    ...DEFAULT_ASSUMPTIONS,
    memoryMiB: { ...DEFAULT_ASSUMPTIONS.memoryMiB, ...memoryOverrides(values.memory) },
    tracing: values.tracing,
  };
  const run = await measurePipelineRun();
  const measured = measuredFigures(run);
  const estimate = estimateCost(workload, measured, assumptions);
  // Imported here: building the stack loads the CDK, which `simulate-scale` (also importing this module) does not need.
  const { countStageResources, synthesizeStageResources } = await import('../../bench/stage-resources.ts');
  const resources = {
    ...countStageResources(await synthesizeStageResources()),
    customMetrics: run.customMetrics.length,
  };
  const fixed = { resources, ...estimateFixedCost(resources, workload.days) };
  const month = monthTotal(estimate, fixed);
  if (values.json) {
    console.log(
      JSON.stringify({ measured, run, memoryMiB: assumptions.memoryMiB, ...estimate, fixed, month }),
    );
    return 0;
  }
  console.log(
    `Measured on the sample feeds (${run.articles} articles, ${run.polls} polls, then ${run.unchangedPoll.polls} unchanged polls):`,
  );
  console.log(`  write units per article   ${measured.writeUnitsPerArticle.toFixed(1)}`);
  // A feed's state and lease are written per poll, not per article: they have their own line below.
  for (const [type, tally] of Object.entries(run.writes).filter(([type]) => !PER_POLL_TYPES.has(type))) {
    console.log(
      `    ${type.padEnd(13)} ${(tally.tableUnits / Math.max(1, run.articles)).toFixed(2).padStart(6)} table + ${(tally.indexUnits / Math.max(1, run.articles)).toFixed(2).padStart(6)} gsi1 per article`,
    );
  }
  console.log(
    `  write units per poll      ${measured.writeUnitsPerNewsPoll.toFixed(1)} (with news), ${measured.writeUnitsPerUnchangedPoll.toFixed(1)} (unchanged)`,
  );
  console.log(
    `  CPU ms per record         poll ${measured.cpuMsPerNewsPoll.toFixed(0)} / ${measured.cpuMsPerUnchangedPoll.toFixed(0)} (unchanged), fetch ${measured.cpuMsPerArticleFetch.toFixed(0)}, classify ${measured.cpuMsPerClassification.toFixed(0)}`,
  );
  const { awsRoundTrips } = measured;
  console.log(
    `  AWS round trips per batch  poll ${awsRoundTrips.newsPoll.toFixed(1)} / ${awsRoundTrips.unchangedPoll.toFixed(1)} (unchanged), fetch ${awsRoundTrips.articleFetch.toFixed(1)}, classify ${awsRoundTrips.classification.toFixed(1)}, each priced as ${assumptions.awsRoundTripMs} ms waited`,
  );
  const { logBytes } = measured;
  const logged = (bytes: LogBytes) =>
    `${bytes.lineBytesPerRecord.toFixed(0)} + ${bytes.emfBytesPerInvocation.toFixed(0)}`;
  console.log(
    `  log bytes, lines per record + EMF per invocation  poll ${logged(logBytes.newsPoll)} / ${logged(logBytes.unchangedPoll)} (unchanged), fetch ${logged(logBytes.articleFetch)}, classify ${logged(logBytes.classification)}, dispatch run ${logged(logBytes.dispatchRun)}; Lambda's START, END and REPORT lines ${platformLogBytes(assumptions.tracing)} per invocation`,
  );
  console.log(
    `  custom metrics published  ${run.customMetrics.length} (${run.customMetrics.map((each) => each.split(' ')[1]).join(', ')})`,
  );
  console.log(
    `\nA month of ${workload.articlesPerDay} articles a day from ${workload.feeds} feeds polled every ${workload.pollMinutes} min (${workload.days} days):`,
  );
  const { polls, newsPolls, meanDelayMinutes } = estimate.pollCounts;
  console.log(
    `  feed polls (the polling policy, simulated)  ${polls.toExponential(2)}, ${((100 * newsPolls) / Math.max(1, polls)).toFixed(0)}% with news; an article waits ${meanDelayMinutes.toFixed(1)} min for its poll on average`,
  );
  const { recordsPerInvocation } = estimate;
  console.log(
    `  records per invocation   fetch-feed ${recordsPerInvocation.fetchFeed.toFixed(1)}, fetch-article ${recordsPerInvocation.fetchArticle.toFixed(1)}, classify-article ${recordsPerInvocation.classifyArticle.toFixed(1)} (a poll's new articles arrive together)`,
  );
  const printLine = (line: CostLine) =>
    console.log(
      `  ${line.service.padEnd(16)} ${line.item.padEnd(52)} ${line.quantity.toExponential(2).padStart(9)} ${usd(line.usd).padStart(8)}`,
    );
  for (const line of estimate.lines) printLine(line);
  console.log(`  ${'total'.padEnd(79)} ${usd(estimate.totalUsd).padStart(8)}`);
  console.log(`  per 100,000 articles: ${usd(estimate.usdPer100kArticles)}`);
  console.log(
    `\nFixed per stage, whatever the volume (counted in the stack's template; custom metrics as the run published them):`,
  );
  for (const line of fixed.lines) printLine(line);
  console.log(`  ${'total'.padEnd(79)} ${usd(fixed.totalUsd).padStart(8)}`);
  console.log(
    `\nThe month with the fixed part: ${usd(month.totalUsd)}, ${usd(month.usdPer100kArticles)} per 100,000 articles at this volume`,
  );
  return 0;
}
