/**
 * An error raised while a state runs, named as the States Language names it: what a
 * Retry's or a Catch's `ErrorEquals` matches (`States.Runtime`, `States.TaskFailed`, a
 * task's own `Lambda.ServiceException`, a Fail state's error, ...), and the cause text AWS
 * reports with it.
 */
export class StatesError extends Error {
  override readonly name = 'StatesError';
  /** The field that failed (`Timestamp`, `Arguments/Input`), for JSONata's `EvaluationFailed` event. */
  location?: string;
  /** Fields a SendTaskFailure left out: the error output shows them as null. */
  absentFields?: { readonly error: boolean; readonly cause: boolean };

  constructor(
    /** The error name that Retry and Catch match. */
    readonly error: string,
    /** The cause, as the history and DescribeExecution show it. */
    override readonly cause: string,
    /**
     * Whether AWS prefixes the cause with "An error occurred while executing the state
     * 'X' (entered at the event id #N). ": true for failures of the state's own fields
     * (paths, expressions, intrinsics, limits), false for errors a task or Fail state
     * reports.
     */
    readonly inState = false,
  ) {
    super(`${error}: ${cause}`);
  }
}

/**
 * A failure of one of the state's own fields (a path that matches nothing, a JSONata
 * expression that returns nothing, an intrinsic given bad arguments): AWS reports the
 * cause prefixed with the state's name and the id of its entered event.
 */
export function fieldError(error: string, detail: string): StatesError {
  return new StatesError(error, detail, true);
}

/** The error names the States Language defines, as constants. */
export const StatesErrors = {
  ALL: 'States.ALL',
  Runtime: 'States.Runtime',
  Timeout: 'States.Timeout',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  TaskFailed: 'States.TaskFailed',
  Permissions: 'States.Permissions',
  ResultPathMatchFailure: 'States.ResultPathMatchFailure',
  ParameterPathFailure: 'States.ParameterPathFailure',
  QueryEvaluationError: 'States.QueryEvaluationError',
  BranchFailed: 'States.BranchFailed',
  NoChoiceMatched: 'States.NoChoiceMatched',
  IntrinsicFailure: 'States.IntrinsicFailure',
  ExceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
  ItemReaderFailed: 'States.ItemReaderFailed',
  ResultWriterFailed: 'States.ResultWriterFailed',
  DataLimitExceeded: 'States.DataLimitExceeded',
} as const;
