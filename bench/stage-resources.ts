/**
 * What a stage costs whatever its volume, counted from the stack itself: the CDK app is built in this
 * process, as `cdk synth` builds it (cdk.json's context) but with bundling skipped, and its template's
 * resources are counted by type. The cost model prices the counts (bench/cost-model.ts).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { DEFAULT_STAGE_CONFIG, type StageConfig } from '../infra/stage-config.ts';
import { WirewatchStack } from '../infra/wirewatch-stack.ts';
import type { StageResources } from './cost-model.ts';

interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
}

/**
 * CloudWatch bills a standard-resolution alarm per metric it reads: one for an alarm on a metric, one
 * for each metric a math expression reads. High-resolution (period under 60 s) and composite alarms
 * are priced otherwise; the stack has none, and counting them would need their own prices.
 */
export function alarmMetricsOf(resources: Iterable<TemplateResource>): number {
  let alarmMetrics = 0;
  for (const { Type, Properties = {} } of resources) {
    if (Type === 'AWS::CloudWatch::CompositeAlarm')
      throw new Error('A composite alarm is priced at $0.50 a month: add its price to the cost model');
    if (Type !== 'AWS::CloudWatch::Alarm') continue;
    const metrics = Properties.Metrics as { MetricStat?: { Period?: number } }[] | undefined;
    const periods =
      metrics === undefined
        ? [Properties.Period as number]
        : metrics.flatMap((each) =>
            each.MetricStat === undefined ? [] : [each.MetricStat.Period as number],
          );
    if (periods.some((period) => period < 60))
      throw new Error('A high-resolution alarm is priced at $0.30 a month: add its price to the cost model');
    alarmMetrics += periods.length;
  }
  return alarmMetrics;
}

/** Counts what the fixed part of the model prices in a synthesized template's resources. */
export function countStageResources(
  resources: Iterable<TemplateResource>,
): Omit<StageResources, 'customMetrics'> {
  const all = [...resources];
  const ofType = (type: string) => all.filter((each) => each.Type === type).length;
  return {
    alarmMetrics: alarmMetricsOf(all),
    dashboards: ofType('AWS::CloudWatch::Dashboard'),
    customerManagedKeys: ofType('AWS::KMS::Key'),
  };
}

/** The stage's template, built in process without bundling the functions (a few seconds). */
export async function synthesizeStageResources(
  config: StageConfig = DEFAULT_STAGE_CONFIG,
): Promise<TemplateResource[]> {
  const cdkJson = JSON.parse(await readFile(new URL('../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  };
  // The console's files are only copied as an asset; a placeholder page stands in for a build.
  const workDirectory = await mkdtemp(join(tmpdir(), 'wirewatch-cost-stack-'));
  const consoleDirectory = join(workDirectory, 'console');
  try {
    await mkdir(consoleDirectory);
    await writeFile(join(consoleDirectory, 'index.html'), '<!doctype html><title>wirewatch</title>\n');
    const app = new App({
      builtinCloudFormationValidation: false,
      outdir: join(workDirectory, 'cdk.out'),
      context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] },
    });
    const stack = new WirewatchStack(app, `Wirewatch-${config.stage}`, {
      config,
      consoleAssetDirectory: consoleDirectory,
    });
    const template = app.synth().getStackArtifact(stack.artifactId).template as {
      Resources: Record<string, TemplateResource>;
    };
    return Object.values(template.Resources);
  } finally {
    await rm(workDirectory, { recursive: true, force: true });
  }
}
