import type { Json, JsonObject } from '../json.js';

/** How a state ended when it did not fail. */
export interface StateOutcome {
  /** The state's output (the next state's input). */
  readonly output: Json;
  /** The next state; undefined when the state ends its `States` block. */
  readonly next?: string;
  /** Variables the state assigns, set once it exits. */
  readonly assigned?: Readonly<Record<string, Json>>;
}

/** The effective `Next` of a state: undefined for `End: true` and terminal types. */
export function nextOf(state: JsonObject): string | undefined {
  return typeof state.Next === 'string' ? state.Next : undefined;
}
