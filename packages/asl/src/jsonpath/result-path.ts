import { isJsonObject, type Json, type JsonObject } from '../json.js';
import { fieldError, type StatesError } from '../states-error.js';
import type { PathSegment } from './path-ast.js';
import { namesSingleNode, parseOrFail } from './reference-path.js';
import { setOwn } from './set-own.js';

/**
 * Applies a state's `ResultPath`: absent or `$` gives the result, `null` keeps the input,
 * a Reference Path (`$.a.b`, `$.list[0]`) puts the result there in a copy of the input,
 * creating the missing objects on the way. Only the objects along the path are copied;
 * `input` itself is never mutated.
 *
 * @throws StatesError `States.ResultPathMatchFailure` when the path crosses a value that
 *   is not an object (or, for an index, not an array holding that index); `States.Runtime`
 *   for a path that is not a Reference Path into the input.
 */
export function applyResultPath(
  input: Json,
  result: Json,
  resultPath: string | null | undefined,
): Json {
  if (resultPath === undefined || resultPath === '$') return result;
  if (resultPath === null) return input;
  const parsed = parseOrFail(resultPath);
  if (parsed.root.kind !== 'value' || !namesSingleNode(parsed)) {
    throw fieldError(
      'States.Runtime',
      `Invalid path '${resultPath}' : ResultPath must be a Reference Path into the input`,
    );
  }
  return writeAt(input, parsed.segments, 0, result, input);
}

function writeAt(
  node: Json,
  segments: readonly PathSegment[],
  i: number,
  result: Json,
  input: Json,
): Json {
  const segment = segments[i];
  if (segment === undefined) return result;
  if (segment.kind === 'property') {
    const name = segment.names[0] as string;
    if (!isJsonObject(node)) throw matchFailure(name, input);
    const child = Object.hasOwn(node, name) ? (node[name] as Json) : {};
    const copy: JsonObject = { ...node };
    setOwn(copy, name, writeAt(child, segments, i + 1, result, input));
    return copy;
  }
  const index = (segment.kind === 'index' ? segment.indexes[0] : undefined) as number;
  if (!Array.isArray(node)) throw matchFailure(String(index), input);
  const effective = index < 0 ? node.length + index : index;
  const child = node[effective];
  if (child === undefined) throw matchFailure(String(index), input);
  const copy = node.slice();
  copy[effective] = writeAt(child, segments, i + 1, result, input);
  return copy;
}

/**
 * No recording shows this failure's cause; the wording follows what Step Functions is
 * reported to say ("Unable to apply step "x" to input ...").
 */
function matchFailure(step: string, input: Json): StatesError {
  return fieldError(
    'States.ResultPathMatchFailure',
    `Unable to apply step "${step}" to input ${JSON.stringify(input)}`,
  );
}
