import type { Json } from '../json.js';
import type { EvaluationScope } from '../scope.js';
import { fieldError } from '../states-error.js';
import {
  evaluateDefinite,
  evaluateIndefinite,
  explainNotFound,
  NOT_FOUND,
} from './evaluate-path.js';
import { JsonPathSyntaxError, parsePath } from './parse-path.js';
import type { ParsedPath } from './path-ast.js';

/**
 * The fields whose failures AWS words as Jayway does: `Invalid path '$.x' : No results for
 * path: $['x']` (jsonpath/test_invalid_jsonpath[ST.INVALID_JSONPATH_IN_OUTPUTPATH],
 * error_handling/test_catch_states_runtime). Every other field (payload template keys,
 * ErrorPath, CausePath, the other `*Path` fields) gets "The JSONPath ... could not be
 * found in the input ..." (jsonpath/test_invalid_jsonpath[INVALID_JSONPATH_IN_*]).
 */
const JAYWAY_WORDED_FIELDS: ReadonlySet<string> = new Set(['InputPath', 'OutputPath', 'ItemsPath']);

/**
 * Reads a Reference Path or JSONPath from a state's field: `$...` from `value`, `$$...`
 * from the context object, `$name...` from a variable. A definite path (properties and
 * single indexes) returns the value it names; an indefinite one (`[*]`, slices, filters,
 * `..`) returns the array of its matches, possibly empty, as Jayway JsonPath does.
 *
 * The result shares structure with `value`: callers must not mutate it.
 *
 * @param field the field being evaluated (`InputPath`, `ErrorPath`, `value.$`, ...),
 *   which decides how AWS words the failure.
 * @throws StatesError `States.Runtime` when a definite path matches nothing, a variable
 *   was never assigned, or the path is not valid JSONPath.
 */
export function readPath(path: string, value: Json, scope: EvaluationScope, field: string): Json {
  const parsed = parseOrFail(path);
  const root = rootOf(parsed, value, scope);
  if (root === undefined) {
    throw missingPathError(path, field, value, `No results for path: ${parsed.normalized}`);
  }
  if (!parsed.definite) return evaluateIndefinite(parsed.segments, root, root);
  const result = evaluateDefinite(parsed.segments, root);
  if (result === NOT_FOUND) {
    throw missingPathError(path, field, value, explainNotFound(parsed, root));
  }
  return result;
}

/**
 * Like {@link readPath}, but returns undefined instead of failing when a definite path
 * matches nothing or names an unassigned variable (Choice `IsPresent`, optional fields).
 *
 * @throws StatesError `States.Runtime` when the path is not valid JSONPath.
 */
export function readPathIfPresent(
  path: string,
  value: Json,
  scope: EvaluationScope,
): Json | undefined {
  const parsed = parseOrFail(path);
  const root = rootOf(parsed, value, scope);
  if (root === undefined) return undefined;
  if (!parsed.definite) return evaluateIndefinite(parsed.segments, root, root);
  const result = evaluateDefinite(parsed.segments, root);
  return result === NOT_FOUND ? undefined : result;
}

/**
 * Whether `path` is a Reference Path: valid JSONPath naming a single node (no wildcard,
 * slice, filter or deep scan), as ResultPath and the ASL spec's Reference Paths require.
 */
export function isReferencePath(path: string): boolean {
  try {
    return namesSingleNode(parsePath(path));
  } catch (error) {
    if (error instanceof JsonPathSyntaxError) return false;
    throw error;
  }
}

/**
 * Whether `path` is valid JSONPath as a `*Path` field or a payload template value takes
 * it; returns the reason when it is not, for the validation helper.
 */
export function jsonPathSyntaxProblem(path: string): string | undefined {
  try {
    parsePath(path);
    return undefined;
  } catch (error) {
    if (error instanceof JsonPathSyntaxError) return error.message;
    throw error;
  }
}

/** Whether a parsed path is made of single properties and single indexes only. */
export function namesSingleNode(parsed: ParsedPath): boolean {
  return parsed.segments.every(
    (s) =>
      (s.kind === 'property' && s.names.length === 1) ||
      (s.kind === 'index' && s.indexes.length === 1),
  );
}

/** Parses the path, reporting invalid JSONPath as a `States.Runtime` failure of the field. */
export function parseOrFail(path: string): ParsedPath {
  try {
    return parsePath(path);
  } catch (error) {
    if (error instanceof JsonPathSyntaxError) {
      throw fieldError('States.Runtime', `Invalid path '${path}' : ${error.message}`);
    }
    throw error;
  }
}

function rootOf(parsed: ParsedPath, value: Json, scope: EvaluationScope): Json | undefined {
  switch (parsed.root.kind) {
    case 'value':
      return value;
    case 'context':
      return scope.context;
    case 'variable':
      return scope.variables.get(parsed.root.name);
  }
}

/** The failure AWS reports for a path of `field` that matched nothing. */
function missingPathError(path: string, field: string, value: Json, jaywayMessage: string) {
  if (JAYWAY_WORDED_FIELDS.has(field)) {
    return fieldError('States.Runtime', `Invalid path '${path}' : ${jaywayMessage}`);
  }
  // AWS quotes the state's `$` document, even for a `$$` path (INVALID_JSONPATH_IN_STRING_EXPR_CONTEXTPATH).
  return fieldError(
    'States.Runtime',
    `The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${JSON.stringify(value)}'`,
  );
}
