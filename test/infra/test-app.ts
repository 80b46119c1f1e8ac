/**
 * Builds CDK apps for infra tests the way `cdk synth` builds them: with cdk.json's context (feature
 * flags change templates), minus the slow parts a unit test does not need. `new App()` alone would
 * ignore cdk.json, so templates under test would silently differ from what ops deploy.
 */

import { readFileSync } from 'node:fs';
import { App, type AppProps } from 'aws-cdk-lib';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

/** An app whose NodejsFunctions skip esbuild and whose templates skip CloudFormation validation. */
export function newTestApp(props: AppProps = {}): App {
  return new App({
    builtinCloudFormationValidation: false,
    ...props,
    context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...props.context },
  });
}
