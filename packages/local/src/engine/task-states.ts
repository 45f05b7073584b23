import { walkStates } from '@sfn-callback/asl';

/** A Task state of a definition, wherever it is nested (Parallel branches, Map processors). */
export interface TaskState {
  readonly stateName: string;
  readonly resource: string;
}

/** Every state name of a definition (state names are unique in a whole state machine). */
export function stateNames(definition: { States: unknown }): Set<string> {
  const names = new Set<string>();
  walkStates(definition, { state: ({ name }) => void names.add(name) });
  return names;
}

/** The Task states of a definition, in definition order. */
export function taskStates(definition: { States: unknown }): TaskState[] {
  const tasks: TaskState[] = [];
  walkStates(definition, {
    state: ({ name, state }) => {
      if (state.Type === 'Task') tasks.push({ stateName: name, resource: String(state.Resource) });
      return true;
    },
  });
  return tasks;
}
