import { randomUUID } from 'node:crypto';
import { type Json, StatesError, type TaskRequest } from '@sfn-callback/asl';
import type { ExecutionDescription } from '../model/execution.js';

/** What a nested execution needs from the runner: start a state machine of its own. */
export interface NestedExecutionHost {
  /**
   * Starts an execution of a state machine the runner knows (by ARN).
   * @throws StatesError `StepFunctions.StateMachineDoesNotExistException`,
   *   `StepFunctions.ExecutionAlreadyExistsException`
   */
  startNested(
    stateMachineArn: string,
    input: Json,
    name: string,
  ): {
    readonly description: ExecutionDescription;
    readonly done: Promise<ExecutionDescription>;
    abort(cause: string): void;
  };
}

const sdkMetadata = () => ({
  SdkHttpMetadata: { HttpStatusCode: 200 },
  SdkResponseMetadata: { RequestId: randomUUID() },
});

/** `Input` of the task: JSON text as is, any other value serialised; absent: `{}` (recorded). */
function childInput(value: unknown): Json {
  if (value === undefined || value === null) return {};
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as Json;
    } catch {
      throw new StatesError(
        'StepFunctions.InvalidExecutionInputException',
        `Invalid State Machine Execution Input: '${value}'`,
      );
    }
  }
  return value as Json;
}

/**
 * The job description `.sync` and `.sync:2` end with (DescribeExecution's fields, in the
 * integration's capitalisation): `.sync` gives `Input` and `Output` as JSON text,
 * `.sync:2` as JSON. Dates are epoch milliseconds, as the integration writes them.
 */
export function describeForSync(
  ended: ExecutionDescription,
  pattern: 'sync' | 'sync:2',
): Record<string, unknown> {
  const json = (value: string | undefined) =>
    pattern === 'sync:2' && value !== undefined ? (JSON.parse(value) as Json) : value;
  return {
    ExecutionArn: ended.executionArn,
    Input: json(ended.input),
    InputDetails: { Included: true },
    Name: ended.name,
    ...(ended.output !== undefined
      ? { Output: json(ended.output), OutputDetails: { Included: true } }
      : {}),
    StartDate: ended.startDate.getTime(),
    StateMachineArn: ended.stateMachineArn,
    Status: ended.status,
    ...(ended.stopDate ? { StopDate: ended.stopDate.getTime() } : {}),
    ...(ended.error !== undefined ? { Error: ended.error } : {}),
    ...(ended.cause !== undefined ? { Cause: ended.cause } : {}),
  };
}

/**
 * `states:startExecution`: starts the named state machine here, as a child execution.
 * Request-response and `.waitForTaskToken` answer StartExecution's response
 * (`ExecutionArn`, `StartDate`) at once (the token then waits for whoever holds it, usually
 * the child); `.sync` / `.sync:2` report that response as submitted and end with the
 * child's description when it ends: a child that did not succeed fails the task with
 * `States.TaskFailed` and the description as cause, as AWS records it. Stopping the parent
 * stops a `.sync` child.
 */
export async function startNestedExecution(
  request: TaskRequest,
  host: NestedExecutionHost,
): Promise<Json> {
  const parameters = (request.parameters ?? {}) as Record<string, unknown>;
  const arn = parameters.StateMachineArn;
  if (typeof arn !== 'string') {
    throw new StatesError('StepFunctions.InvalidArnException', `Invalid Arn: '${String(arn)}'`);
  }
  const name = typeof parameters.Name === 'string' ? parameters.Name : randomUUID();
  const child = host.startNested(arn, childInput(parameters.Input), name);
  const started = {
    ExecutionArn: child.description.executionArn,
    StartDate: child.description.startDate.getTime(),
    ...sdkMetadata(),
  };
  const { pattern } = request.resource;
  if (pattern !== 'sync' && pattern !== 'sync:2') return started as Json;
  request.submitted(started as Json);
  const onAbort = () => child.abort('the parent execution stopped');
  request.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const ended = await child.done;
    const description = describeForSync(ended, pattern);
    if (ended.status !== 'SUCCEEDED') {
      throw new StatesError('States.TaskFailed', JSON.stringify(description));
    }
    return description as Json;
  } finally {
    request.signal.removeEventListener('abort', onAbort);
  }
}
