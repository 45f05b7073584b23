import { StateMachineTestError } from '../errors.js';
import type { IndexedState } from '../load/state-index.js';
import type { StateMock, StateMocks } from './state-mock.js';

function isWellFormed(mock: StateMock): boolean {
  if (typeof mock === 'function') return true;
  const attempts = Array.isArray(mock) ? mock : [mock];
  return attempts.every(
    (attempt) =>
      typeof attempt === 'object' &&
      attempt !== null &&
      ('result' in attempt || typeof (attempt as { error?: unknown }).error === 'string'),
  );
}

/**
 * Checks mocks by state name before anything runs: each names a Task state of the machine
 * and is a result, an error, a sequence of them or a function.
 *
 * @throws StateMachineTestError `UNKNOWN_STATE` naming the Task states that exist, or
 *   `INVALID_MOCK`.
 */
export function checkStateMocks(
  machineName: string,
  mocks: StateMocks,
  states: ReadonlyMap<string, IndexedState>,
): void {
  const tasks = [...states.values()].filter((s) => s.type === 'Task').map((s) => s.name);
  for (const [name, mock] of Object.entries(mocks)) {
    const state = states.get(name);
    if (!state) {
      throw new StateMachineTestError(
        'UNKNOWN_STATE',
        `a mock names the state "${name}", which state machine "${machineName}" does not have; its Task states: ${tasks.map((t) => JSON.stringify(t)).join(', ') || '(none)'}`,
      );
    }
    if (state.type !== 'Task') {
      throw new StateMachineTestError(
        'UNKNOWN_STATE',
        `a mock names the state "${name}", a ${state.type} state: only Task states are mocked; the Task states: ${tasks.map((t) => JSON.stringify(t)).join(', ') || '(none)'}`,
      );
    }
    if (!isWellFormed(mock)) {
      throw new StateMachineTestError(
        'INVALID_MOCK',
        `the mock of state "${name}" must be { result }, { error, cause? }, an array of them (one per invocation) or a function of the request`,
      );
    }
  }
}
