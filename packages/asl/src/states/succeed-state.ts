import type { StateOutcome } from '../execution/state-outcome.js';
import type { StateRun } from '../execution/state-run.js';
import { passThroughOutput } from './data-flow.js';

/** Succeed: ends its `States` block with its input (JSONPath paths, JSONata `Output`). */
export async function runSucceedState(run: StateRun): Promise<StateOutcome> {
  return { output: await passThroughOutput(run, run.state.Output) };
}
