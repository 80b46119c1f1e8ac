/**
 * `wirewatch simulate-scale`: measures the pipeline on the bundled samples, then shows, for each AWS
 * limit the design depends on, its load at the design volume and at each multiple asked for, and the
 * multiple at which it is reached (bench/scale-simulation.ts; docs/scaling.md discusses each).
 */
import { defaultScaleInputs, limitsAtScale, loadAt } from '../../bench/scale-simulation.ts';
import { measurePipelineRun } from '../../bench/write-amplification.ts';
import { parseCommandArgs, positiveNumber } from '../../tools/cli-arguments.ts';
import { measuredFigures } from './cost.ts';

const USAGE = `usage: wirewatch simulate-scale [--multiplier N]… [--label-share S] [--peak-factor P] [--json]
  defaults: multipliers 1, 10 and 100 of 20000 articles a day from 500 feeds polled every 15 minutes;
  the busiest label's share of articles as measured on the samples; the busiest hour 3× the average`;

const positive = (name: string, value: string) => positiveNumber(name, value, USAGE);

export async function main(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      multiplier: { type: 'string', multiple: true, default: ['1', '10', '100'] },
      'label-share': { type: 'string' },
      'peak-factor': { type: 'string', default: '3' },
      json: { type: 'boolean', default: false },
    },
    USAGE,
  );
  const multipliers = values.multiplier.map((value) => positive('multiplier', value));
  const run = await measurePipelineRun();
  const labelShare =
    values['label-share'] === undefined
      ? (run.busiestLabel?.share ?? 0)
      : positive('label-share', values['label-share']);
  const inputs = {
    ...defaultScaleInputs(
      { articlesPerDay: 20_000, feeds: 500, pollMinutes: 15, days: 1 },
      measuredFigures(run),
      labelShare,
    ),
    peakFactor: positive('peak-factor', values['peak-factor']),
  };
  const limits = limitsAtScale(inputs);
  if (values.json) {
    console.log(
      JSON.stringify({
        multipliers,
        busiestLabel: run.busiestLabel,
        labelShare,
        limits: limits.map((limit) => ({
          ...limit,
          at: Object.fromEntries(multipliers.map((multiplier) => [multiplier, loadAt(limit, multiplier)])),
        })),
      }),
    );
    return 0;
  }
  console.log(
    `Busiest hour at ${inputs.peakFactor}× the average; busiest label on ${(labelShare * 100).toFixed(0)}% of articles (samples: ${run.busiestLabel?.label ?? 'none'}).`,
  );
  console.log(
    `  ${'limit'.padEnd(64)} ${'reached at'.padStart(10)} ${multipliers.map((m) => `${m}×`.padStart(9)).join(' ')}  (load / limit)`,
  );
  for (const limit of limits) {
    const reached = Number.isFinite(limit.reachedAt) ? `${limit.reachedAt.toFixed(1)}×` : 'never';
    const cells = multipliers.map((multiplier) =>
      `${(loadAt(limit, multiplier).utilization * 100).toFixed(1)}%`.padStart(9),
    );
    console.log(
      `  ${limit.limit.padEnd(64)} ${reached.padStart(10)} ${cells.join(' ')}  (${limit.unit}, limit ${Number(limit.capacity.toPrecision(3))})`,
    );
  }
  return 0;
}
