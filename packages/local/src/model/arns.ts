/** Account id used in every local ARN and queue URL. */
export const LOCAL_ACCOUNT_ID = '000000000000';

/** Region used when the stack is environment-agnostic. */
export const DEFAULT_REGION = 'us-east-1';

/** The ARN of a state machine named `name` in `region` and `account`. */
export function stateMachineArn(region: string, account: string, name: string): string {
  return `arn:aws:states:${region}:${account}:stateMachine:${name}`;
}

/** The ARN of the execution named `name` of a state machine, as StartExecution gives it. */
export function executionArn(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}

/**
 * The ARN of an execution of an EXPRESS state machine: `…:express:<machine>:<name>:<id>`
 * (names of Express executions need not be unique, so AWS adds an id).
 */
export function expressExecutionArn(stateMachineArn: string, name: string, id: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':express:')}:${name}:${id}`;
}

/** Whether an execution ARN is an Express execution's. */
export function isExpressExecutionArn(arn: string): boolean {
  return /^arn:aws[a-z-]*:states:[^:]*:[^:]*:express:/.test(arn);
}

/** The ARN of an activity named `name` in `region` and `account`. */
export function activityArn(region: string, account: string, name: string): string {
  return `arn:aws:states:${region}:${account}:activity:${name}`;
}

/** The ARN of version `version` of a state machine (`<stateMachineArn>:<version>`). */
export function versionArn(stateMachineArn: string, version: number): string {
  return `${stateMachineArn}:${version}`;
}

/** The ARN of the alias `name` of a state machine (`<stateMachineArn>:<alias>`). */
export function aliasArn(stateMachineArn: string, name: string): string {
  return `${stateMachineArn}:${name}`;
}

/** What a state machine ARN with a qualifier names: the machine itself, a version, or an alias. */
export type QualifiedStateMachineArn =
  | { readonly kind: 'stateMachine'; readonly stateMachineArn: string }
  | { readonly kind: 'version'; readonly stateMachineArn: string; readonly version: number }
  | { readonly kind: 'alias'; readonly stateMachineArn: string; readonly alias: string };

const STATE_MACHINE_PARTS =
  /^(arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:\s]+)(?::([^:\s]+))?$/;

/**
 * Splits `arn:…:stateMachine:<name>[:<qualifier>]`: a qualifier of digits is a version
 * (`:1`), any other an alias (`:PROD`), as AWS tells them apart. Undefined when it is not a
 * state machine ARN.
 */
export function parseStateMachineArn(arn: string): QualifiedStateMachineArn | undefined {
  const match = STATE_MACHINE_PARTS.exec(arn);
  if (!match) return undefined;
  const stateMachineArn = match[1] as string;
  const qualifier = match[2];
  if (qualifier === undefined) return { kind: 'stateMachine', stateMachineArn };
  if (/^\d+$/.test(qualifier)) {
    return { kind: 'version', stateMachineArn, version: Number(qualifier) };
  }
  return { kind: 'alias', stateMachineArn, alias: qualifier };
}

/**
 * A Map Run child's state machine ARN (`…:stateMachine:<parent>/<label>`) split into its
 * parent state machine's ARN and the label; undefined for any other state machine ARN.
 */
export function childStateMachine(
  stateMachineArn: string,
): { readonly parentArn: string; readonly label: string } | undefined {
  const at = stateMachineArn.indexOf(':stateMachine:');
  const slash = at < 0 ? -1 : stateMachineArn.indexOf('/', at);
  if (slash < 0) return undefined;
  return {
    parentArn: stateMachineArn.slice(0, slash),
    label: stateMachineArn.slice(slash + 1),
  };
}
