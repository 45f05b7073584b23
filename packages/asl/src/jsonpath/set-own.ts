import type { Json, JsonObject } from '../json.js';

/** Sets a property, as a data property even for `__proto__` (a legal JSON key). */
export function setOwn(target: JsonObject, key: string, value: Json): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}
