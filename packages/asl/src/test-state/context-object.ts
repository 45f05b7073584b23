import { isJsonObject, type Json, type JsonObject } from '../json.js';
import type { TaskResource } from '../task-handler.js';
import { validationError } from './test-state-error.js';

/** The fields a mocked context object may have, per section (recorded refusals otherwise). */
const ALLOWED: Readonly<Record<string, Readonly<Record<string, 'string' | 'number' | 'any'>>>> = {
  Execution: {
    Id: 'string',
    Input: 'any',
    Name: 'string',
    RoleArn: 'string',
    StartTime: 'string',
    RedriveCount: 'number',
    RedriveTime: 'string',
  },
  State: { EnteredTime: 'string', Name: 'string', RetryCount: 'number' },
  StateMachine: { Id: 'string', Name: 'string' },
  Task: { Token: 'string' },
};

function refuse(detail: string): never {
  throw validationError(`Invalid Context object provided: ${detail}`);
}

/**
 * Checks a request's `context` as TestState does: only AWS's sections and fields, strings
 * where AWS has strings, no `Map`, and `Task` only for a `.sync` / `.waitForTaskToken` Task.
 */
export function checkContextObject(
  context: Json,
  stateType: string,
  resource: TaskResource | undefined,
): JsonObject {
  if (!isJsonObject(context)) refuse('The context object must be a JSON object');
  for (const [section, value] of Object.entries(context)) {
    if (section === 'Map') refuse("'Map' field is not supported when mocking a Context object");
    const fields = Object.hasOwn(ALLOWED, section) ? ALLOWED[section] : undefined;
    if (!fields) refuse(`Field '${section}' is not allowed`);
    if (!isJsonObject(value)) refuse(`${section} must be an object`);
    for (const [field, fieldValue] of Object.entries(value)) {
      const kind = Object.hasOwn(fields, field) ? fields[field] : undefined;
      if (!kind) refuse(`Field '${field}' is not allowed`);
      if (kind === 'string' && typeof fieldValue !== 'string')
        refuse(`${section}.${field} must be a string`);
      if (kind === 'number' && typeof fieldValue !== 'number')
        refuse(`${section}.${field} must be a number`);
    }
  }
  if (
    'Task' in context &&
    (stateType !== 'Task' || resource === undefined || resource.pattern === 'request-response')
  ) {
    refuse(
      "Context object contains 'Task' when state is not a Task state with a '.sync' or '.waitForTaskToken' service integration pattern",
    );
  }
  return context;
}

/** The identity of the default context object: AWS runs a TestState as an express execution. */
export interface TestStateIdentity {
  readonly region: string;
  readonly accountId: string;
  readonly machineName: string;
  readonly executionName: string;
  readonly roleArn: string;
}

/**
 * The context object AWS gives a tested state when the request has none (recorded: an
 * `express` execution ARN, no `RedriveCount`). `standard` is the engine's, for the state's
 * own fields (name, entered time, retry count, task token, Map item).
 */
export function defaultContextObject(
  standard: JsonObject,
  identity: TestStateIdentity,
  input: Json,
  startTime: string,
): JsonObject {
  const { region, accountId, machineName, executionName, roleArn } = identity;
  const context: JsonObject = {
    Execution: {
      Id: `arn:aws:states:${region}:${accountId}:express:${machineName}:${executionName}`,
      Input: input,
      Name: executionName,
      RoleArn: roleArn,
      StartTime: startTime,
    },
    StateMachine: {
      Id: `arn:aws:states:${region}:${accountId}:stateMachine:${machineName}`,
      Name: machineName,
    },
    State: standard.State as Json,
  };
  if (standard.Task !== undefined) context.Task = standard.Task;
  if (standard.Map !== undefined) context.Map = standard.Map;
  return context;
}

/** A mocked context object, with the task token the engine issued when the mock has none. */
export function mockedContextObject(mocked: JsonObject, standard: JsonObject): JsonObject {
  if (standard.Task === undefined || mocked.Task !== undefined) return mocked;
  return { ...mocked, Task: standard.Task };
}
