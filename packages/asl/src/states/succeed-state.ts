import type { ActiveState } from '../execution/active-state.js';
import type { StateOutcome } from '../execution/state-outcome.js';
import { passThroughOutput } from './data-flow.js';

/** Succeed: ends its `States` block with its input (JSONPath paths, JSONata `Output`). */
export async function runSucceedState(run: ActiveState): Promise<StateOutcome> {
  return { output: await passThroughOutput(run, run.state.Output) };
}
