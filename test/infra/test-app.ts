/**
 * Builds CDK apps for infra tests the way `cdk synth` builds them: with cdk.json's context (feature
 * flags change templates), minus the slow parts a unit test does not need. `new App()` alone would
 * ignore cdk.json, so templates under test would silently differ from what ops deploy.
 */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App, type AppProps } from 'aws-cdk-lib';
import type { WirewatchStackProps } from '../../infra/wirewatch-stack.ts';

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

/** A stand-in for the built console (console/dist), so stack tests need no `npm run build:console`. */
export const TEST_CONSOLE_ASSETS = fileURLToPath(new URL('./fixtures/console-dist/', import.meta.url));

/** The stack props tests build with: the given ones, over the test console assets. */
export function testStackProps(props: WirewatchStackProps = {}): WirewatchStackProps {
  return { consoleAssetDirectory: TEST_CONSOLE_ASSETS, ...props };
}
