import type { Clock } from '../clock.js';
import { ActiveState } from '../execution/active-state.js';
import type { Frame } from '../execution/frame.js';
import { processPacer } from '../execution/pacer.js';
import type { RunContext } from '../execution/run-context.js';
import { toStatesError } from '../execution/state-errors.js';
import type { StateOutcome } from '../execution/state-outcome.js';
import { EventCursor, HistoryRecorder } from '../history/history-recorder.js';
import type { Json, JsonObject } from '../json.js';
import { runStateOfType } from '../states/dispatch-by-type.js';
import { FailStateError } from '../states/fail-state.js';
import { StatesError, StatesErrors } from '../states-error.js';
import type { TaskHandler } from '../task-handler.js';
import { TokenWaits } from '../tasks/token-waits.js';
import { defaultRandom } from '../time/default-random.js';
import { systemClock } from '../time/system-clock.js';
import { VariableScope } from '../variables/variable-scope.js';
import { type CheckedRequest, checkRequest } from './check-request.js';
import { defaultContextObject, mockedContextObject } from './context-object.js';
import { errorOutcome } from './error-outcome.js';
import { InspectionRecorder } from './inspection.js';
import { runMockedMap, runMockedParallel, runMockedTask } from './mocked-states.js';
import type { TestStateOptions, TestStateRequest, TestStateResponse } from './types.js';

/** TestState runs for at most 5 minutes (then States.Timeout). */
export const TEST_STATE_TIMEOUT_MS = 5 * 60 * 1000;

/** Recorded: a field error's cause names the state's entered event, #2 of a one-state run. */
const ENTERED_EVENT_ID = 2;

let tokenSequence = 0;

/**
 * AWS's TestState API as a pure function: checks the request as AWS does, runs the one
 * state (its `Next` is not followed; a Wait does not wait; a mock replaces a Task's service
 * call or a Map's / Parallel's whole run), and answers with its status, output, error,
 * next state and, at DEBUG / TRACE, the `inspectionData` of its data flow.
 *
 * @throws TestStateRequestError when AWS refuses the request (`ValidationException`,
 * `InvalidDefinition`), with AWS's wording.
 */
export async function testState(
  request: TestStateRequest,
  options: TestStateOptions = {},
): Promise<TestStateResponse> {
  const checked = checkRequest(request);
  const { located } = checked;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? defaultRandom;
  const inspection = new InspectionRecorder(checked.input);
  const controller = new AbortController();
  const run = new ActiveState(
    testFrame(
      checked,
      options,
      located.state.Type === 'Wait' ? noWaitClock(clock) : clock,
      controller.signal,
    ),
    located.name,
    located.state,
    checked.input,
  );
  run.inspect = inspection.record;

  const timeout = new AbortController();
  const timedOut = clock.sleep(TEST_STATE_TIMEOUT_MS, timeout.signal).then(
    (): never => {
      controller.abort(
        new StatesError(StatesErrors.Timeout, 'TestState ran for more than 5 minutes'),
      );
      throw new StatesError(StatesErrors.Timeout, 'TestState ran for more than 5 minutes');
    },
    () => new Promise<never>(() => {}),
  );
  let response: TestStateResponse;
  try {
    const outcome = await Promise.race([runBody(run, checked, inspection), timedOut]);
    if (outcome.assigned) run.frame.variables.assign(outcome.assigned);
    inspection.variables = Object.fromEntries(run.frame.variables.entries());
    response = {
      status: 'SUCCEEDED',
      output: JSON.stringify(outcome.output),
      ...(outcome.next !== undefined ? { nextState: outcome.next } : {}),
    };
  } catch (thrown) {
    response = await failed(run, thrown, checked, inspection, random.next);
  } finally {
    timeout.abort();
  }
  if (checked.inspectionLevel === 'INFO') return response;
  return { ...response, inspectionData: inspection.data(located.state, run.language) };
}

async function failed(
  run: ActiveState,
  thrown: unknown,
  checked: CheckedRequest,
  inspection: InspectionRecorder,
  random: () => number,
): Promise<TestStateResponse> {
  if (thrown instanceof FailStateError) {
    return {
      status: 'FAILED',
      ...(thrown.failError !== undefined ? { error: thrown.failError } : {}),
      ...(thrown.failCause !== undefined ? { cause: thrown.failCause } : {}),
    };
  }
  const error = toStatesError(thrown, run.name, ENTERED_EVENT_ID);
  const failure = {
    ...(error.error !== '' ? { error: error.error } : {}),
    ...(error.cause !== '' ? { cause: error.cause } : {}),
  };
  const handled = await errorOutcome(run, error, checked.retrierRetryCount, random);
  if (handled.details) inspection.errorDetails = handled.details;
  if (handled.status !== 'CAUGHT_ERROR') return { status: handled.status, ...failure };
  const { outcome } = handled;
  if (outcome.assigned) {
    try {
      run.frame.variables.assign(outcome.assigned);
    } catch (tooLarge) {
      // A catcher's Assign over the variable quotas: the state fails with that error.
      const limit = toStatesError(tooLarge, run.name, ENTERED_EVENT_ID);
      return { status: 'FAILED', error: limit.error, cause: limit.cause };
    }
  }
  inspection.variables = Object.fromEntries(run.frame.variables.entries());
  return {
    status: 'CAUGHT_ERROR',
    output: JSON.stringify(outcome.output),
    ...failure,
    ...(outcome.next !== undefined ? { nextState: outcome.next } : {}),
  };
}

function runBody(
  run: ActiveState,
  checked: CheckedRequest,
  inspection: InspectionRecorder,
): Promise<StateOutcome> {
  const { mock } = checked;
  if (mock) {
    switch (run.state.Type) {
      case 'Task':
        return runMockedTask(run, mock);
      case 'Parallel':
        return runMockedParallel(run, mock);
      case 'Map':
        return runMockedMap(run, mock, checked.mapIterationFailureCount, inspection.record);
    }
  }
  return runStateOfType(run);
}

/** The one thread the tested state runs on: its variables, context object and host hooks. */
function testFrame(
  checked: CheckedRequest,
  options: TestStateOptions,
  clock: Clock,
  signal: AbortSignal,
): Frame {
  const random = options.random ?? defaultRandom;
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const startTime = new Date(clock.now()).toISOString();
  const identity = {
    region,
    accountId,
    machineName: `TestStateMachine-${random.uuid()}`,
    executionName: random.uuid(),
    roleArn: checked.roleArn ?? `arn:aws:iam::${accountId}:role/TestStateRole`,
  };
  const mocked = checked.context;
  const context: RunContext = {
    identity: {
      executionArn: `arn:aws:states:${region}:${accountId}:express:${identity.machineName}:${identity.executionName}`,
      executionName: identity.executionName,
      stateMachineArn: `arn:aws:states:${region}:${accountId}:stateMachine:${identity.machineName}`,
      stateMachineName: identity.machineName,
      roleArn: identity.roleArn,
    },
    input: checked.input,
    startTime,
    recorder: new HistoryRecorder(clock),
    clock,
    random,
    tasks: options.tasks ?? noTaskHandler,
    tokens: new TokenWaits(),
    issueTaskToken:
      options.issueTaskToken ?? (() => `test-state-task-token-${process.pid}-${++tokenSequence}`),
    region,
    queryLanguage: checked.located.queryLanguage,
    pacer: processPacer,
    contextOverride: (standard: JsonObject) =>
      mocked
        ? mockedContextObject(mocked, standard)
        : defaultContextObject(standard, identity, checked.input, startTime),
  };
  const variables = new VariableScope();
  variables.seed(checked.variables as Record<string, Json>);
  return {
    run: context,
    cursor: new EventCursor(0),
    variables,
    active: { type: undefined },
    signal,
    ...(checked.located.inMap ? { mapItem: { Index: 0, Value: checked.input } } : {}),
  };
}

const noTaskHandler: TaskHandler = async (request) => {
  throw new StatesError(
    StatesErrors.Runtime,
    `No task handler was given to run the Task state '${request.stateName}' (${request.resource.arn}); give one or a mock.`,
  );
};

/** A Wait state is tested without waiting. */
function noWaitClock(clock: Clock): Clock {
  return { now: () => clock.now(), sleep: async () => {} };
}
