/**
 * PipelineFunction: house defaults, key-by-key overrides, and one real esbuild bundle proving the
 * ESM output with the bundled SDK loads in Node.
 */

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { afterEach, describe, expect, it } from 'vitest';
import { PipelineFunction, type PipelineFunctionProps } from '../../infra/constructs/pipeline-function.ts';
import { URDU_TEXT } from './fixtures/sdk-handler.ts';
import { grantedStatementsOf } from './policy-statements.ts';
import { newTestApp } from './test-app.ts';

const FIXTURE_ENTRY = fileURLToPath(new URL('./fixtures/sdk-handler.ts', import.meta.url));

const REQUIRED_PROPS: PipelineFunctionProps = {
  entry: FIXTURE_ENTRY,
  serviceName: 'test-service',
  metricsNamespace: 'TestNamespace',
};

describe('PipelineFunction', () => {
  const bundleDirectories: string[] = [];
  afterEach(() => {
    for (const directory of bundleDirectories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });

  it('runs Node 22 on ARM64 with tracing and the Powertools settings, without loading source maps', () => {
    // Prepare
    const stack = new Stack(newTestApp(), 'PipelineFunctionTest');

    // Act
    new PipelineFunction(stack, 'Handler', REQUIRED_PROPS);

    // Assess
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      TracingConfig: Match.absent(),
      Environment: {
        Variables: {
          NODE_OPTIONS: Match.absent(),
          POWERTOOLS_SERVICE_NAME: 'test-service',
          POWERTOOLS_METRICS_NAMESPACE: 'TestNamespace',
          POWERTOOLS_LOG_LEVEL: 'INFO',
          POWERTOOLS_TRACE_ENABLED: 'false',
        },
      },
    });
  });

  it('traces each invocation and its AWS SDK calls only when asked to', () => {
    // Prepare
    const stack = new Stack(newTestApp(), 'PipelineFunctionTest');

    // Act
    new PipelineFunction(stack, 'Handler', { ...REQUIRED_PROPS, traced: true });

    // Assess
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Function', {
      TracingConfig: { Mode: 'Active' },
      Environment: { Variables: Match.objectLike({ POWERTOOLS_TRACE_ENABLED: 'true' }) },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Resource: '*' }),
        ]),
      },
    });
  });

  it('grants no X-Ray permission when not traced', () => {
    // Prepare
    const stack = new Stack(newTestApp(), 'PipelineFunctionTest');

    // Act
    new PipelineFunction(stack, 'Handler', REQUIRED_PROPS);

    // Assess
    expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toContain('xray:');
  });

  it('logs to its own log group kept for one month', () => {
    // Prepare
    const stack = new Stack(newTestApp(), 'PipelineFunctionTest');

    // Act
    const fn = new PipelineFunction(stack, 'Handler', REQUIRED_PROPS);

    // Assess
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    template.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: { LogGroup: stack.resolve(fn.logGroup.logGroupName) },
    });
  });

  it('may write only to its own log group, with no managed policy', () => {
    // Prepare
    const stack = new Stack(newTestApp(), 'PipelineFunctionTest');

    // Act
    const fn = new PipelineFunction(stack, 'Handler', REQUIRED_PROPS);

    // Assess
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
    const logStatements = grantedStatementsOf(stack, fn).filter((statement) =>
      statement.actions.some((action) => action.startsWith('logs:')),
    );
    expect(logStatements).toEqual([
      {
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [stack.resolve(fn.logGroup.logGroupArn)],
      },
    ]);
  });

  it('merges overrides key by key and uses a log group the caller provides', () => {
    // Prepare
    const stack = new Stack(newTestApp(), 'PipelineFunctionTest');
    const callerLogGroup = new LogGroup(stack, 'CallerLogGroup', { retention: RetentionDays.ONE_YEAR });

    // Act
    new PipelineFunction(stack, 'Handler', {
      ...REQUIRED_PROPS,
      runtime: Runtime.NODEJS_20_X,
      logLevel: 'DEBUG',
      environment: { EXTRA_SETTING: 'on' },
      logGroup: callerLogGroup,
      timeout: Duration.seconds(45),
    });

    // Assess
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs20.x',
      Architectures: ['arm64'],
      Timeout: 45,
      LoggingConfig: { LogGroup: stack.resolve(callerLogGroup.logGroupName) },
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_LOG_LEVEL: 'DEBUG',
          EXTRA_SETTING: 'on',
        }),
      },
    });
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
  });

  it('bundles an ESM handler that loads and runs with the AWS SDK inside, its non-ASCII text unescaped', async () => {
    // Prepare: a real bundle this once, with local esbuild (no Docker, no network)
    const outdir = mkdtempSync(join(tmpdir(), 'wirewatch-bundle-'));
    bundleDirectories.push(outdir);
    const app = newTestApp({ outdir, context: { 'aws:cdk:bundling-stacks': ['**'] } });
    const stack = new Stack(app, 'BundleTest');
    new PipelineFunction(stack, 'Handler', REQUIRED_PROPS);

    // Act
    const assembly = app.synth();
    const assetDir = readdirSync(assembly.directory).find((name) => name.startsWith('asset.'));
    const bundleFile = join(assembly.directory, assetDir ?? '', 'index.mjs');
    const bundle = (await import(pathToFileURL(bundleFile).href)) as {
      handler: () => Promise<unknown>;
    };

    // Assess
    await expect(bundle.handler()).resolves.toEqual({ sdkClientReady: true, text: URDU_TEXT });
    // As UTF-8 (the CDK command got --charset=utf8), not as six-byte \uXXXX escapes.
    const source = readFileSync(bundleFile, 'utf8');
    expect({ asIs: source.includes(URDU_TEXT), escaped: source.includes('\\u067E\\u0627') }).toEqual({
      asIs: true,
      escaped: false,
    });
    expect(readdirSync(join(assembly.directory, assetDir ?? ''))).toContain('index.mjs.map');
  });
});
