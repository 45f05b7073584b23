import type { StatesBlock } from '../definition.js';
import { SiblingFailed } from '../execution/abort-reasons.js';
import type { ActiveState } from '../execution/active-state.js';
import type { Frame } from '../execution/frame.js';
import { recordActiveStateAborted } from '../execution/record-abort.js';
import { runStateLoop } from '../execution/state-loop.js';
import { nextOf, type StateOutcome } from '../execution/state-outcome.js';
import { EventCursor } from '../history/history-recorder.js';
import type { Json } from '../json.js';
import type { StatesError } from '../states-error.js';
import { VariableScope } from '../variables/variable-scope.js';
import { effectiveArguments, resultToOutput } from './data-flow.js';

/**
 * Parallel: runs every branch on the same input at once, each with its own variable
 * scope (reading the outer one) and its own thread of events; the result is the array of
 * the branches' outputs. The first branch to fail aborts the others and fails the state.
 */
export async function runParallelState(run: ActiveState): Promise<StateOutcome> {
  const input = await effectiveArguments(run);
  run.record({ type: 'ParallelStateStarted' });
  const branches = (run.state.Branches as unknown as StatesBlock[] | undefined) ?? [];
  const controllers = branches.map(() => new AbortController());
  const frames = branches.map((_, index): Frame => {
    const controller = controllers[index] as AbortController;
    run.frame.signal.addEventListener('abort', () => controller.abort(run.frame.signal.reason), {
      once: true,
    });
    return {
      run: run.frame.run,
      cursor: new EventCursor(run.frame.cursor.last, run.frame.cursor),
      variables: new VariableScope(run.frame.variables),
      active: { type: undefined },
      signal: controller.signal,
      ...(run.frame.mapItem ? { mapItem: run.frame.mapItem } : {}),
    };
  });
  let failure: StatesError | undefined;
  let failedBranch = -1;
  // Redriven: a branch that succeeded before keeps its output and is not run again.
  const redriven = run.frame.run.redriveBranches?.get(run.name);
  run.frame.run.redriveBranches?.delete(run.name);
  const settled = branches.map((branch, index) =>
    (redriven?.has(index)
      ? Promise.resolve(redriven.get(index) as Json)
      : runStateLoop(branch, input, frames[index] as Frame)
    ).then(
      (output) => output,
      (error: unknown) => {
        if (!failure && !run.frame.signal.aborted) {
          failure = error as StatesError;
          failedBranch = index;
          for (let other = 0; other < controllers.length; other++) {
            if (other === index) continue;
            const frame = frames[other] as Frame;
            frame.cursor.last = run.frame.cursor.last;
            (controllers[other] as AbortController).abort(
              new SiblingFailed('a sibling branch failed'),
            );
          }
        }
        throw error;
      },
    ),
  );
  const results = await Promise.allSettled(settled);
  if (run.frame.signal.aborted) throw run.frame.signal.reason;
  if (failure) {
    const failedAt = (frames[failedBranch] as Frame).cursor.last;
    for (const frame of [frames[failedBranch] as Frame, ...frames]) {
      recordActiveStateAborted(frame, new EventCursor(failedAt));
    }
    run.frame.cursor.last = failedAt;
    throw failure;
  }
  run.record({ type: 'ParallelStateSucceeded' }, false);
  const outputs = results.map((result) => (result as PromiseFulfilledResult<Json>).value);
  const { output, assigned } = await resultToOutput(run, outputs);
  const next = nextOf(run.state);
  return { output, ...(next !== undefined ? { next } : {}), ...(assigned ? { assigned } : {}) };
}
