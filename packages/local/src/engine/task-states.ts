/** A Task state of a definition, wherever it is nested (Parallel branches, Map processors). */
export interface TaskState {
  readonly stateName: string;
  readonly resource: string;
}

type States = Record<string, Record<string, unknown>>;

/** Every state name of a definition (state names are unique in a whole state machine). */
export function stateNames(definition: { States: unknown }): Set<string> {
  const names = new Set<string>();
  walk(definition.States as States, (name) => names.add(name));
  return names;
}

/** The Task states of a definition, in definition order. */
export function taskStates(definition: { States: unknown }): TaskState[] {
  const tasks: TaskState[] = [];
  walk(definition.States as States, (stateName, state) => {
    if (state.Type === 'Task') tasks.push({ stateName, resource: String(state.Resource) });
  });
  return tasks;
}

function walk(states: States, visit: (name: string, state: Record<string, unknown>) => void): void {
  for (const [name, state] of Object.entries(states ?? {})) {
    visit(name, state);
    for (const branch of (state.Branches as { States: States }[] | undefined) ?? []) {
      walk(branch.States, visit);
    }
    const processor = (state.ItemProcessor ?? state.Iterator) as { States: States } | undefined;
    if (processor) walk(processor.States, visit);
  }
}
