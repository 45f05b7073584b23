import type { Json } from '../json.js';
import type { EvaluationScope } from '../scope.js';
import { readPath } from './reference-path.js';

/**
 * Applies a state's `InputPath`: absent keeps the input, `null` gives `{}`
 * (jsonpath/test_state_pass_result_null_input_output_paths), a path selects from the
 * input (or, with `$$`/`$name`, from the context object or a variable).
 *
 * @throws StatesError `States.Runtime` `Invalid path '...' : ...` when the path matches nothing.
 */
export function applyInputPath(
  input: Json,
  path: string | null | undefined,
  scope: EvaluationScope,
): Json {
  return selectWithPath(input, path, scope, 'InputPath');
}

/**
 * Applies a state's `OutputPath` to what ResultPath produced, with the same rules as
 * {@link applyInputPath}.
 *
 * @throws StatesError `States.Runtime` `Invalid path '...' : ...` when the path matches
 *   nothing (jsonpath/test_invalid_jsonpath[ST.INVALID_JSONPATH_IN_OUTPUTPATH]).
 */
export function applyOutputPath(
  output: Json,
  path: string | null | undefined,
  scope: EvaluationScope,
): Json {
  return selectWithPath(output, path, scope, 'OutputPath');
}

function selectWithPath(
  value: Json,
  path: string | null | undefined,
  scope: EvaluationScope,
  field: 'InputPath' | 'OutputPath',
): Json {
  if (path === undefined || path === '$') return value;
  if (path === null) return {};
  return readPath(path, value, scope, field);
}
