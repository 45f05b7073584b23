import { isJsonObject, type Json } from '../json.js';

/** Structural equality of two JSON values; object key order does not matter. */
export function jsonEquals(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return (
      Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEquals(x, b[i] ?? null))
    );
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => {
      const other = Object.hasOwn(b, key) ? b[key] : undefined;
      const mine = a[key];
      return other !== undefined && mine !== undefined && jsonEquals(mine, other);
    });
  }
  return false;
}

/**
 * A text that is the same for equal JSON values (keys sorted), so that ArrayUnique can
 * dedupe in one pass instead of comparing every pair.
 */
export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isJsonObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] ?? null)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
