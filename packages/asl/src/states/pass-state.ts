import type { ActiveState } from '../execution/active-state.js';
import { nextOf, type StateOutcome } from '../execution/state-outcome.js';
import type { Json } from '../json.js';
import { applyResultPath } from '../jsonpath/result-path.js';
import { applyOutputPath, effectiveInput } from './data-flow.js';

/** Pass: JSONPath `Result` or `Parameters` placed by `ResultPath`; JSONata `Output`. */
export async function runPassState(run: ActiveState): Promise<StateOutcome> {
  const next = nextOf(run.state);
  if (run.jsonata) {
    const [output, assigned] = await Promise.all([
      run.state.Output === undefined ? run.input : run.evaluate(run.state.Output, 'Output'),
      run.assignments(run.state.Assign, run.input),
    ]);
    return outcome(output, next, assigned);
  }
  const input = effectiveInput(run);
  const result: Json =
    run.state.Result !== undefined
      ? run.state.Result
      : run.state.Parameters !== undefined
        ? run.template(run.state.Parameters, input)
        : input;
  run.inspect?.('result', result);
  const assigned = await run.assignments(run.state.Assign, result);
  const placed = applyResultPath(
    run.input,
    result,
    run.state.ResultPath as string | null | undefined,
  );
  run.inspect?.('afterResultPath', placed);
  return outcome(applyOutputPath(run, placed), next, assigned);
}

function outcome(
  output: Json,
  next: string | undefined,
  assigned: Record<string, Json> | undefined,
): StateOutcome {
  return { output, ...(next !== undefined ? { next } : {}), ...(assigned ? { assigned } : {}) };
}
