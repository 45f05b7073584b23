import type { Json } from '../json.js';
import type { VariableReader } from '../scope.js';

/**
 * The variables of one `States` block (the top level, a Parallel branch, a Map
 * iteration). Reads fall through to the enclosing scopes; assignments stay in this one.
 * Inner scopes die with their Map or Parallel.
 */
export class VariableScope implements VariableReader {
  readonly #values = new Map<string, Json>();
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

  /** Sets every assignment at once (AWS evaluates them all first, then assigns). */
  assign(values: Readonly<Record<string, Json>>): void {
    for (const [name, value] of Object.entries(values)) this.#values.set(name, value);
  }
}
