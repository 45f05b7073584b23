import { StateMachineTestError } from '../errors.js';
import type { IndexedState } from '../load/state-index.js';
import type { ResourceMocks, StateMock, StateMocks } from './state-mock.js';

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

/**
 * Checks mocks by resource: each key names the `Resource` of some Task state, as written or
 * as service and action (`lambda:invoke`).
 *
 * @throws StateMachineTestError `UNKNOWN_STATE` naming the resources the Tasks use.
 */
export function checkResourceMocks(
  machineName: string,
  mocks: ResourceMocks,
  states: ReadonlyMap<string, IndexedState>,
): void {
  const used = new Set<string>();
  for (const state of states.values()) {
    if (!state.resource) continue;
    used.add(state.resource.arn);
    used.add(`${state.resource.resourceType.replace(/^aws-sdk:/, '')}:${state.resource.action}`);
  }
  for (const key of Object.keys(mocks)) {
    if (used.has(key)) continue;
    throw new StateMachineTestError(
      'UNKNOWN_STATE',
      `a mock by resource names "${key}", which no Task of state machine "${machineName}" calls; its Tasks call: ${[...used].map((r) => JSON.stringify(r)).join(', ') || '(none)'}`,
    );
  }
}
