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

/** Resolves a CloudFormation intrinsic to a placeholder string, so a definition can be parsed. */
function placeholder(value: unknown): string {
  if (typeof value === 'string') return value;
  const record = value as Record<string, unknown>;
  if (record.Ref === 'AWS::Partition') return 'aws';
  if (record.Ref === 'AWS::Region') return 'eu-west-1';
  if (record.Ref === 'AWS::AccountId') return '123456789012';
  if (typeof record.Ref === 'string') return `ref:${record.Ref}`;
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return `getatt:${getAtt.join('.')}`;
  throw new Error(`unexpected intrinsic in DefinitionString: ${JSON.stringify(value)}`);
}

/**
 * The state machine definition (ASL) from a synthesized template: its `DefinitionString`
 * (a string or an `Fn::Join`), with every reference replaced by a placeholder string, parsed.
 */
export function definitionOf(template: Template, index = 0): Record<string, unknown> {
  const machines = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
  const machine = machines[index] as { Properties: { DefinitionString: unknown } } | undefined;
  if (!machine) throw new Error(`no state machine #${index} in the template`);
  const definition = machine.Properties.DefinitionString;
  if (typeof definition === 'string') return JSON.parse(definition);
  const join = (definition as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  return JSON.parse(join[1].map(placeholder).join(join[0]));
}

/** The states of a definition, by name. */
export function statesOf(
  definition: Record<string, unknown>,
): Record<string, Record<string, unknown>> {
  return definition.States as Record<string, Record<string, unknown>>;
}

/** Every IAM policy statement in a template (from AWS::IAM::Policy resources). */
export function policyStatements(template: Template): Record<string, unknown>[] {
  return Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (policy) =>
      (policy as { Properties: { PolicyDocument: { Statement: Record<string, unknown>[] } } })
        .Properties.PolicyDocument.Statement,
  );
}

/** A statement's actions as a list. */
export function actionsOf(statement: Record<string, unknown>): string[] {
  const action = statement.Action;
  return Array.isArray(action) ? (action as string[]) : [action as string];
}

/** Calls `create` once and returns what it threw (fails the test when it throws nothing). */
export function thrown(create: () => unknown): Error {
  try {
    create();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, none was thrown');
}
