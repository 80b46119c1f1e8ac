/**
 * The wirewatch CDK app: one environment-agnostic stack, deployed to whatever account and region
 * the caller's AWS profile names, so `cdk synth` needs no credentials and makes no lookups.
 * Synth fails on any AWS Solutions (cdk-nag) finding not acknowledged in aws-solutions-checks.ts.
 */

import { App, Tags } from 'aws-cdk-lib';
import { addAwsSolutionsChecks } from './aws-solutions-checks.ts';
import { SERVICE_NAME } from './resource-definitions.ts';
import { WirewatchStack } from './wirewatch-stack.ts';

const app = new App();

// `cdk deploy -c extraCountryAliases='{"PK":["Pakland"]}'` (or the same key in cdk.json) adds
// classifier aliases without a code change; -c passes a string, cdk.json an object.
const aliasesContext: unknown = app.node.tryGetContext('extraCountryAliases');
const stack = new WirewatchStack(app, 'Wirewatch', {
  description: 'wirewatch: news feeds in, classified articles and analyst alerts out.',
  ...(aliasesContext === undefined
    ? {}
    : {
        extraCountryAliases: (typeof aliasesContext === 'string'
          ? JSON.parse(aliasesContext)
          : aliasesContext) as Record<string, string[]>,
      }),
});
// Cost allocation and ownership for everything the stack creates.
Tags.of(app).add('service', SERVICE_NAME);
addAwsSolutionsChecks(app, stack);

app.synth();
