import type { Json, TaskRequest } from '@sfn-callback/asl';

/** A mocked attempt that succeeds: the Task's result (for `.waitForTaskToken`, the token's answer). */
export interface MockedResult {
  readonly result: Json;
}

/** A mocked attempt that fails with this error and cause. */
export interface MockedError {
  readonly error: string;
  readonly cause?: string;
}

/** One attempt's answer. */
export type MockedAttempt = MockedResult | MockedError;

/**
 * A function of the request (its evaluated `Parameters` / `Arguments` in
 * `request.parameters`, `request.attempt`, `request.context`): return the result, or throw
 * a `StatesError(error, cause)` to fail the attempt.
 */
export type MockFunction = (request: TaskRequest) => Json | Promise<Json>;

/**
 * How a mocked Task answers: always the same result or error, a sequence (one entry per
 * invocation of the state in the execution, retries included, as Step Functions Local
 * counts them), or a function of the request.
 */
export type StateMock = MockedAttempt | readonly MockedAttempt[] | MockFunction;

/** Mocks by state name. */
export type StateMocks = Readonly<Record<string, StateMock>>;

/**
 * Mocks by resource: the `Resource` as written (`arn:aws:states:::lambda:invoke`), or the
 * service and action (`lambda:invoke`, `sns:publish`, `dynamodb:getItem`). A mock by state
 * name wins over one by resource.
 */
export type ResourceMocks = Readonly<Record<string, StateMock>>;

export const isMockedError = (attempt: MockedAttempt): attempt is MockedError =>
  'error' in attempt && !('result' in attempt);
