/** What a test run can cover in a state machine, by kind: the three thresholds. */
export type CoverageKind = 'states' | 'branches' | 'errorHandlers';

/**
 * One thing a test run can cover: a state, a Choice rule or `Default`, a Parallel branch,
 * a Map's item processor, a Retry or a Catch. `path` is where it sits in the definition
 * (JSON keys and indexes), for the pretty-printed ASL file's locations.
 */
export interface CoverageItem {
  /** Stable within a definition: `state:Ship`, `choice:Pick:1`, `choice:Pick:Default`, `retry:Ship:0`, ... */
  readonly id: string;
  readonly kind: CoverageKind;
  /** The state it belongs to. */
  readonly state: string;
  /** For a reader: `Ship`, `Pick → Choices[1]`, `Ship → Retry[0] (States.Timeout)`. */
  readonly label: string;
  /** The JSON path of the item in the definition, for its location. */
  readonly path: readonly (string | number)[];
  /** The Map and Parallel states it runs inside, outermost first. */
  readonly parents: readonly string[];
}

type StatesBlock = { StartAt?: unknown; States?: Record<string, Record<string, unknown>> };

/** Every coverable item of a definition, in definition order. */
export function coverageItems(definition: Readonly<Record<string, unknown>>): CoverageItem[] {
  const items: CoverageItem[] = [];
  const walk = (block: StatesBlock, path: (string | number)[], parents: string[]) => {
    for (const [name, state] of Object.entries(block.States ?? {})) {
      const at = [...path, 'States', name];
      const add = (id: string, kind: CoverageKind, label: string, itemPath = at) =>
        items.push({ id, kind, state: name, label, path: itemPath, parents });
      add(`state:${name}`, 'states', name);
      if (state.Type === 'Choice') {
        const rules = Array.isArray(state.Choices) ? state.Choices : [];
        rules.forEach((rule, index) => {
          const next = (rule as { Next?: unknown }).Next;
          add(
            `choice:${name}:${index}`,
            'branches',
            `${name} → Choices[${index}] (→ ${String(next)})`,
            [...at, 'Choices', index],
          );
        });
        if (typeof state.Default === 'string') {
          add(`choice:${name}:Default`, 'branches', `${name} → Default (→ ${state.Default})`, [
            ...at,
            'Default',
          ]);
        }
      }
      if (state.Type === 'Parallel') {
        const branches = (Array.isArray(state.Branches) ? state.Branches : []) as StatesBlock[];
        branches.forEach((branch, index) => {
          add(`parallel:${name}:${index}`, 'branches', `${name} → Branches[${index}]`, [
            ...at,
            'Branches',
            index,
          ]);
          walk(branch, [...at, 'Branches', index], [...parents, name]);
        });
      }
      if (state.Type === 'Map') {
        const field = state.ItemProcessor ? 'ItemProcessor' : 'Iterator';
        add(`map:${name}`, 'branches', `${name} → ${field}`, [...at, field]);
        walk((state[field] ?? {}) as StatesBlock, [...at, field], [...parents, name]);
      }
      for (const field of ['Retry', 'Catch'] as const) {
        const handlers = Array.isArray(state[field]) ? (state[field] as unknown[]) : [];
        handlers.forEach((handler, index) => {
          const errors = (handler as { ErrorEquals?: unknown }).ErrorEquals;
          items.push({
            id: `${field.toLowerCase()}:${name}:${index}`,
            kind: 'errorHandlers',
            state: name,
            label: `${name} → ${field}[${index}] (${Array.isArray(errors) ? errors.join(', ') : ''})`,
            path: [...at, field, index],
            parents,
          });
        });
      }
    }
  };
  walk(definition as StatesBlock, [], []);
  return items;
}
