import { fileURLToPath } from 'node:url';
import { App, type AppProps, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/** The fixture handler every test worker bundles (or would bundle). */
export const HANDLER_ENTRY = fileURLToPath(new URL('./fixtures/handler.ts', import.meta.url));

/** The repository's lock file, which NodejsFunction needs to find the project root. */
export const LOCK_FILE = fileURLToPath(new URL('../../../pnpm-lock.yaml', import.meta.url));

/** Props of a worker function built from the fixture. */
export const FIXTURE_FUNCTION = { entry: HANDLER_ENTRY, depsLockFilePath: LOCK_FILE } as const;

/**
 * An app for unit tests: the built-in CloudFormation validator off (it costs ~5 s per
 * synthesis; one test turns it on) and asset bundling skipped (`aws:cdk:bundling-stacks`
 * empty; one test bundles for real).
 */
export function testApp(props: AppProps = {}): App {
  return new App({
    builtinCloudFormationValidation: false,
    ...props,
    context: { 'aws:cdk:bundling-stacks': [], ...props.context },
  });
}

/** A stack in a fresh test app. */
export function testStack(props: AppProps = {}): Stack {
  return new Stack(testApp(props), 'Test', {
    env: { account: '123456789012', region: 'eu-west-1' },
  });
}

/** The synthesized template of a stack. */
export function templateOf(stack: Stack): Template {
  return Template.fromStack(stack);
}
