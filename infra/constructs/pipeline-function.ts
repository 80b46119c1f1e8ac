/**
 * PipelineFunction: a NodejsFunction with wirewatch's house defaults, so every handler is built,
 * traced and logged the same way: Node 22 on ARM64, minified ESM with a source map beside it, the AWS
 * SDK bundled, X-Ray tracing only on request, an explicit log group with
 * retention and the Powertools settings. Its role may write to that log group only, instead of the managed basic-execution policy's
 * `logs:*` on every group in the account.
 *
 * Every default is overridable through CDK's own NodejsFunctionProps; `bundling` and `environment`
 * are merged key by key so an override need not repeat the rest.
 */

import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import {
  type BundlingOptions,
  NodejsFunction,
  type NodejsFunctionProps,
  OutputFormat,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

export interface PipelineFunctionProps extends NodejsFunctionProps {
  /** Absolute path of the handler module; it must export `handler`. */
  readonly entry: string;
  /** Powertools service name shared by all functions, so their logs and metrics group together. */
  readonly serviceName: string;
  readonly metricsNamespace: string;
  /** @default 'INFO' */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /**
   * How long the log group this construct creates keeps logs; ignored when `logGroup` is given.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
  /**
   * Whether X-Ray traces the function: active tracing records each invocation, and Powertools Tracer
   * each AWS SDK call in it as a subsegment. Off, nothing is traced (no X-Ray permissions either),
   * and the tracer and the X-Ray SDK are left out of the bundle and never loaded (a shorter cold
   * start). Both go together: a trace without its AWS calls shows little more than the Duration
   * metric and the REPORT log line, at $5 per million invocations.
   * @default false
   */
  readonly traced?: boolean;
}

/**
 * esbuild's ESM output has no `require`, but the CommonJS modules inside the bundled SDK call it;
 * this banner gives them one.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * Modules replaced in every bundle by one that behaves the same but costs less at cold start
 * (specifier → absolute path of the replacement).
 */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  'cssomnom/parse': join(import.meta.dirname, '../../functions/commons/style-sheet-parser-on-demand.ts'),
};

/**
 * Non-ASCII characters go into the bundles as they are, not as esbuild's default `\uXXXX` escapes
 * (six bytes each): Lambda's Node loads the handler file as UTF-8, so the code reads the same.
 */
export const BUNDLE_CHARSET = 'utf8';

/** Imported by functions/commons/observability.ts only when AWS SDK calls are traced. */
export const TRACER_MODULE = '@aws-lambda-powertools/tracer';

/**
 * Modules left out of a bundle: the tracer (with the X-Ray SDK under it, ~115 KB minified) when the
 * function is not traced, as the handler then never imports it. Turning tracing on is a deploy,
 * which bundles it again.
 */
export function externalModules(traced: boolean): string[] {
  return traced ? [] : [TRACER_MODULE];
}

/**
 * How every function is bundled. Exported so the bundle bench and the bundle tests build exactly
 * what ships, from this one definition.
 */
export const PIPELINE_BUNDLING = {
  format: OutputFormat.ESM,
  target: 'node22',
  // Resolve packages' ESM builds first so esbuild can tree-shake the SDK.
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  minify: true,
  // The map ships in the asset for mapping a logged stack trace by hand, but Node does not load it:
  // `--enable-source-maps` parses it at every cold start, 10-15 % of each function's import
  // (docs/performance.md). Opt back in per function with environment NODE_OPTIONS.
  sourceMap: true,
  // Mapping a position needs only the mappings; embedded sources would triple the map's size.
  sourcesContent: false,
  // We bundle the SDK so Lambda runs exactly the versions pinned in package-lock.json, not
  // whatever the runtime happens to ship this week; the cost is a few hundred KB per bundle.
  bundleAwsSDK: true,
  esbuildArgs: {
    '--alias': Object.entries(BUNDLE_ALIASES).map(([specifier, path]) => `${specifier}=${path}`),
    // Not BundlingOptions.charset: aws-cdk-lib declares it but never passes it to esbuild
    // (aws/aws-cdk#32649), so the bundles would silently stay ASCII.
    '--charset': BUNDLE_CHARSET,
  },
} as const satisfies BundlingOptions;

export class PipelineFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: PipelineFunctionProps) {
    const {
      serviceName,
      metricsNamespace,
      logLevel = 'INFO',
      logRetention = RetentionDays.ONE_MONTH,
      traced = false,
      bundling,
      environment,
      ...functionProps
    } = props;
    const logGroup = functionProps.logGroup ?? newDefaultLogGroup(scope, id, logRetention);
    const role = functionProps.role ?? newLambdaRole(scope, id);
    super(scope, id, {
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      handler: 'handler',
      timeout: Duration.seconds(30),
      tracing: traced ? Tracing.ACTIVE : Tracing.DISABLED,
      ...functionProps,
      logGroup,
      role,
      bundling: {
        ...PIPELINE_BUNDLING,
        mainFields: [...PIPELINE_BUNDLING.mainFields],
        externalModules: externalModules(traced),
        ...bundling,
      },
      environment: {
        POWERTOOLS_SERVICE_NAME: serviceName,
        POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
        POWERTOOLS_LOG_LEVEL: logLevel,
        POWERTOOLS_TRACE_ENABLED: String(traced),
        ...environment,
      },
    });
    // A role the caller supplies keeps exactly the log permissions the caller gave it.
    if (!functionProps.role) this.logGroup.grantWrite(role);
  }
}

/** A role Lambda can assume and nothing more; grants and bindings add each permission it needs. */
function newLambdaRole(scope: Construct, functionId: string): Role {
  return new Role(scope, `${functionId}Role`, {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: `Runs ${functionId}`,
  });
}

/**
 * Created beside the function rather than left to Lambda, so retention is set from day one and the
 * group leaves with the stack instead of lingering forever.
 */
function newDefaultLogGroup(scope: Construct, functionId: string, retention: RetentionDays): LogGroup {
  return new LogGroup(scope, `${functionId}LogGroup`, {
    retention,
    removalPolicy: RemovalPolicy.DESTROY,
  });
}
