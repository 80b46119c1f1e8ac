/**
 * AWS Solutions checks: the wirewatch stack passes with every finding acknowledged, and a new
 * unacknowledged finding fails synthesis (so the checks are live, not decorative).
 */

import { Queue } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { addAwsSolutionsChecks } from '../../infra/aws-solutions-checks.ts';
import { loadStageConfig } from '../../infra/stage-config.ts';
import { WirewatchStack } from '../../infra/wirewatch-stack.ts';
import { newTestApp, testStackProps } from './test-app.ts';

function prepareCheckedApp() {
  const app = newTestApp();
  const stack = new WirewatchStack(app, 'WirewatchChecked', testStackProps());
  addAwsSolutionsChecks(app, stack);
  return { app, stack };
}

describe('addAwsSolutionsChecks', () => {
  it('passes the wirewatch stack', () => {
    // Prepare
    const { app } = prepareCheckedApp();

    // Act
    const synth = () => app.synth();

    // Assess
    expect(synth).not.toThrow();
  });

  it.each(['dev', 'prod'])('passes the %s stage of cdk.json, with an ops email subscribed', (stage) => {
    // Prepare
    const app = newTestApp({ context: { stage, opsAlarmEmail: 'oncall@example.com' } });
    const config = loadStageConfig((key) => app.node.tryGetContext(key));
    const stack = new WirewatchStack(app, `Wirewatch-${stage}`, testStackProps({ config }));
    addAwsSolutionsChecks(app, stack);

    // Act
    const synth = () => app.synth();

    // Assess
    expect(synth).not.toThrow();
  });

  it('fails synthesis on a finding nobody acknowledged', () => {
    // Prepare: a queue with no dead-letter queue and no TLS-only policy
    const { app, stack } = prepareCheckedApp();
    new Queue(stack, 'UncheckedQueue');

    // Act
    const synth = () => app.synth();

    // Assess
    expect(synth).toThrow(/WirewatchChecked\/UncheckedQueue[\s\S]*AwsSolutions-SQS3/);
  });
});
