import type { StatesBlock } from '../definition.js';
import { SiblingFailed } from '../execution/abort-reasons.js';
import type { ActiveState } from '../execution/active-state.js';
import type { Frame } from '../execution/frame.js';
import { recordActiveStateAborted } from '../execution/record-abort.js';
import { runStateLoop } from '../execution/state-loop.js';
import { nextOf, type StateOutcome } from '../execution/state-outcome.js';
import { EventCursor, HistoryRecorder } from '../history/history-recorder.js';
import { isJsonObject, type Json } from '../json.js';
import { fieldError, StatesError, StatesErrors } from '../states-error.js';
import { VariableScope } from '../variables/variable-scope.js';
import { effectiveInput, resultToOutput } from './data-flow.js';
import { mapMaxConcurrency, mapTolerance } from './map-settings.js';

/**
 * Inline Map: runs its ItemProcessor (or legacy Iterator) once per item, at most
 * MaxConcurrency at a time, each iteration with its own variable scope and thread of
 * events; the result is the array of the iterations' outputs. More failures than
 * tolerated abort the running iterations and fail the state.
 */
export async function runMapState(run: ActiveState): Promise<StateOutcome> {
  const state = run.state;
  if (state.ItemReader !== undefined || state.ResultWriter !== undefined) {
    const field = state.ItemReader !== undefined ? 'ItemReader' : 'ResultWriter';
    throw new StatesError(
      StatesErrors.Runtime,
      `Distributed Map's ${field} (S3) is not supported locally: state '${run.name}' field '${field}'. Pass the items inline (ItemsPath / Items) to run it here.`,
    );
  }
  const input = run.jsonata ? run.input : effectiveInput(run);
  const items = await mapItems(run, input);
  const maxConcurrency = await mapMaxConcurrency(run, input);
  run.record({ type: 'MapStateStarted', mapStateStartedEventDetails: { length: items.length } });
  // Recorded: bad tolerance settings fail the Map after MapStateStarted.
  const settings = { maxConcurrency, ...(await mapTolerance(run, input)) };
  // A Distributed Map runs its iterations as child executions: the parent's history shows a
  // Map Run instead of iterations, and the iterations cannot read the parent's variables.
  const distributed =
    ((state.ItemProcessor ?? state.Iterator) as { ProcessorConfig?: { Mode?: string } } | undefined)
      ?.ProcessorConfig?.Mode === 'DISTRIBUTED';
  if (distributed) {
    run.record({
      type: 'MapRunStarted',
      mapRunStartedEventDetails: { mapRunArn: mapRunArn(run) },
    });
  }
  const iterationRun = distributed
    ? { ...run.frame.run, recorder: new HistoryRecorder(run.frame.run.clock) }
    : run.frame.run;

  const processor = (state.ItemProcessor ?? state.Iterator) as unknown as StatesBlock;
  const selector = state.ItemSelector ?? (run.jsonata ? undefined : state.Parameters);
  const mapCursor = run.frame.cursor;
  const outputs: Json[] = new Array(items.length).fill(null);
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
      const value = items[index] as Json;
      const startedId = distributed
        ? 0
        : run.frame.run.recorder.append(new EventCursor(mapCursor.last), {
            type: 'MapIterationStarted',
            mapIterationStartedEventDetails: { name: run.name, index },
          });
      const controller = new AbortController();
      const frame: Frame = {
        run: iterationRun,
        cursor: distributed ? new EventCursor(0) : new EventCursor(startedId, mapCursor),
        variables: new VariableScope(distributed ? undefined : run.frame.variables),
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
          if (!distributed)
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
            if (!distributed)
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
          if (!distributed) mapCursor.last = frame.cursor.last;
          if (!distributed)
            run.frame.run.recorder.append(
              mapCursor,
              {
                type: 'MapIterationFailed',
                mapIterationFailedEventDetails: { name: run.name, index },
              },
              false,
            );
          if (!distributed) recordActiveStateAborted(frame, new EventCursor(mapCursor.last));
          // The others stop one after the other, in index order, each recording its aborts.
          for (const [other, iteration] of [...running.entries()].sort(([a], [b]) => a - b)) {
            iteration.frame.cursor.last = mapCursor.last;
            iteration.controller.abort(new SiblingFailed('another iteration failed'));
            await iteration.done.catch(() => {});
            if (!distributed)
              recordActiveStateAborted(iteration.frame, new EventCursor(mapCursor.last));
            if (!distributed)
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
  if (distributed && failure) run.record({ type: 'MapRunFailed' });
  if (failure) throw failure;
  if (distributed) {
    // Recorded (since late 2024): MapStateSucceeded chains to MapRunSucceeded, and
    // MapStateExited to MapRunStarted.
    const runEnd = run.record({ type: 'MapRunSucceeded' }, false);
    run.frame.run.recorder.append(new EventCursor(runEnd), { type: 'MapStateSucceeded' });
  } else {
    mapCursor.last = lastIterationEnd;
    run.record({ type: 'MapStateSucceeded' }, false);
  }
  const { output, assigned } = await resultToOutput(run, outputs);
  const next = nextOf(state);
  return { output, ...(next !== undefined ? { next } : {}), ...(assigned ? { assigned } : {}) };
}

/** The items: JSONPath `ItemsPath` over the effective input, JSONata `Items`, or the input itself. */
async function mapItems(run: ActiveState, input: Json): Promise<Json[]> {
  const state = run.state;
  let items: Json;
  if (run.jsonata) {
    items = state.Items === undefined ? input : await run.evaluate(state.Items, 'Items');
    if (state.Items !== undefined && !Array.isArray(items)) {
      const expression = String(state.Items).replace(/^\{%\s*|\s*%\}$/g, '');
      const error = fieldError(
        StatesErrors.QueryEvaluationError,
        `The JSONata expression '${expression}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${typeName(items)}' for value: ${JSON.stringify(items)}`,
      );
      error.location = 'Items';
      throw error;
    }
  } else {
    items =
      typeof state.ItemsPath === 'string' ? run.path(state.ItemsPath, input, 'ItemsPath') : input;
  }
  if (!Array.isArray(items)) {
    throw fieldError(
      StatesErrors.QueryEvaluationError,
      `Map state input must be an array but was: ${JSON.stringify(items)}`,
    );
  }
  return items;
}

/** One item's input: `ItemSelector` (or legacy `Parameters`) with `$$.Map.Item`, else the item. */
async function selectItem(
  run: ActiveState,
  selector: Json | undefined,
  input: Json,
  index: number,
  value: Json,
): Promise<Json> {
  if (selector === undefined) return value;
  const item = run.withContext({ ...run.context, Map: { Item: { Index: index, Value: value } } });
  return item.jsonata ? item.evaluate(selector, 'ItemSelector') : item.template(selector, input);
}

function typeName(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (isJsonObject(value)) return 'object';
  return typeof value;
}

/** The Map Run's ARN, as AWS forms it: `...:mapRun:<machine>/<label>:<id>`. */
function mapRunArn(run: ActiveState): string {
  const { identity, random } = run.frame.run;
  const label = typeof run.state.Label === 'string' ? run.state.Label : random.uuid().slice(0, 8);
  return `${identity.stateMachineArn.replace(':stateMachine:', ':mapRun:')}/${label}:${random.uuid()}`;
}
