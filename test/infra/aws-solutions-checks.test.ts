/**
 * AWS Solutions checks: the wirewatch stack passes with every finding acknowledged, and a new
 * unacknowledged finding fails synthesis (so the checks are live, not decorative).
 */

import { Queue } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { addAwsSolutionsChecks } from '../../infra/aws-solutions-checks.ts';
import { WirewatchStack } from '../../infra/wirewatch-stack.ts';
import { newTestApp } from './test-app.ts';

function prepareCheckedApp() {
  const app = newTestApp();
  const stack = new WirewatchStack(app, 'WirewatchChecked');
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
