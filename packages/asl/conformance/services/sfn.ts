import type { Json, JsonObject } from '../../src/json.ts';
import { isJsonObject } from '../../src/json.ts';
import type { TaskRequest } from '../../src/task-handler.ts';
import { fail, type Outcome, succeed } from './outcome.ts';

/** How a child execution ended. */
export interface ChildResult {
  readonly executionArn: string;
  readonly name: string;
  readonly stateMachineArn: string;
  readonly input: Json;
  readonly status: string;
  readonly output?: Json;
  readonly error?: string;
  readonly cause?: string;
}

/** Runs a child machine (`childStateMachines[arn]`) with the same engine. */
export type ChildRunner = (
  stateMachineArn: string,
  definition: JsonObject,
  input: Json,
  name: string,
) => Promise<ChildResult>;

const START_DATE = 'start-date';

/** The `Input` parameter as the child's input: JSON text is parsed, absent or null is {}. */
function childInput(value: Json | undefined): Json {
  if (value === undefined || value === null) return {};
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as Json;
    } catch {
      return value;
    }
  }
  return value;
}

/** DescribeExecution's answer, as `.sync` (JSON text) or `.sync:2` (JSON values) returns it. */
export function describeShape(result: ChildResult, version2: boolean): JsonObject {
  const text = (value: Json | undefined) =>
    version2 ? (value ?? null) : JSON.stringify(value ?? null);
  const shape: JsonObject = {
    ExecutionArn: result.executionArn,
    Input: text(result.input),
    InputDetails: { Included: true },
    Name: result.name,
  };
  if (result.status === 'SUCCEEDED') {
    shape.Output = text(result.output);
    shape.OutputDetails = { Included: true };
  }
  if (result.error !== undefined) shape.Error = result.error;
  if (result.cause !== undefined) shape.Cause = result.cause;
  if (!version2) {
    shape.RedriveCount = 0;
    shape.RedriveStatus = result.status === 'SUCCEEDED' ? 'NOT_REDRIVABLE' : 'REDRIVABLE';
    if (result.status === 'SUCCEEDED') {
      shape.RedriveStatusReason = 'Execution is SUCCEEDED and cannot be redriven';
    }
  }
  shape.StartDate = START_DATE;
  shape.StateMachineArn = result.stateMachineArn;
  shape.Status = result.status;
  shape.StopDate = 'stop-date';
  return shape;
}

/**
 * `states:startExecution` (request-response, `.sync`, `.sync:2`), emulated by running the
 * child definition; undefined when the request is not a startExecution.
 */
export async function startExecution(
  request: Pick<TaskRequest, 'resource' | 'parameters' | 'submitted'>,
  children: Record<string, JsonObject>,
  run: ChildRunner,
  uuid: () => string,
): Promise<Outcome | undefined> {
  if (request.resource.resourceType !== 'states' || request.resource.action !== 'startExecution') {
    return undefined;
  }
  const params = isJsonObject(request.parameters) ? request.parameters : {};
  const arn = String(params.StateMachineArn ?? '');
  const definition = children[arn];
  if (!definition) {
    return fail(
      'StepFunctions.StateMachineDoesNotExistException',
      `State Machine Does Not Exist: '${arn}'`,
    );
  }
  const name = typeof params.Name === 'string' ? params.Name : uuid();
  const machineName = arn.split(':').pop() ?? 'child';
  const executionArn = `arn:aws:states:us-east-1:111111111111:execution:${machineName}:${name}`;
  const started = { ExecutionArn: executionArn, StartDate: START_DATE };
  const pattern = request.resource.pattern;
  const running = run(arn, definition, childInput(params.Input), name);
  if (pattern !== 'sync' && pattern !== 'sync:2') return succeed(started);
  request.submitted(started);
  const result = await running;
  const shape = describeShape({ ...result, executionArn }, pattern === 'sync:2');
  if (result.status === 'SUCCEEDED') return succeed(shape);
  return fail(
    result.status === 'TIMED_OUT' ? 'States.Timeout' : 'States.TaskFailed',
    JSON.stringify(shape),
  );
}
