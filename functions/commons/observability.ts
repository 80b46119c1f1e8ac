/**
 * The one observability module: Logger, Metrics and Tracer, created once per cold start with the
 * service name, shared by every function. Locally the runtime turns metrics and traces off by
 * environment (POWERTOOLS_METRICS_DISABLED, POWERTOOLS_TRACE_ENABLED) instead of code paths.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { SERVICE_NAME } from '../../infra/resource-definitions.ts';

export const logger = new Logger({ serviceName: SERVICE_NAME });
// The namespace comes from POWERTOOLS_METRICS_NAMESPACE, per stage (see metricsNamespace).
export const metrics = new Metrics({ serviceName: SERVICE_NAME });

/**
 * The Tracer, or undefined when POWERTOOLS_TRACE_ENABLED is 'false' (the stage's `tracing`
 * off, or a local run). Imported only when tracing is on: the X-Ray SDK under it costs about a sixth
 * of a small function's import (docs/performance.md). A stage that does not trace leaves it out
 * of the bundle (infra/constructs/pipeline-function.ts).
 */
const tracer = process.env.POWERTOOLS_TRACE_ENABLED === 'false' ? undefined : await loadTracer();

async function loadTracer() {
  const { Tracer } = await import('@aws-lambda-powertools/tracer').catch((error: unknown) => {
    throw new Error(
      'POWERTOOLS_TRACE_ENABLED is not "false" but this bundle has no tracer: deploy the stage with tracing true',
      { cause: error },
    );
  });
  return new Tracer({ serviceName: SERVICE_NAME });
}

/** The SDK client, recording each call as an X-Ray subsegment when tracing is on. */
export function traced<Client>(client: Client): Client {
  return tracer === undefined ? client : tracer.captureAWSv3Client(client);
}

/**
 * Publishes the metrics this invocation added, if it added any. A batch whose records all failed adds
 * none; Powertools would then log "No application metrics to publish" (into the output of a local run
 * too) for a publish that has nothing in it.
 */
export function publishAddedMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
