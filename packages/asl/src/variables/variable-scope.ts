import type { Json } from '../json.js';
import type { VariableReader } from '../scope.js';
import {
  assignLimitError,
  executionLimitError,
  sizesOf,
  VARIABLE_LIMITS,
} from './variable-limits.js';

/**
 * The variables of one `States` block (the top level, a Parallel branch, a Map
 * iteration). Reads fall through to the enclosing scopes; assignments stay in this one.
 * Inner scopes die with their Map or Parallel.
 */
export class VariableScope implements VariableReader {
  readonly #values = new Map<string, Json>();
  /** The UTF-8 size of each value, for AWS's quotas (see VARIABLE_LIMITS). */
  readonly #sizes = new Map<string, number>();
  #bytes = 0;
  readonly #parent: VariableScope | undefined;

  constructor(parent?: VariableScope) {
    this.#parent = parent;
  }

  get(name: string): Json | undefined {
    if (this.#values.has(name)) return this.#values.get(name);
    return this.#parent?.get(name);
  }

  /** Every visible variable, inner values hiding outer ones. */
  *entries(): Iterable<[string, Json]> {
    const seen = new Set<string>();
    for (let scope: VariableScope | undefined = this; scope; scope = scope.#parent) {
      for (const [name, value] of scope.#values) {
        if (seen.has(name)) continue;
        seen.add(name);
        yield [name, value];
      }
    }
  }

  /** Whether an enclosing scope (not this one) holds `name`. */
  definedOutside(name: string): boolean {
    for (let scope = this.#parent; scope; scope = scope.#parent) {
      if (scope.#values.has(name)) return true;
    }
    return false;
  }

  /**
   * Sets every assignment at once (AWS evaluates them all first, then assigns), within
   * AWS's quotas: 256 KiB a variable and an Assign, 10 MiB what this scope and the scopes
   * around it hold (sibling Map iterations and Parallel branches are not added up).
   *
   * @throws StatesError `States.DataLimitExceeded`, nothing assigned, when a quota is broken
   */
  assign(values: Readonly<Record<string, Json>>): void {
    const sizes = sizesOf(values);
    const error = assignLimitError(sizes);
    if (error) throw error;
    let bytes = this.#bytes;
    for (const [name, size] of sizes) bytes += size - (this.#sizes.get(name) ?? 0);
    let total = bytes;
    for (let scope = this.#parent; scope; scope = scope.#parent) total += scope.#bytes;
    if (total > VARIABLE_LIMITS.executionBytes) throw executionLimitError(total);
    this.#set(values, sizes);
    this.#bytes = bytes;
  }

  /** Sets values without the quotas: TestState's `variables`, which its request bounds. */
  seed(values: Readonly<Record<string, Json>>): void {
    const sizes = sizesOf(values);
    for (const [name, size] of sizes) this.#bytes += size - (this.#sizes.get(name) ?? 0);
    this.#set(values, sizes);
  }

  #set(values: Readonly<Record<string, Json>>, sizes: ReadonlyMap<string, number>): void {
    for (const [name, value] of Object.entries(values)) {
      this.#values.set(name, value);
      this.#sizes.set(name, sizes.get(name) ?? 0);
    }
  }
}
