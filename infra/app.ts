/**
 * The wirewatch CDK app: one environment-agnostic stack per stage (`-c stage=dev`, the default, or
 * `-c stage=prod`), deployed to whatever account and region the caller's AWS profile names, so
 * `cdk synth` needs no credentials and makes no lookups. The stack is `Wirewatch-<stage>` and no
 * resource has a fixed physical name, so stages live side by side in one account.
 * Synth fails on a bad setting (stage-config.ts) and on any AWS Solutions (cdk-nag) finding not
 * acknowledged in aws-solutions-checks.ts.
 */

import { App, Tags } from 'aws-cdk-lib';
import { addAwsSolutionsChecks } from './aws-solutions-checks.ts';
import { SERVICE_NAME } from './resource-definitions.ts';
import { loadStageConfig } from './stage-config.ts';
import { WirewatchStack } from './wirewatch-stack.ts';

const app = new App();
const config = loadStageConfig((key) => app.node.tryGetContext(key));

// `cdk deploy -c extraCountryAliases='{"PK":["Pakland"]}'` (or the same key in cdk.json) adds
// classifier aliases without a code change; -c passes a string, cdk.json an object.
const aliasesContext: unknown = app.node.tryGetContext('extraCountryAliases');
const stack = new WirewatchStack(app, `Wirewatch-${config.stage}`, {
  description: `wirewatch (${config.stage}): news feeds in, classified articles and analyst alerts out.`,
  config,
  ...(aliasesContext === undefined
    ? {}
    : {
        extraCountryAliases: (typeof aliasesContext === 'string'
          ? JSON.parse(aliasesContext)
          : aliasesContext) as Record<string, string[]>,
      }),
});
// Cost allocation and ownership for everything the stack creates. The CloudFormation schema cfn-lint
// checks against has no Tags on dashboards (cfn-lint E3002), and a dashboard costs nothing to tag.
const untaggable = { excludeResourceTypes: ['AWS::CloudWatch::Dashboard'] };
Tags.of(app).add('service', SERVICE_NAME, untaggable);
Tags.of(app).add('stage', config.stage, untaggable);
addAwsSolutionsChecks(app, stack);

app.synth();
