import { isJsonObject, type Json } from '../json.js';
import type { ParsedPath, PathSegment } from './path-ast.js';
import { setOwn } from './set-own.js';

/** What {@link evaluateDefinite} returns when the path matches nothing. */
export const NOT_FOUND: unique symbol = Symbol('NOT_FOUND');

/**
 * Reads a definite path (single properties and indexes, see `ParsedPath.definite`) from
 * `node`. The hot path of every execution: one loop, no allocation.
 */
export function evaluateDefinite(
  segments: readonly PathSegment[],
  node: Json,
): Json | typeof NOT_FOUND {
  let current: Json = node;
  for (const segment of segments) {
    if (segment.kind === 'property') {
      if (!isJsonObject(current)) return NOT_FOUND;
      if (segment.names.length > 1) return pick(current, segment.names);
      const name = segment.names[0] as string;
      // Own properties only: a JSON document has no prototype to read from.
      if (!Object.hasOwn(current, name)) return NOT_FOUND;
      current = current[name] as Json;
    } else if (segment.kind === 'index') {
      if (!Array.isArray(current)) return NOT_FOUND;
      const index = segment.indexes[0] as number;
      const item = current[index < 0 ? current.length + index : index];
      if (item === undefined) return NOT_FOUND;
      current = item;
    } else if (segment.kind === 'length') {
      const length = lengthOf(current);
      if (length === undefined) return NOT_FOUND;
      current = length;
    } else {
      return NOT_FOUND;
    }
  }
  return current;
}

/**
 * Jayway's message for a definite path that matched nothing: `No results for path:
 * $['a']['b']` for a missing leaf or index, `Missing property in path $['a']` for a
 * missing intermediate property, and its own texts for a value of the wrong type.
 */
export function explainNotFound(path: ParsedPath, node: Json): string {
  let current: Json = node;
  let evalPath = path.root.kind === 'variable' ? `$${path.root.name}` : '$';
  const last = path.segments.length - 1;
  for (const [i, segment] of path.segments.entries()) {
    if (segment.kind === 'property') {
      const name = segment.names[0] as string;
      if (!isJsonObject(current)) {
        return (
          `Expected to find an object with property ['${name}'] in path ${evalPath} but found ` +
          `'${javaTypeName(current)}'. This is not a json object according to the JsonProvider: ` +
          `'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'.`
        );
      }
      evalPath += `['${name}']`;
      if (!Object.hasOwn(current, name)) {
        return i === last
          ? `No results for path: ${path.normalized}`
          : `Missing property in path ${evalPath}`;
      }
      current = current[name] as Json;
    } else if (segment.kind === 'index') {
      const index = segment.indexes[0] as number;
      if (current === null) return `The path ${evalPath} is null`;
      if (!Array.isArray(current)) {
        return `Filter: [${index}] can only be applied to arrays. Current context is: ${JSON.stringify(current)}`;
      }
      const item = current[index < 0 ? current.length + index : index];
      if (item === undefined) return `No results for path: ${path.normalized}`;
      evalPath += `[${index}]`;
      current = item;
    } else if (segment.kind === 'length') {
      const length = lengthOf(current);
      if (length === undefined) return `No results for path: ${path.normalized}`;
      current = length;
    }
  }
  return `No results for path: ${path.normalized}`;
}

/** The class Jayway (json-smart provider) reports for a value in its type errors. */
function javaTypeName(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'net.minidev.json.JSONArray';
  switch (typeof value) {
    case 'string':
      return 'java.lang.String';
    case 'boolean':
      return 'java.lang.Boolean';
    case 'number':
      if (!Number.isInteger(value)) return 'java.lang.Double';
      if (Math.abs(value) <= 2 ** 31 - 1) return 'java.lang.Integer';
      return Number.isSafeInteger(value) ? 'java.lang.Long' : 'java.math.BigInteger';
    default:
      return 'net.minidev.json.JSONObject';
  }
}

/**
 * Reads an indefinite path: the array of every match, in document order, missing
 * properties and out-of-range indexes skipped (AWS returns `[]` for `$.items[*]` on
 * `{}`: jsonpath/test_json_path_array_wildcard_or_slice_with_no_input).
 */
export function evaluateIndefinite(
  segments: readonly PathSegment[],
  node: Json,
  root: Json,
): Json[] {
  const out: Json[] = [];
  walk(segments, 0, node, root, out);
  return out;
}

function walk(
  segments: readonly PathSegment[],
  i: number,
  node: Json,
  root: Json,
  out: Json[],
): void {
  const segment = segments[i];
  if (segment === undefined) {
    out.push(node);
    return;
  }
  if (segment.kind === 'property' && segment.names.length > 1 && i === segments.length - 1) {
    // Jayway merges a multi-property leaf (`$['a','b']`) into one object.
    if (isJsonObject(node)) out.push(pick(node, segment.names));
    return;
  }
  apply(segment, node, root, (child) => walk(segments, i + 1, child, root, out));
}

function apply(segment: PathSegment, node: Json, root: Json, next: (child: Json) => void): void {
  switch (segment.kind) {
    case 'property':
      if (!isJsonObject(node)) return;
      for (const name of segment.names) {
        if (Object.hasOwn(node, name)) next(node[name] as Json);
      }
      return;
    case 'index':
      if (!Array.isArray(node)) return;
      for (const index of segment.indexes) {
        const item = node[index < 0 ? node.length + index : index];
        if (item !== undefined) next(item);
      }
      return;
    case 'slice': {
      if (!Array.isArray(node)) return;
      const [from, to] = sliceBounds(segment.start, segment.end, node.length);
      for (let k = from; k < to; k++) next(node[k] as Json);
      return;
    }
    case 'wildcard':
      if (Array.isArray(node)) for (const item of node) next(item);
      else if (isJsonObject(node)) for (const value of Object.values(node)) next(value);
      return;
    case 'filter':
      if (Array.isArray(node)) {
        for (const item of node) if (segment.predicate(item, root)) next(item);
      } else if (isJsonObject(node) && segment.predicate(node, root)) {
        next(node);
      }
      return;
    case 'scan':
      scan(segment.step, node, root, next);
      return;
    case 'length': {
      const length = lengthOf(node);
      if (length !== undefined) next(length);
      return;
    }
  }
}

/** `..`: the segment applied to the node, then to each descendant, depth first. */
function scan(then: PathSegment, node: Json, root: Json, next: (child: Json) => void): void {
  apply(then, node, root, next);
  if (Array.isArray(node)) for (const item of node) scan(then, item, root, next);
  else if (isJsonObject(node))
    for (const value of Object.values(node)) scan(then, value, root, next);
}

function sliceBounds(
  start: number | undefined,
  end: number | undefined,
  length: number,
): [number, number] {
  const clamp = (n: number) => Math.min(length, Math.max(0, n < 0 ? length + n : n));
  return [start === undefined ? 0 : clamp(start), end === undefined ? length : clamp(end)];
}

function pick(node: Record<string, Json>, names: readonly string[]): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const name of names) if (Object.hasOwn(node, name)) setOwn(out, name, node[name] as Json);
  return out;
}

/** Jayway's `length()`: the size of an array or object, nothing for other values. */
function lengthOf(value: Json): number | undefined {
  if (Array.isArray(value)) return value.length;
  if (isJsonObject(value)) return Object.keys(value).length;
  return undefined;
}
