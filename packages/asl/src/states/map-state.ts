import type { StatesBlock } from '../definition.js';
import { runDistributedMap } from '../distributed/distributed-map.js';
import { SiblingFailed } from '../execution/abort-reasons.js';
import type { ActiveState } from '../execution/active-state.js';
import type { Frame } from '../execution/frame.js';
import { recordActiveStateAborted } from '../execution/record-abort.js';
import { runStateLoop } from '../execution/state-loop.js';
import { nextOf, type StateOutcome } from '../execution/state-outcome.js';
import { EventCursor } from '../history/history-recorder.js';
import type { Json } from '../json.js';
import { StatesError, StatesErrors } from '../states-error.js';
import { VariableScope } from '../variables/variable-scope.js';
import { effectiveInput, resultToOutput } from './data-flow.js';
import { mapItems, selectItem } from './map-items.js';
import { mapMaxConcurrency, mapTolerance } from './map-settings.js';

/**
 * Inline Map: runs its ItemProcessor (or legacy Iterator) once per item, at most
 * MaxConcurrency at a time, each iteration with its own variable scope and thread of
 * events; the result is the array of the iterations' outputs. More failures than
 * tolerated abort the running iterations and fail the state.
 */
export async function runMapState(run: ActiveState): Promise<StateOutcome> {
  const state = run.state;
  // A Distributed Map runs its iterations as child executions: the parent's history shows a
  // Map Run instead of iterations, and the iterations cannot read the parent's variables.
  const processorConfig = (
    (state.ItemProcessor ?? state.Iterator) as { ProcessorConfig?: { Mode?: string } } | undefined
  )?.ProcessorConfig;
  if (processorConfig?.Mode === 'DISTRIBUTED') return runDistributedMap(run);
  const input = run.jsonata ? run.input : effectiveInput(run);
  const items = await mapItems(run, input);
  const maxConcurrency = await mapMaxConcurrency(run, input);
  run.record({ type: 'MapStateStarted', mapStateStartedEventDetails: { length: items.length } });
  // Recorded: bad tolerance settings fail the Map after MapStateStarted.
  const settings = { maxConcurrency, ...(await mapTolerance(run, input)) };

  const processor = (state.ItemProcessor ?? state.Iterator) as unknown as StatesBlock;
  const selector = state.ItemSelector ?? (run.jsonata ? undefined : state.Parameters);
  const mapCursor = run.frame.cursor;
  const outputs: Json[] = new Array(items.length).fill(null);
  const redriven = run.frame.run.redriveIterations?.get(run.name);
  run.frame.run.redriveIterations?.delete(run.name);
  const running = new Map<
    number,
    { controller: AbortController; frame: Frame; done: Promise<void> }
  >();
  const tolerated = Math.max(
    settings.toleratedFailureCount,
    Math.floor((settings.toleratedFailurePercentage / 100) * items.length),
  );
  let failures = 0;
  let failure: StatesError | undefined;
  let lastIterationEnd = mapCursor.last;
  let nextIndex = 0;
  const limit = settings.maxConcurrency > 0 ? settings.maxConcurrency : items.length;

  await new Promise<void>((allDone) => {
    // Starting an iteration is a transition: a Map of 50,000 items starts them a slice at a
    // time, yielding to the event loop in between (see Pacer).
    let launchPaused = false;
    const launch = () => {
      if (launchPaused) return;
      while (
        !failure &&
        !run.frame.signal.aborted &&
        running.size < limit &&
        nextIndex < items.length
      ) {
        const wait = run.frame.run.pacer.pace();
        if (wait) {
          launchPaused = true;
          wait.then(() => {
            launchPaused = false;
            launchAfterPause();
          });
          return;
        }
        startIteration(nextIndex++);
      }
      if (running.size === 0) allDone();
    };
    // The go-ahead the pause waited for counts as this start's transition.
    const launchAfterPause = () => {
      if (
        !failure &&
        !run.frame.signal.aborted &&
        running.size < limit &&
        nextIndex < items.length
      ) {
        startIteration(nextIndex++);
      }
      launch();
    };
    const startIteration = (index: number) => {
      // Redriven: an iteration that succeeded before keeps its output and is not run again.
      if (redriven?.has(index)) {
        outputs[index] = redriven.get(index) as Json;
        return;
      }
      const value = items[index] as Json;
      const startedId = run.frame.run.recorder.append(new EventCursor(mapCursor.last), {
        type: 'MapIterationStarted',
        mapIterationStartedEventDetails: { name: run.name, index },
      });
      const controller = new AbortController();
      const frame: Frame = {
        run: run.frame.run,
        cursor: new EventCursor(startedId, mapCursor),
        variables: new VariableScope(run.frame.variables),
        active: { type: undefined },
        signal: controller.signal,
        mapItem: { Index: index, Value: value },
      };
      const done = (async () => {
        const itemInput = await selectItem(run, selector, input, index, value);
        outputs[index] = await runStateLoop(processor, itemInput, frame);
      })().then(
        () => {
          running.delete(index);
          if (failure || run.frame.signal.aborted) return;
          lastIterationEnd = run.frame.run.recorder.append(
            frame.cursor,
            {
              type: 'MapIterationSucceeded',
              mapIterationSucceededEventDetails: { name: run.name, index },
            },
            false,
          );
          launch();
        },
        async (error: unknown) => {
          running.delete(index);
          if (failure || run.frame.signal.aborted) return;
          failures++;
          if (failures <= tolerated) {
            run.frame.run.recorder.append(
              frame.cursor,
              {
                type: 'MapIterationFailed',
                mapIterationFailedEventDetails: { name: run.name, index },
              },
              false,
            );
            outputs[index] = null;
            launch();
            return;
          }
          failure =
            tolerated > 0 || settings.toleratedFailurePercentage > 0
              ? new StatesError(
                  StatesErrors.ExceedToleratedFailureThreshold,
                  'The specified tolerated failure threshold was exceeded',
                )
              : (error as StatesError);
          mapCursor.last = frame.cursor.last;
          run.frame.run.recorder.append(
            mapCursor,
            {
              type: 'MapIterationFailed',
              mapIterationFailedEventDetails: { name: run.name, index },
            },
            false,
          );
          recordActiveStateAborted(frame, new EventCursor(mapCursor.last));
          // The others stop one after the other, in index order, each recording its aborts.
          for (const [other, iteration] of [...running.entries()].sort(([a], [b]) => a - b)) {
            iteration.frame.cursor.last = mapCursor.last;
            iteration.controller.abort(new SiblingFailed('another iteration failed'));
            await iteration.done.catch(() => {});
            recordActiveStateAborted(iteration.frame, new EventCursor(mapCursor.last));
            run.frame.run.recorder.append(
              new EventCursor(mapCursor.last),
              {
                type: 'MapIterationAborted',
                mapIterationAbortedEventDetails: { name: run.name, index: other },
              },
              false,
            );
          }
          allDone();
        },
      );
      running.set(index, { controller, frame, done: done.catch(() => {}) });
    };
    run.frame.signal.addEventListener(
      'abort',
      () => {
        for (const iteration of running.values())
          iteration.controller.abort(run.frame.signal.reason);
        allDone();
      },
      { once: true },
    );
    launch();
  });

  if (run.frame.signal.aborted) throw run.frame.signal.reason;
  if (failure) throw failure;
  mapCursor.last = lastIterationEnd;
  run.record({ type: 'MapStateSucceeded' }, false);
  const { output, assigned } = await resultToOutput(run, outputs);
  const next = nextOf(state);
  return { output, ...(next !== undefined ? { next } : {}), ...(assigned ? { assigned } : {}) };
}
