import type { ActiveState } from '../execution/active-state.js';
import type { Json } from '../json.js';
import { applyResultPath } from '../jsonpath/result-path.js';

/** JSONPath `InputPath`: the input itself when absent, `{}` when null. */
export function effectiveInput(run: ActiveState): Json {
  const path = run.state.InputPath as string | null | undefined;
  const value =
    path === undefined ? run.input : path === null ? {} : run.path(path, run.input, 'InputPath');
  run.inspect?.('afterInputPath', value);
  return value;
}

/**
 * What a Task, Map or Parallel state works on: JSONata `Arguments` (default: the input),
 * or JSONPath `InputPath` then `Parameters` (`ItemSelector` belongs to Map's items).
 */
export async function effectiveArguments(run: ActiveState): Promise<Json> {
  if (run.jsonata) {
    const args = run.state.Arguments;
    const value = args === undefined ? run.input : await run.evaluate(args, 'Arguments');
    run.inspect?.('afterArguments', value);
    return value;
  }
  return jsonPathArguments(run);
}

/** JSONPath `InputPath` then `Parameters`, without yielding. */
export function jsonPathArguments(run: ActiveState): Json {
  const input = effectiveInput(run);
  const parameters = run.state.Parameters;
  const value = parameters === undefined ? input : run.template(parameters, input);
  run.inspect?.('afterParameters', value);
  return value;
}

/** JSONPath `OutputPath`: the value itself when absent, `{}` when null. */
export function applyOutputPath(run: ActiveState, value: Json): Json {
  const path = run.state.OutputPath as string | null | undefined;
  if (path === undefined) return value;
  if (path === null) return {};
  return run.path(path, value, 'OutputPath');
}

/**
 * From a Task's, Map's or Parallel's result to the state's output and assignments.
 * JSONata: `Output` (default: the result) and `Assign`, both over `$states.result`, side
 * by side. JSONPath: `ResultSelector`, `Assign` over the result, `ResultPath` into the
 * input, `OutputPath`.
 */
export async function resultToOutput(
  run: ActiveState,
  result: Json,
): Promise<{ output: Json; assigned?: Record<string, Json> }> {
  run.inspect?.('result', result);
  if (run.jsonata) {
    const states = { result };
    const [output, assigned] = await Promise.all([
      run.state.Output === undefined ? result : run.evaluate(run.state.Output, 'Output', states),
      run.assignments(run.state.Assign, result, states),
    ]);
    return assigned ? { output, assigned } : { output };
  }
  const selector = run.state.ResultSelector;
  const selected = selector === undefined ? result : run.template(selector, result);
  run.inspect?.('afterResultSelector', selected);
  const assigned = await run.assignments(run.state.Assign, selected);
  const placed = applyResultPath(
    run.input,
    selected,
    run.state.ResultPath as string | null | undefined,
  );
  run.inspect?.('afterResultPath', placed);
  const output = applyOutputPath(run, placed);
  return assigned ? { output, assigned } : { output };
}

/**
 * Pass, Wait, Succeed, Choice output when nothing else produces one. JSONata: `Output`
 * (default: the input). JSONPath: `InputPath` then `OutputPath`.
 */
export async function passThroughOutput(run: ActiveState, output: Json | undefined): Promise<Json> {
  if (run.jsonata) {
    return output === undefined ? run.input : run.evaluate(output, 'Output');
  }
  return applyOutputPath(run, effectiveInput(run));
}
