import type { ActiveState } from '../execution/active-state.js';
import type { StateOutcome } from '../execution/state-outcome.js';
import { StatesError, StatesErrors } from '../states-error.js';
import { runChoiceState } from './choice-state.js';
import { runFailState } from './fail-state.js';
import { runMapState } from './map-state.js';
import { runParallelState } from './parallel-state.js';
import { runPassState } from './pass-state.js';
import { runSucceedState } from './succeed-state.js';
import { runTaskState } from './task-state.js';
import { runWaitState } from './wait-state.js';

/** Runs what a state of its type does, between its Entered and Exited events. */
export function runStateOfType(run: ActiveState): Promise<StateOutcome> {
  switch (run.state.Type) {
    case 'Pass':
      return runPassState(run);
    case 'Task':
      return runTaskState(run, run.retryCount);
    case 'Choice':
      return runChoiceState(run);
    case 'Wait':
      return runWaitState(run);
    case 'Succeed':
      return runSucceedState(run);
    case 'Fail':
      return runFailState(run);
    case 'Parallel':
      return runParallelState(run);
    case 'Map':
      return runMapState(run);
    default:
      throw new StatesError(
        StatesErrors.Runtime,
        `Unknown state type '${run.state.Type}' of state '${run.name}'.`,
      );
  }
}
