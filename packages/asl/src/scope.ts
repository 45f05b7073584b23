import type { Json, JsonObject } from './json.js';

/**
 * The variables a state can read: its own scope's and, through it, the enclosing
 * scopes' (a Map iteration or Parallel branch reads outer variables).
 */
export interface VariableReader {
  /** The variable's value, or undefined when no scope assigned it. */
  get(name: string): Json | undefined;
}

/**
 * What an expression in a state's fields can see, in either query language.
 * JSONPath: `$` is `input` (or what the field's rules say), `$$` is `context`, `$name` a
 * variable. JSONata: `$states.input`, `$states.context`, `$states.result`,
 * `$states.errorOutput`, and each variable as `$name`.
 */
export interface EvaluationScope {
  /** The context object (`$$` / `$states.context`). */
  readonly context: JsonObject;
  /** The variables visible to the state. */
  readonly variables: VariableReader;
  /** Randomness and UUIDs for `States.UUID`, `States.MathRandom`, `$random`, `$uuid`. */
  readonly random: RandomSource;
}

/** Injected randomness, so that a test or a replay gets the same run twice. */
export interface RandomSource {
  /** A number in [0, 1). */
  next(): number;
  /** A version 4 UUID. */
  uuid(): string;
}
