import type { Json, JsonObject } from '../json.js';
import type { EvaluationScope } from '../scope.js';
import { readPath } from './reference-path.js';
import { setOwn } from './set-own.js';

/**
 * Evaluates an intrinsic function call (`States.Format('{}', $.name)`), the text of a
 * `.$` value that starts with `States.`. `resolvePath` reads a path argument (`$...`,
 * `$$...`, `$name...`) from the same input and scope as the template.
 */
export type IntrinsicEvaluator = (expression: string, resolvePath: (path: string) => Json) => Json;

/** A template compiled once: static parts are returned as they are, not copied. */
type CompiledTemplate = (
  input: Json,
  scope: EvaluationScope,
  intrinsic: IntrinsicEvaluator,
) => Json;

// Templates are objects of the parsed definition, which lives as long as the machine.
const cache = new WeakMap<object, CompiledTemplate>();

/**
 * Applies a JSONPath payload template (Parameters, ResultSelector, ItemSelector, a
 * JSONPath `Assign`): at any depth in objects and arrays, a key ending in `.$` is renamed
 * without the suffix and takes the value of its path or intrinsic function call; every
 * other value is kept.
 *
 * Parts of the result are shared with the template and the input (no deep copy): callers
 * must not mutate it.
 *
 * @throws StatesError `States.Runtime` "The JSONPath '$.x' specified for the field 'x.$'
 *   could not be found in the input '...'" (jsonpath/test_invalid_jsonpath), and whatever
 *   `evaluateIntrinsic` throws.
 */
export function applyPayloadTemplate(
  template: Json,
  input: Json,
  scope: EvaluationScope,
  evaluateIntrinsic: IntrinsicEvaluator,
): Json {
  if (template === null || typeof template !== 'object') return template;
  let compiled = cache.get(template);
  if (compiled === undefined) {
    compiled = compile(template) ?? (() => template);
    cache.set(template, compiled);
  }
  return compiled(input, scope, evaluateIntrinsic);
}

/** Compiles a node; undefined when it holds no `.$` key and is returned as it is. */
function compile(node: Json): CompiledTemplate | undefined {
  if (Array.isArray(node)) return compileArray(node);
  if (node !== null && typeof node === 'object') return compileObject(node);
  return undefined;
}

function compileArray(node: Json[]): CompiledTemplate | undefined {
  const items = node.map((item) => compile(item));
  if (items.every((item) => item === undefined)) return undefined;
  return (input, scope, intrinsic) =>
    items.map((item, i) =>
      item === undefined ? (node[i] as Json) : item(input, scope, intrinsic),
    );
}

interface CompiledEntry {
  readonly key: string;
  /** Computes the value; undefined for a static value, taken from the template. */
  readonly evaluate: CompiledTemplate | undefined;
  readonly value: Json;
}

function compileObject(node: JsonObject): CompiledTemplate | undefined {
  const entries: CompiledEntry[] = [];
  let dynamic = false;
  for (const [key, value] of Object.entries(node)) {
    if (key.endsWith('.$') && typeof value === 'string') {
      entries.push({ key: key.slice(0, -2), evaluate: compileExpression(key, value), value });
      dynamic = true;
    } else {
      const evaluate = compile(value);
      if (evaluate !== undefined) dynamic = true;
      entries.push({ key, evaluate, value });
    }
  }
  if (!dynamic) return undefined;
  return (input, scope, intrinsic) => {
    const out: JsonObject = {};
    for (const entry of entries) {
      const value =
        entry.evaluate === undefined ? entry.value : entry.evaluate(input, scope, intrinsic);
      setOwn(out, entry.key, value);
    }
    return out;
  };
}

/** A `.$` value: an intrinsic function call, or a path; `field` is the key, as AWS names it. */
function compileExpression(field: string, expression: string): CompiledTemplate {
  if (expression.startsWith('States.')) {
    return (input, scope, intrinsic) =>
      intrinsic(expression, (path) => readPath(path, input, scope, field));
  }
  return (input, scope) => readPath(expression, input, scope, field);
}
