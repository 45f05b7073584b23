import type { Json, JsonObject } from '../json.js';

/** Marks a result that JSON cannot hold: a function, a lambda, NaN or an infinity. */
export const UNSUPPORTED: unique symbol = Symbol('unsupported JSONata result');

/** What a JSONata result becomes: JSON, nothing, or unsupported. */
export type NormalisedResult = Json | undefined | typeof UNSUPPORTED;

function isJsonataFunction(value: object): boolean {
  const record = value as { _jsonata_lambda?: unknown; _jsonata_function?: unknown };
  return record._jsonata_lambda === true || record._jsonata_function === true;
}

/**
 * Turns what jsonata returned into plain JSON. Sequences (arrays flagged `sequence`) become
 * plain arrays, `-0` becomes `0` (as its JSON text does), object members that evaluated to
 * nothing are left out (as JSON.stringify does). Values that need no change are returned as
 * they are, so a result taken from the input costs a walk, not a copy.
 */
export function normaliseJsonataResult(value: unknown): NormalisedResult {
  switch (typeof value) {
    case 'undefined':
      return undefined;
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) return UNSUPPORTED;
      return value === 0 ? 0 : value;
    case 'object':
      if (value === null) return null;
      if (Array.isArray(value)) return normaliseArray(value);
      if (isJsonataFunction(value)) return UNSUPPORTED;
      return normaliseObject(value as Record<string, unknown>);
    default:
      return UNSUPPORTED;
  }
}

function normaliseArray(array: unknown[]): NormalisedResult {
  // A flagged sequence is jsonata's own array: always copy it so no flag leaks out.
  let copy: Json[] | undefined =
    (array as { sequence?: unknown }).sequence === true ? new Array<Json>(array.length) : undefined;
  for (let i = 0; i < array.length; i++) {
    const item = array[i];
    const normalised = normaliseJsonataResult(item);
    if (normalised === UNSUPPORTED) return UNSUPPORTED;
    // An undefined item becomes null, as in JSON text.
    const json = normalised === undefined ? null : normalised;
    if (copy === undefined && json !== item) {
      copy = array.slice(0, i) as Json[];
      copy.length = array.length;
    }
    if (copy !== undefined) copy[i] = json;
  }
  return copy ?? (array as Json[]);
}

function normaliseObject(object: Record<string, unknown>): NormalisedResult {
  let copy: JsonObject | undefined;
  const keys = Object.keys(object);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const member = object[key];
    const normalised = normaliseJsonataResult(member);
    if (normalised === UNSUPPORTED) return UNSUPPORTED;
    if (copy === undefined && (normalised !== member || normalised === undefined)) {
      copy = {};
      for (let j = 0; j < i; j++) {
        const earlier = keys[j] as string;
        setMember(copy, earlier, object[earlier] as Json);
      }
    }
    if (copy !== undefined && normalised !== undefined) setMember(copy, key, normalised);
  }
  return copy ?? (object as JsonObject);
}

/** Sets a member, also one named `__proto__` (which plain assignment would not create). */
function setMember(target: JsonObject, key: string, value: Json): void {
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
