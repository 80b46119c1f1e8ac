/**
 * Stage configuration: defaults, where values come from, and a clear error for each bad value.
 */

import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STAGE_CONFIG,
  loadStageConfig,
  parseStageConfig,
  STAGES_CONTEXT_KEY,
} from '../../infra/stage-config.ts';
import { newTestApp } from './test-app.ts';

/** A context reader over plain values, as `app.node.tryGetContext` would return them. */
function contextOf(values: Record<string, unknown>) {
  return (key: string) => values[key];
}

describe('loadStageConfig', () => {
  it('gives the dev stage with every default when nothing is configured', () => {
    // Act
    const config = loadStageConfig(contextOf({}));

    // Assess
    expect(config).toEqual(DEFAULT_STAGE_CONFIG);
    expect(config.stage).toBe('dev');
  });

  it('gives the fetch functions, which mostly wait on news sites, half the memory of the CPU-bound classifier or less', () => {
    // Act
    const { memoryMiB } = loadStageConfig(contextOf({}));

    // Assess
    expect(memoryMiB.fetchFeed).toBe(256);
    expect(memoryMiB.fetchArticle).toBe(512);
    expect(memoryMiB.classifyArticle).toBe(1024);
  });

  it("takes the named stage's block from cdk.json, then -c options over it", () => {
    // Prepare
    const context = contextOf({
      stage: 'prod',
      [STAGES_CONTEXT_KEY]: {
        stages: {
          prod: {
            opsAlarmEmail: 'oncall@example.com',
            logRetentionDays: 365,
            maxConcurrency: { fetchArticle: 20 },
          },
          dev: { dataRemovalPolicy: 'destroy' },
        },
      },
      logRetentionDays: '90',
      memoryMiB: '{"classifyArticle": 2048}',
    });

    // Act
    const config = loadStageConfig(context);

    // Assess
    expect(config.stage).toBe('prod');
    expect(config.opsAlarmEmail).toBe('oncall@example.com');
    expect(config.logRetentionDays).toBe(90);
    expect(config.dataRemovalPolicy).toBe('retain');
    expect(config.maxConcurrency).toEqual({ ...DEFAULT_STAGE_CONFIG.maxConcurrency, fetchArticle: 20 });
    expect(config.memoryMiB).toEqual({ ...DEFAULT_STAGE_CONFIG.memoryMiB, classifyArticle: 2048 });
  });
});

describe('parseStageConfig', () => {
  it('accepts numbers given as strings, "never" for kept objects and null to drop a reservation', () => {
    // Act
    const config = parseStageConfig({
      dispatchRateMinutes: '10',
      rawPageRetentionDays: '400',
      articleRetentionDays: 'never',
      reservedConcurrency: { sendDigest: null },
    });

    // Assess
    expect(config.dispatchRateMinutes).toBe(10);
    expect(config.rawPageRetentionDays).toBe(400);
    expect(config.articleRetentionDays).toBeNull();
    expect(config.reservedConcurrency).toEqual({ dispatchFeeds: 1, rollUpTrends: 1 });
  });

  it('takes a hosted UI domain prefix and the console API throttle, and derives the prefix when it is empty', () => {
    // Act
    const configured = parseStageConfig({
      consoleDomainPrefix: 'acme-news-desk',
      consoleApiRateLimit: '25',
      consoleApiBurstLimit: 50,
    });
    const derived = parseStageConfig({ consoleDomainPrefix: '' });

    // Assess
    expect(configured.consoleDomainPrefix).toBe('acme-news-desk');
    expect(configured.consoleApiRateLimit).toBe(25);
    expect(configured.consoleApiBurstLimit).toBe(50);
    expect(derived.consoleDomainPrefix).toBeNull();
  });

  it('leaves tracing off unless asked, and takes it as a boolean or a -c string', () => {
    // Act
    const byDefault = parseStageConfig({});
    const fromFile = parseStageConfig({ tracing: true });
    const fromOption = parseStageConfig({ tracing: 'false' });

    // Assess
    expect(byDefault.tracing).toBe(false);
    expect(fromFile.tracing).toBe(true);
    expect(fromOption.tracing).toBe(false);
  });

  it('dates the last per-article band items as an ISO time or none, and leaves it unknown by default', () => {
    // Act
    const byDefault = parseStageConfig({});
    const upgraded = parseStageConfig({ bandItemsBefore: '2026-12-09T10:00:00Z' });
    const created = parseStageConfig({ bandItemsBefore: 'none' });

    // Assess
    expect(byDefault.bandItemsBefore).toBeNull();
    expect(upgraded.bandItemsBefore).toBe('2026-12-09T10:00:00.000Z');
    expect(created.bandItemsBefore).toBe('none');
  });

  it.each([
    [{ bandItemsBefore: 'last week' }, /"bandItemsBefore".*ISO time/],
    [{ tracing: 'yes' }, /"tracing".*true or false/],
    [{ traceAwsCalls: true }, /"traceAwsCalls".*renamed to tracing/],
    [{ stage: 'Prod' }, /"stage".*lower-case letter/],
    [{ stage: 'prod_eu' }, /"stage"/],
    [{ stage: 'a-stage-name-much-too-long' }, /"stage"/],
    [{ dispatchRateMinutes: 0 }, /"dispatchRateMinutes".*whole number from 1 to 1440/],
    [{ dispatchRateMinutes: '2.5' }, /"dispatchRateMinutes"/],
    [{ digestHourUtc: 24 }, /"digestHourUtc".*from 0 to 23/],
    [{ digestMinuteUtc: -1 }, /"digestMinuteUtc".*from 0 to 59/],
    [{ opsAlarmEmail: 'oncall at example.com' }, /"opsAlarmEmail".*email address/],
    [{ rawPageRetentionDays: 10 }, /"rawPageRetentionDays".*from 31/],
    [{ articleRetentionDays: 0 }, /"articleRetentionDays".*from 1/],
    [{ logRetentionDays: 31 }, /"logRetentionDays".*one of 1, 3, 5/],
    [{ dataRemovalPolicy: 'delete' }, /"dataRemovalPolicy".*"retain" or "destroy"/],
    [{ maxConcurrency: { fetchArticle: 1 } }, /"maxConcurrency.fetchArticle".*from 2 to 1000/],
    [{ maxConcurrency: { dispatchFeeds: 2 } }, /"maxConcurrency.dispatchFeeds".*unknown key/],
    [{ maxConcurrency: 'fast' }, /"maxConcurrency".*JSON object/],
    [{ reservedConcurrency: { fetchFeed: 0 } }, /"reservedConcurrency.fetchFeed".*from 1 to 1000/],
    [
      { reservedConcurrency: { fetchFeed: 3 } },
      /"reservedConcurrency.fetchFeed".*at least maxConcurrency.fetchFeed \(5\)/,
    ],
    [{ memoryMiB: { classifyArticle: 64 } }, /"memoryMiB.classifyArticle".*from 128 to 10240/],
    [{ backlogMaxAgeMinutes: { feedJobs: 0 } }, /"backlogMaxAgeMinutes.feedJobs"/],
    [{ opsEmail: 'oncall@example.com' }, /"opsEmail".*unknown setting/],
    [{ consoleDomainPrefix: 'Wirewatch' }, /"consoleDomainPrefix".*lower-case letters/],
    [{ consoleDomainPrefix: 'news-desk-' }, /"consoleDomainPrefix".*inner hyphens/],
    [{ consoleDomainPrefix: 'x'.repeat(64) }, /"consoleDomainPrefix".*1 to 63/],
    [{ consoleDomainPrefix: 'acme-cognito-login' }, /"consoleDomainPrefix".*must not contain "cognito"/],
    [{ consoleDomainPrefix: 'awsnews' }, /"consoleDomainPrefix".*must not contain "aws"/],
    [{ consoleApiRateLimit: 0 }, /"consoleApiRateLimit".*from 1 to 10000/],
    [{ consoleApiBurstLimit: '1.5' }, /"consoleApiBurstLimit"/],
  ])('refuses %j', (raw, message) => {
    // Act
    const parse = () => parseStageConfig(raw);

    // Assess
    expect(parse).toThrow(message);
  });

  it('names the stage whose block is not an object', () => {
    // Prepare
    const context = contextOf({ stage: 'prod', [STAGES_CONTEXT_KEY]: { stages: { prod: 'big' } } });

    // Act
    const load = () => loadStageConfig(context);

    // Assess
    expect(load).toThrow(/"stage prod".*JSON object/);
  });

  it('refuses an unknown key next to the stages, naming it', () => {
    // Prepare
    const context = contextOf({ [STAGES_CONTEXT_KEY]: { stages: {}, stagse: { prod: {} } } });

    // Act
    const load = () => loadStageConfig(context);

    // Assess
    expect(load).toThrow(/"wirewatch.stagse": unknown key; known: stages/);
  });

  it('refuses an unknown setting in a stage block, naming it and the known ones', () => {
    // Prepare
    const context = contextOf({
      stage: 'prod',
      [STAGES_CONTEXT_KEY]: { stages: { prod: { logRetentionDay: 90 } } },
    });

    // Act
    const load = () => loadStageConfig(context);

    // Assess
    expect(load).toThrow(/"logRetentionDay": unknown setting; known: stage, dispatchRateMinutes/);
  });
});

describe('the stages in cdk.json', () => {
  it.each(['dev', 'prod'])('%s is a valid configuration', (stage) => {
    // Prepare
    const app = newTestApp({ context: { stage } });

    // Act
    const config = loadStageConfig((key) => app.node.tryGetContext(key));

    // Assess
    expect(config.stage).toBe(stage);
  });

  it('keeps prod data when its stack is deleted, and lets dev go', () => {
    // Prepare
    const stageOf = (stage: string) => {
      const app = newTestApp({ context: { stage } });
      return loadStageConfig((key) => app.node.tryGetContext(key));
    };

    // Act
    const [dev, prod] = [stageOf('dev'), stageOf('prod')];

    // Assess
    expect(prod.dataRemovalPolicy).toBe('retain');
    expect(prod.rawPageRetentionDays).toBeNull();
    expect(prod.articleRetentionDays).toBeNull();
    expect(dev.dataRemovalPolicy).toBe('destroy');
  });

  it('refuses a renamed setting given with -c, instead of ignoring it', () => {
    // Prepare
    const context = contextOf({ stage: 'prod', traceAwsCalls: 'true' });

    // Act
    const load = () => loadStageConfig(context);

    // Assess
    expect(load).toThrow(/"traceAwsCalls": renamed to tracing/);
  });
});
