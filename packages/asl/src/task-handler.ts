import type { Json } from './json.js';

/**
 * How a Task state waits for its service: `request-response` (the call's answer is the
 * result), `waitForTaskToken` (the call is made, then the task waits for SendTaskSuccess /
 * SendTaskFailure with its token), `sync` / `sync:2` (the service runs a job; its end is
 * the result).
 */
export type IntegrationPattern = 'request-response' | 'waitForTaskToken' | 'sync' | 'sync:2';

/** A Task's `Resource`, parsed as AWS shows it in the history. */
export interface TaskResource {
  /** The `Resource` field as written. */
  readonly arn: string;
  /** `resourceType` of the history's task events: `lambda`, `sqs`, `sns`, `states`, `dynamodb`, ... */
  readonly resourceType: string;
  /** `resource` of the history's task events: `invoke`, `sendMessage.waitForTaskToken`, ... or the function ARN for a legacy Lambda task. */
  readonly resource: string;
  /** The service's API action, without the pattern suffix (`sendMessage`, `startExecution`, ...); for `aws-sdk:` tasks the SDK action. */
  readonly action: string;
  readonly pattern: IntegrationPattern;
  /**
   * A bare Lambda function ARN (`arn:aws:lambda:...:function:name`): AWS records
   * `LambdaFunction*` events for it instead of `Task*`.
   */
  readonly legacyLambda: boolean;
  /**
   * An activity ARN (`arn:aws:states:…:activity:name`): the task carries a token; the
   * handler resolves with the worker's name when a worker takes the task (AWS's
   * `ActivityStarted`), and the worker answers with the token (SendTask*).
   */
  readonly activity: boolean;
}

/** What a Task state asks of the service it integrates with. */
export interface TaskRequest {
  readonly stateName: string;
  readonly resource: TaskResource;
  /** The effective parameters (JSONPath `Parameters`, JSONata `Arguments`), evaluated. */
  readonly parameters: Json;
  /** The task token, for `.waitForTaskToken` tasks. */
  readonly taskToken?: string;
  /** 1 for the first attempt, 2 for the first retry, ... */
  readonly attempt: number;
  readonly timeoutSeconds?: number;
  readonly heartbeatSeconds?: number;
  /** The execution's context object at this task, as `$$` shows it. */
  readonly context: Json;
  /** Aborted when the task times out, the execution stops, or a sibling branch fails. */
  readonly signal: AbortSignal;
  /**
   * For `.sync` tasks: reports that the job was started (AWS's `TaskSubmitted` event, with
   * the start call's answer as its output); the handler then resolves with the job's end.
   */
  submitted(output: Json): void;
}

/**
 * Performs one Task attempt. Resolve with the result (request-response and `.sync`), or,
 * for `.waitForTaskToken`, with the answer of the call that carried the token (the
 * `TaskSubmitted` output): the engine then waits for the token. Throw a `StatesError` to
 * fail the attempt with that error name and cause (any other thrown value fails it with
 * its `name` and `message`).
 */
export type TaskHandler = (request: TaskRequest) => Promise<Json>;
