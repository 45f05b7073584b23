import type { Json, JsonObject } from './json.js';

/** `QueryLanguage` of a state machine or a state. */
export type QueryLanguage = 'JSONPath' | 'JSONata';

/**
 * A state as the definition writes it. Fields are read by the state types that use
 * them; the validator has already refused fields a type does not allow.
 */
export interface StateDefinition extends JsonObject {
  Type: string;
}

/** A `States` block with its `StartAt`: the top level, a Parallel branch, a Map's ItemProcessor. */
export interface StatesBlock {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, StateDefinition>>;
  readonly QueryLanguage?: QueryLanguage;
}

/** The top level of a definition. */
export interface StateMachineDefinition extends StatesBlock {
  readonly Comment?: string;
  readonly TimeoutSeconds?: number;
  readonly Version?: string;
}

/** A retrier of `Retry`. */
export interface Retrier {
  readonly ErrorEquals: readonly string[];
  readonly IntervalSeconds?: number;
  readonly MaxAttempts?: number;
  readonly BackoffRate?: number;
  readonly MaxDelaySeconds?: number;
  readonly JitterStrategy?: 'FULL' | 'NONE';
}

/** A catcher of `Catch`. */
export interface Catcher {
  readonly ErrorEquals: readonly string[];
  readonly Next: string;
  readonly ResultPath?: string | null;
  readonly Output?: Json;
  readonly Assign?: JsonObject;
}

/** Reads a field as a given shape (the validator checked it). */
export function field<T>(state: JsonObject, name: string): T | undefined {
  return state[name] as T | undefined;
}

/** The state types that take `Retry` and `Catch` (and whose context object has `State.RetryCount`). */
export const RETRYABLE_TYPES: ReadonlySet<string> = new Set(['Task', 'Map', 'Parallel']);
