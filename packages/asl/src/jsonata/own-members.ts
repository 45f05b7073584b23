import type { Json, JsonObject } from '../json.js';
import { setOwn } from '../jsonpath/set-own.js';

/**
 * Names every plain object inherits (`toString`, `constructor`, `__proto__`,
 * `hasOwnProperty`, ...). jsonata reads a field as `object[name]`, so on a JSON object these
 * would answer with Object.prototype's members instead of nothing.
 */
const INHERITED_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * Whether an expression (its jsonata AST) can read an inherited member: a field step
 * named like one, or `$lookup`, whose key is only known when it runs. Only such
 * expressions pay for evaluating over copies without prototypes.
 */
export function readsInheritedMembers(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(readsInheritedMembers);
  if (typeof node !== 'object' || node === null) return false;
  const record = node as Record<string, unknown>;
  if (record.type === 'name' && typeof record.value === 'string') {
    if (INHERITED_NAMES.has(record.value)) return true;
  }
  if (record.type === 'variable' && record.value === 'lookup') return true;
  for (const key in record) {
    const child = record[key];
    if (typeof child === 'object' && child !== null && readsInheritedMembers(child)) return true;
  }
  return false;
}

/** A copy of `value` whose objects have no prototype: only own members can be read. */
export function withoutPrototypes(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutPrototypes);
  if (typeof value !== 'object' || value === null) return value;
  const copy: JsonObject = Object.create(null);
  for (const key of Object.keys(value)) copy[key] = withoutPrototypes(value[key] as Json);
  return copy;
}

/** A copy of `value` with ordinary objects again (for JSON that {@link withoutPrototypes} made). */
export function withPrototypes(value: Json): Json {
  if (Array.isArray(value)) return value.map(withPrototypes);
  if (typeof value !== 'object' || value === null) return value;
  const copy: JsonObject = {};
  for (const key of Object.keys(value)) setOwn(copy, key, withPrototypes(value[key] as Json));
  return copy;
}
