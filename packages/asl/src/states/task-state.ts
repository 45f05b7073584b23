import type { ActiveState } from '../execution/active-state.js';
import { nextOf, type StateOutcome } from '../execution/state-outcome.js';
import type { EventBody } from '../history/history-recorder.js';
import type { Json } from '../json.js';
import { MAX_PAYLOAD_BYTES, utf8Bytes } from '../limits.js';
import { StatesError, StatesErrors } from '../states-error.js';
import type { TaskResource } from '../task-handler.js';
import { parseTaskResource } from '../tasks/parse-resource.js';
import type { TokenAnswer } from '../tasks/token-waits.js';
import { effectiveArguments, jsonPathArguments, resultToOutput } from './data-flow.js';
import { taskSeconds } from './task-timeouts.js';

/**
 * The reason every signal of a finished attempt is aborted with: one object, because
 * `abort()` without a reason builds a DOMException (and its stack) each time.
 */
const ATTEMPT_ENDED = Object.freeze({ reason: 'the task attempt ended' });

/** Why a task attempt stopped waiting: an answer, a timeout, or an abort from outside. */
type Ending =
  | { readonly kind: 'result'; readonly output: Json }
  | { readonly kind: 'failed'; readonly error: StatesError }
  | { readonly kind: 'timed-out' };

/**
 * Task: evaluates its arguments, records AWS's task events (`Task*`, `LambdaFunction*` for a
 * bare Lambda ARN, `Activity*` for an activity ARN), calls the host's task handler, and for
 * `.waitForTaskToken` and activities waits for the token's answer. `TimeoutSeconds` and `HeartbeatSeconds` are enforced
 * here, on the injected clock; a missed heartbeat ends the task as AWS records it:
 * `TaskTimedOut` with `States.Timeout`.
 */
export async function runTaskState(run: ActiveState, retryCount: number): Promise<StateOutcome> {
  const resource = parseTaskResource(String(run.state.Resource)) as TaskResource;
  const host = run.frame.run;
  // Recorded: `.sync` tasks have a `$$.Task.Token` too (a child can answer the parent with it).
  // An activity's worker answers with the token GetActivityTask handed it.
  const token =
    resource.pattern === 'request-response' && !resource.activity
      ? undefined
      : host.issueTaskToken();
  const waitsForToken = resource.pattern === 'waitForTaskToken' || resource.activity;
  run.attempt(retryCount, token);
  // A JSONPath task evaluates its fields without yielding (see taskSeconds).
  const parameters = run.jsonata ? await effectiveArguments(run) : jsonPathArguments(run);
  const timeout = taskSeconds(run, 'TimeoutSeconds');
  const timeoutSeconds = timeout instanceof Promise ? await timeout : timeout;
  const heartbeat = taskSeconds(run, 'HeartbeatSeconds');
  const heartbeatSeconds = heartbeat instanceof Promise ? await heartbeat : heartbeat;
  const events = taskEvents(resource);

  run.record(
    resource.activity
      ? {
          type: 'ActivityScheduled',
          activityScheduledEventDetails: {
            resource: resource.arn,
            input: JSON.stringify(parameters),
            inputDetails: { truncated: false },
            ...(timeoutSeconds !== undefined ? { timeoutInSeconds: timeoutSeconds } : {}),
            ...(heartbeatSeconds !== undefined ? { heartbeatInSeconds: heartbeatSeconds } : {}),
          },
        }
      : resource.legacyLambda
        ? {
            type: 'LambdaFunctionScheduled',
            lambdaFunctionScheduledEventDetails: {
              resource: resource.arn,
              input: JSON.stringify(parameters),
              inputDetails: { truncated: false },
              ...(timeoutSeconds !== undefined ? { timeoutInSeconds: timeoutSeconds } : {}),
            },
          }
        : {
            type: 'TaskScheduled',
            taskScheduledEventDetails: {
              resourceType: resource.resourceType,
              resource: resource.resource,
              region: host.region,
              parameters: JSON.stringify(parameters),
              ...(timeoutSeconds !== undefined ? { timeoutInSeconds: timeoutSeconds } : {}),
              ...(heartbeatSeconds !== undefined ? { heartbeatInSeconds: heartbeatSeconds } : {}),
            },
          },
  );
  // The service starts the task a moment after the state machine schedules it: sibling
  // iterations schedule theirs in between, as AWS records them. An activity starts when a
  // worker takes it (the handler resolves with the worker's name).
  await Promise.resolve();
  if (!resource.activity) run.record(events.started());

  // Stopped between scheduling and starting: the task is never called (a listener added now
  // would never hear the abort).
  if (run.frame.signal.aborted) throw run.frame.signal.reason;
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(run.frame.signal.reason);
  run.frame.signal.addEventListener('abort', onOuterAbort, { once: true });
  try {
    const ending = await attempt(run, resource, parameters, token, waitsForToken, {
      timeoutSeconds,
      heartbeatSeconds,
      signal: controller.signal,
      onSubmitted: (output) => run.record(events.submitted(output)),
    });
    if (run.frame.signal.aborted) throw run.frame.signal.reason;
    if (ending.kind === 'timed-out') {
      run.record(events.timedOut());
      throw new StatesError(StatesErrors.Timeout, '');
    }
    if (ending.kind === 'failed') {
      run.record(events.failed(ending.error));
      throw ending.error;
    }
    const text = JSON.stringify(ending.output ?? null);
    if (utf8Bytes(text) > MAX_PAYLOAD_BYTES) {
      const error = new StatesError(
        StatesErrors.DataLimitExceeded,
        // Recorded: AWS names the resource here (the function ARN, or the service), not the state.
        `The state/task '${resource.legacyLambda ? resource.arn : resource.resourceType}' returned a result with a size exceeding the maximum number of bytes service limit.`,
      );
      run.record(events.failed(error));
      throw error;
    }
    run.record(events.succeeded(text));
    const { output, assigned } = await resultToOutput(run, ending.output ?? null);
    const next = nextOf(run.state);
    return { output, ...(next !== undefined ? { next } : {}), ...(assigned ? { assigned } : {}) };
  } finally {
    controller.abort(ATTEMPT_ENDED);
    run.frame.signal.removeEventListener('abort', onOuterAbort);
    if (token !== undefined) host.tokens.close(token);
  }
}

interface AttemptOptions {
  readonly timeoutSeconds: number | undefined;
  readonly heartbeatSeconds: number | undefined;
  readonly signal: AbortSignal;
  readonly onSubmitted: (output: Json) => void;
}

/** One attempt, raced against its timeout (and, waiting for a token, its heartbeat). */
async function attempt(
  run: ActiveState,
  resource: TaskResource,
  parameters: Json,
  token: string | undefined,
  waitsForToken: boolean,
  options: AttemptOptions,
): Promise<Ending> {
  const host = run.frame.run;
  const { clock } = host;
  const { signal } = options;
  return new Promise<Ending>((resolve) => {
    let settled = false;
    // Every timer of the attempt stops when it ends, whichever way it ends.
    const timers: AbortController[] = [];
    const end = (ending: Ending) => {
      if (settled) return;
      settled = true;
      for (const timer of timers) timer.abort(ATTEMPT_ENDED);
      resolve(ending);
    };
    signal.addEventListener('abort', () => end({ kind: 'timed-out' }), { once: true });
    const timer = (seconds: number) => {
      const own = new AbortController();
      timers.push(own);
      clock.sleep(seconds * 1000, own.signal).then(
        () => end({ kind: 'timed-out' }),
        () => {},
      );
      return own;
    };
    if (options.timeoutSeconds !== undefined) timer(options.timeoutSeconds);

    let answer: Promise<TokenAnswer> | undefined;
    let restartHeartbeat: (() => void) | undefined;
    if (token !== undefined && waitsForToken) {
      // Open the token before the message leaves, so the fastest worker finds it open.
      // An activity's heartbeat clock starts when a worker takes it (see `submitted`).
      let heartbeat =
        options.heartbeatSeconds !== undefined && !resource.activity
          ? timer(options.heartbeatSeconds)
          : undefined;
      restartHeartbeat = () => {
        if (options.heartbeatSeconds === undefined) return;
        heartbeat?.abort(ATTEMPT_ENDED);
        heartbeat = timer(options.heartbeatSeconds);
      };
      answer = new Promise<TokenAnswer>((answered) => {
        host.tokens.open(
          token,
          {
            answer: answered,
            heartbeat: () => restartHeartbeat?.(),
          },
          {
            ...(options.timeoutSeconds !== undefined
              ? { timeoutSeconds: options.timeoutSeconds }
              : {}),
            ...(options.heartbeatSeconds !== undefined
              ? { heartbeatSeconds: options.heartbeatSeconds }
              : {}),
          },
        );
      });
    }

    const submitted = (output: Json) => {
      if (settled) return;
      options.onSubmitted(output);
      // An activity's heartbeat clock starts when a worker takes the task.
      if (resource.activity) restartHeartbeat?.();
    };
    host
      .tasks({
        stateName: run.name,
        resource,
        parameters,
        ...(token !== undefined ? { taskToken: token } : {}),
        attempt: (run.context.State as { RetryCount: number }).RetryCount + 1,
        ...(options.timeoutSeconds !== undefined ? { timeoutSeconds: options.timeoutSeconds } : {}),
        ...(options.heartbeatSeconds !== undefined
          ? { heartbeatSeconds: options.heartbeatSeconds }
          : {}),
        context: run.context,
        signal,
        submitted,
      })
      .then(
        async (output) => {
          if (settled) return;
          if (!answer) {
            end({ kind: 'result', output });
            return;
          }
          submitted(output);
          const answered = await answer;
          if (answered.kind === 'success') end({ kind: 'result', output: answered.output });
          else
            end({
              kind: 'failed',
              error: answeredFailure(answered.error, answered.cause),
            });
        },
        (thrown: unknown) => end({ kind: 'failed', error: asTaskError(thrown) }),
      );
  });
}

/** A SendTaskFailure's error: recorded, absent fields become nulls in the error output. */
function answeredFailure(error: string | undefined, cause: string | undefined): StatesError {
  const failure = new StatesError(error ?? '', cause ?? '');
  failure.absentFields = { error: error === undefined, cause: cause === undefined };
  return failure;
}

/** What a handler threw, as the task's error and cause. */
function asTaskError(thrown: unknown): StatesError {
  if (thrown instanceof StatesError) return thrown;
  if (thrown instanceof Error) return new StatesError(thrown.name, thrown.message);
  return new StatesError('Error', String(thrown));
}

/**
 * The event bodies of a task: `Task*`, `LambdaFunction*` for a bare Lambda ARN, `Activity*`
 * for an activity (started when a worker takes it: the handler's result is the worker's name).
 */
function taskEvents(resource: TaskResource) {
  const where = { resourceType: resource.resourceType, resource: resource.resource };
  const failure = (error: StatesError) => ({
    ...(error.error !== '' ? { error: error.error } : {}),
    ...(error.cause !== '' ? { cause: error.cause } : {}),
  });
  if (resource.activity) {
    return {
      started: (): EventBody => ({ type: 'ActivityStarted', activityStartedEventDetails: {} }),
      // Recorded when a worker takes the task, not when it is scheduled (see runTaskState).
      submitted: (workerName: Json): EventBody => ({
        type: 'ActivityStarted',
        activityStartedEventDetails:
          typeof workerName === 'string' && workerName !== '' ? { workerName } : {},
      }),
      succeeded: (output: string): EventBody => ({
        type: 'ActivitySucceeded',
        activitySucceededEventDetails: { output, outputDetails: { truncated: false } },
      }),
      failed: (error: StatesError): EventBody => ({
        type: 'ActivityFailed',
        activityFailedEventDetails: failure(error),
      }),
      timedOut: (): EventBody => ({
        type: 'ActivityTimedOut',
        activityTimedOutEventDetails: { error: StatesErrors.Timeout },
      }),
    };
  }
  if (resource.legacyLambda) {
    return {
      started: (): EventBody => ({ type: 'LambdaFunctionStarted' }),
      submitted: (_output: Json): EventBody => ({ type: 'LambdaFunctionStarted' }),
      succeeded: (output: string): EventBody => ({
        type: 'LambdaFunctionSucceeded',
        lambdaFunctionSucceededEventDetails: { output, outputDetails: { truncated: false } },
      }),
      failed: (error: StatesError): EventBody => ({
        type: 'LambdaFunctionFailed',
        lambdaFunctionFailedEventDetails: failure(error),
      }),
      timedOut: (): EventBody => ({
        type: 'LambdaFunctionTimedOut',
        lambdaFunctionTimedOutEventDetails: { error: StatesErrors.Timeout },
      }),
    };
  }
  return {
    started: (): EventBody => ({ type: 'TaskStarted', taskStartedEventDetails: where }),
    submitted: (output: Json): EventBody => ({
      type: 'TaskSubmitted',
      taskSubmittedEventDetails: {
        ...where,
        output: JSON.stringify(output),
        outputDetails: { truncated: false },
      },
    }),
    succeeded: (output: string): EventBody => ({
      type: 'TaskSucceeded',
      taskSucceededEventDetails: { ...where, output, outputDetails: { truncated: false } },
    }),
    failed: (error: StatesError): EventBody => ({
      type: 'TaskFailed',
      taskFailedEventDetails: { ...where, ...failure(error) },
    }),
    timedOut: (): EventBody => ({
      type: 'TaskTimedOut',
      taskTimedOutEventDetails: { ...where, error: StatesErrors.Timeout },
    }),
  };
}
