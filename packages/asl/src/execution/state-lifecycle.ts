import {
  type Catcher,
  RETRYABLE_TYPES,
  type Retrier,
  type StateDefinition,
} from '../definition.js';
import { stateEventType } from '../history/event-names.js';
import { EventCursor } from '../history/history-recorder.js';
import type { Json } from '../json.js';
import { applyResultPath } from '../jsonpath/result-path.js';
import { MAX_PAYLOAD_BYTES, utf8Bytes } from '../limits.js';
import { runStateOfType } from '../states/dispatch-by-type.js';
import { StatesError, StatesErrors } from '../states-error.js';
import { ActiveState } from './active-state.js';
import { findCatcher, findRetrier, retryDelayMs } from './error-matching.js';
import type { Frame } from './frame.js';
import { errorOutput, toStatesError } from './state-errors.js';
import type { StateOutcome } from './state-outcome.js';

const CONTAINER_TYPES = new Set(['Map', 'Parallel']);
const NO_EXITED_EVENT = new Set(['Fail']);

/**
 * Runs one state: records its Entered event, runs its body (again after each matching
 * retrier's wait), hands a failure to the first matching catcher, records its Exited
 * event with the variables it assigned, and assigns them. A failure no catcher takes
 * propagates to the caller (the enclosing branch, iteration or execution).
 */
export async function runStateLifecycle(
  frame: Frame,
  name: string,
  state: StateDefinition,
  input: Json,
): Promise<StateOutcome> {
  const run = new ActiveState(frame, name, state, input);
  frame.active.type = state.Type;
  run.enteredEventId = run.record({
    type: stateEventType(state.Type, 'Entered'),
    stateEnteredEventDetails: {
      name,
      input: JSON.stringify(input),
      inputDetails: { truncated: false },
    },
  });

  let outcome: StateOutcome;
  try {
    outcome = await runWithRetries(run);
  } catch (thrown) {
    const error = toStatesError(thrown, name, run.enteredEventId);
    if (frame.signal.aborted) throw error;
    const catcher = RETRYABLE_TYPES.has(state.Type)
      ? findCatcher(state.Catch as Catcher[] | undefined, error.error)
      : undefined;
    if (!catcher) throw error;
    outcome = await caught(run, catcher, error);
  }

  if (!NO_EXITED_EVENT.has(state.Type)) {
    const text = JSON.stringify(outcome.output);
    if (utf8Bytes(text) > MAX_PAYLOAD_BYTES) {
      throw new StatesError(
        StatesErrors.DataLimitExceeded,
        `The state/task '${name}' returned a result with a size exceeding the maximum number of bytes service limit.`,
      );
    }
    frame.active.type = undefined;
    run.record({
      type: stateEventType(state.Type, 'Exited'),
      stateExitedEventDetails: {
        name,
        output: text,
        outputDetails: { truncated: false },
        ...(outcome.assigned && Object.keys(outcome.assigned).length > 0
          ? {
              assignedVariables: Object.fromEntries(
                Object.entries(outcome.assigned).map(([key, value]) => [
                  key,
                  JSON.stringify(value),
                ]),
              ),
              assignedVariablesDetails: { truncated: false },
            }
          : {}),
      },
    });
  }
  frame.active.type = undefined;
  if (outcome.assigned) frame.variables.assign(outcome.assigned);
  return outcome;
}

async function runWithRetries(run: ActiveState): Promise<StateOutcome> {
  const retriers = RETRYABLE_TYPES.has(run.state.Type)
    ? (run.state.Retry as Retrier[] | undefined)
    : undefined;
  const attempts = new Map<number, number>();
  let retryCount = 0;
  for (;;) {
    run.attempt(retryCount);
    try {
      return await runStateOfType(run);
    } catch (thrown) {
      const error = toStatesError(thrown, run.name, run.enteredEventId);
      if (run.frame.signal.aborted) throw error;
      // Only the state whose expression failed records it, not the Map or Parallel around it.
      if (thrown instanceof StatesError && thrown.inState) recordEvaluationFailure(run, error);
      const found = findRetrier(retriers, error.error);
      const used = found ? (attempts.get(found.index) ?? 0) : 0;
      if (!found || used >= (found.retrier.MaxAttempts ?? 3)) {
        // Recorded: a Map or Parallel reports its failure only when no retrier takes it.
        // States.Runtime ends the execution at once, without the container's Failed event.
        if (CONTAINER_TYPES.has(run.state.Type) && error.error !== StatesErrors.Runtime) {
          run.record({ type: run.state.Type === 'Map' ? 'MapStateFailed' : 'ParallelStateFailed' });
        }
        throw error;
      }
      attempts.set(found.index, used + 1);
      const delay = retryDelayMs(found.retrier, used + 1, run.frame.run.random.next);
      await run.frame.run.clock.sleep(delay, run.frame.signal);
      retryCount++;
    }
  }
}

/**
 * JSONata's `EvaluationFailed` event, for an expression that failed. Recorded: it chains to
 * the event before the state's Entered event, and the state's next event chains to it.
 */
function recordEvaluationFailure(run: ActiveState, error: StatesError): void {
  if (!run.jsonata || error.error !== StatesErrors.QueryEvaluationError) return;
  // Recorded: a Wait state's chains to its Entered event, the other types' to the one before.
  const entered = run.frame.run.recorder.events[run.enteredEventId - 1];
  const cursor = new EventCursor(
    run.state.Type === 'Wait'
      ? run.enteredEventId
      : (entered?.previousEventId ?? run.frame.cursor.last),
  );
  const id = run.frame.run.recorder.append(cursor, {
    type: 'EvaluationFailed',
    evaluationFailedEventDetails: {
      state: run.name,
      error: error.error,
      cause: error.cause,
      ...(error.location !== undefined ? { location: error.location } : {}),
    },
  });
  run.frame.cursor.set(id);
}

/** A catcher's outcome: its `Next`, its output (`ResultPath` / `Output`) and its `Assign`. */
export async function caught(
  run: ActiveState,
  catcher: Catcher,
  error: StatesError,
): Promise<StateOutcome> {
  const errorJson = errorOutput(error);
  if (run.jsonata) {
    const states = { errorOutput: errorJson };
    const [output, assigned] = await Promise.all([
      catcher.Output === undefined ? errorJson : run.evaluate(catcher.Output, 'Output', states),
      run.assignments(catcher.Assign, errorJson, states),
    ]);
    return { output, next: catcher.Next, ...(assigned ? { assigned } : {}) };
  }
  const assigned = await run.assignments(catcher.Assign, errorJson);
  const output = applyResultPath(run.input, errorJson, catcher.ResultPath);
  return { output, next: catcher.Next, ...(assigned ? { assigned } : {}) };
}
