/**
 * Reads the statements a function's role is granted from a synthesized template, normalised so tests
 * can ask plain questions: which actions, on which resources.
 */

import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';

export interface GrantedStatement {
  readonly actions: readonly string[];
  readonly resources: readonly unknown[];
}

interface RawStatement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** Every Allow statement of every policy attached to the function's role. */
export function grantedStatementsOf(stack: Stack, fn: LambdaFunction): GrantedStatement[] {
  const roleRef = stack.resolve(fn.role?.roleName);
  const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy', {
    Properties: { Roles: [roleRef] },
  });
  return Object.values(policies).flatMap((policy) =>
    (policy.Properties.PolicyDocument.Statement as RawStatement[])
      .filter((statement) => statement.Effect === 'Allow')
      .map((statement) => ({
        actions: [statement.Action].flat(),
        resources: [statement.Resource].flat(),
      })),
  );
}

/** The granted actions that start with `servicePrefix`, e.g. `s3:` or `sns:`. */
export function grantedActionsOf(stack: Stack, fn: LambdaFunction, servicePrefix: string): string[] {
  return grantedStatementsOf(stack, fn)
    .flatMap((statement) => statement.actions)
    .filter((action) => action.startsWith(servicePrefix));
}
