import { parseTaskResource, type TaskResource } from '@sfn-callback/asl';

/** One state of a definition, wherever it is nested. */
export interface IndexedState {
  readonly name: string;
  readonly type: string;
  /** The Task's resource, parsed. */
  readonly resource?: TaskResource;
  /** The Map or Parallel state this state runs inside, if any. */
  readonly parent?: string;
  /** For the first state of a Parallel branch: the branch's index. */
  readonly branch?: number;
}

type StatesBlock = Record<string, Record<string, unknown>>;

/**
 * Every state of a definition, Map iterations and Parallel branches included (state names
 * are unique across a whole state machine, so a name finds one state).
 */
export function indexStates(
  definition: Record<string, unknown>,
): ReadonlyMap<string, IndexedState> {
  const states = new Map<string, IndexedState>();
  const walk = (block: unknown, parent: string | undefined, branch: number | undefined) => {
    const { States, StartAt } = (block ?? {}) as { States?: StatesBlock; StartAt?: string };
    for (const [name, state] of Object.entries(States ?? {})) {
      const type = String(state.Type);
      const resource =
        type === 'Task' && typeof state.Resource === 'string'
          ? parseTaskResource(state.Resource)
          : undefined;
      states.set(name, {
        name,
        type,
        ...(resource ? { resource } : {}),
        ...(parent !== undefined ? { parent } : {}),
        ...(branch !== undefined && name === StartAt ? { branch } : {}),
      });
      if (type === 'Map') walk(state.ItemProcessor ?? state.Iterator, name, undefined);
      if (type === 'Parallel') {
        const branches = Array.isArray(state.Branches) ? state.Branches : [];
        for (const [index, inner] of branches.entries()) walk(inner, name, index);
      }
    }
  };
  walk(definition, undefined, undefined);
  return states;
}
