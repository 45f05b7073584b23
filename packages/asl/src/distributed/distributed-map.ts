import type { StateDefinition, StateMachineDefinition } from '../definition.js';
import { ActiveState } from '../execution/active-state.js';
import type { Pacer } from '../execution/pacer.js';
import { RunningExecution } from '../execution/running-execution.js';
import { nextOf, type StateOutcome } from '../execution/state-outcome.js';
import type { ExecutionResult } from '../execution-options.js';
import { EventCursor } from '../history/history-recorder.js';
import { isJsonObject, type Json, type JsonObject } from '../json.js';
import { planRedrive, type RedrivePlan } from '../redrive/plan-redrive.js';
import { effectiveInput, resultToOutput } from '../states/data-flow.js';
import { mapItems, mapRunArn, selectItem } from '../states/map-items.js';
import { mapMaxConcurrency, mapTolerance, setting } from '../states/map-settings.js';
import { StatesError, StatesErrors } from '../states-error.js';
import { type BatchSettings, batchItems } from './item-batcher.js';
import { type ChildExecution, MapRun } from './map-run.js';
import { itemReaderFailed, type ReaderConfig, readItems } from './read-items.js';
import {
  type ResultWriterTarget,
  resultWriterFailed,
  resultWriterTarget,
  transformResults,
  writeResults,
} from './result-writer.js';

/** One child's work: its input and how many items it holds (a batch holds several). */
export interface MapUnit {
  readonly index: number;
  readonly input: Json;
  readonly itemCount: number;
}

/**
 * Distributed Map: each item (or batch of items) runs as a child execution of its own, with its
 * own ARN and history, at most MaxConcurrency at a time; the parent's history shows the Map Run
 * (MapRunStarted, then MapRunSucceeded or MapRunFailed), not the iterations. Items come inline
 * or from the `ItemReader` through the host's object store, streamed: a reader's items are
 * pulled as children finish, never all held. More failed items than tolerated fail the run with
 * `States.ExceedToleratedFailureThreshold` and abort the running children.
 */
export async function runDistributedMap(run: ActiveState): Promise<StateOutcome> {
  const state = run.state;
  const context = run.frame.run;
  const input = run.jsonata ? run.input : effectiveInput(run);
  const reader = isJsonObject(state.ItemReader) ? state.ItemReader : undefined;

  // Recorded: with an ItemReader, MapStateStarted has length 0 (the items are not known yet)
  // and a bad MaxItemsPath fails the state before the Map Run starts.
  const inlineItems = reader ? undefined : await mapItems(run, input);
  const maxConcurrency = await mapMaxConcurrency(run, input);
  run.record({
    type: 'MapStateStarted',
    mapStateStartedEventDetails: { length: inlineItems?.length ?? 0 },
  });
  const tolerance = await mapTolerance(run, input);
  const readerView = reader ? nestedView(run, reader.ReaderConfig) : undefined;
  const maxItems = readerView ? await setting(readerView, input, 'MaxItems', 'integer') : undefined;
  const batcherView = isJsonObject(state.ItemBatcher)
    ? nestedView(run, state.ItemBatcher)
    : undefined;

  // Redriven: the same Map Run goes on (recorded as MapRunRedriven), its failed children again.
  const redriven = context.redriveMapRuns?.get(run.name);
  context.redriveMapRuns?.delete(run.name);
  const now = new Date(context.clock.now());
  const mapRun = new MapRun({
    mapRunArn: redriven?.mapRunArn ?? mapRunArn(run),
    ...(redriven ? { redrive: { count: redriven.redriveCount, date: now } } : {}),
    executionArn: context.identity.executionArn,
    startDate: now,
    maxConcurrency,
    ...tolerance,
  });
  run.record(
    redriven
      ? {
          type: 'MapRunRedriven',
          mapRunRedrivenEventDetails: {
            mapRunArn: mapRun.mapRunArn,
            redriveCount: redriven.redriveCount,
          },
        }
      : { type: 'MapRunStarted', mapRunStartedEventDetails: { mapRunArn: mapRun.mapRunArn } },
  );
  const observer = context.distributedMap?.observer;
  observer?.mapRunStarted?.(mapRun);

  let outcome: { output: Json } | undefined;
  try {
    if (maxItems !== undefined && maxItems < 0) {
      throw itemReaderFailed('field MaxItems must be positive');
    }
    const batching = batcherView ? await batchSettings(batcherView, input) : undefined;
    const writer = isJsonObject(state.ResultWriter)
      ? await writerTarget(run, state.ResultWriter, input)
      : undefined;
    const items = reader
      ? limit(await readerItems(run, reader, input), maxItems)
      : fromArray(inlineItems as Json[]);
    const units = batching
      ? batchItems(selected(run, items, input), batching)
      : single(selected(run, items, input));
    const previous = redriven
      ? await context.distributedMap?.previousChildren?.(mapRun.mapRunArn)
      : undefined;
    const children = await runChildren(
      run,
      mapRun,
      units,
      inlineItems?.length,
      writer !== undefined,
      writer?.bucket !== undefined,
      new Map((previous ?? []).map((child) => [child.index, child])),
    );
    if (run.frame.signal.aborted) {
      // An aborted run still writes what it has: FAILED_0.json the stopped children,
      // PENDING_0.json the items never started. A write that fails does not hide the abort.
      if (writer?.bucket !== undefined) {
        await writerOutput(run, mapRun, writer, children.results, children.pending).catch(
          () => undefined,
        );
      }
      throw run.frame.signal.reason;
    }
    if (children.failure) {
      // The results so far are written even when the run fails: FAILED_0.json says why and
      // PENDING_0.json holds the items never started.
      if (
        writer?.bucket !== undefined &&
        children.failure.error !== StatesErrors.ItemReaderFailed
      ) {
        await writerOutput(run, mapRun, writer, children.results, children.pending);
      }
      throw children.failure;
    }
    const output = writer
      ? await writerOutput(run, mapRun, writer, children.results, [])
      : children.outputs;
    mapRun.end('SUCCEEDED', new Date(context.clock.now()));
    outcome = { output };
  } catch (thrown) {
    if (run.frame.signal.aborted) {
      mapRun.end('ABORTED', new Date(context.clock.now()));
      observer?.mapRunEnded?.(mapRun);
      throw run.frame.signal.reason;
    }
    mapRun.end('FAILED', new Date(context.clock.now()));
    observer?.mapRunEnded?.(mapRun);
    const error =
      thrown instanceof StatesError
        ? thrown
        : new StatesError(
            StatesErrors.Runtime,
            thrown instanceof Error ? thrown.message : String(thrown),
          );
    run.record({
      type: 'MapRunFailed',
      mapRunFailedEventDetails: { error: error.error, cause: error.cause },
    });
    throw error;
  }
  observer?.mapRunEnded?.(mapRun);
  // Recorded (since late 2024): MapStateSucceeded chains to MapRunSucceeded, and
  // MapStateExited to MapRunStarted.
  const runEnd = run.record({ type: 'MapRunSucceeded' }, false);
  context.recorder.append(new EventCursor(runEnd), { type: 'MapStateSucceeded' });
  const { output, assigned } = await resultToOutput(run, outcome.output);
  const next = nextOf(state);
  return { output, ...(next !== undefined ? { next } : {}), ...(assigned ? { assigned } : {}) };
}

/** A nested object of the state (ReaderConfig, ItemBatcher) read with the state's language and context. */
function nestedView(run: ActiveState, fields: Json | undefined): ActiveState {
  const view = new ActiveState(
    run.frame,
    run.name,
    {
      ...(isJsonObject(fields) ? fields : {}),
      QueryLanguage: run.language,
    } as unknown as StateDefinition,
    run.input,
  );
  view.enteredAt = run.enteredAt;
  view.enteredEventId = run.enteredEventId;
  return view;
}

async function batchSettings(view: ActiveState, input: Json): Promise<BatchSettings> {
  const maxItemsPerBatch = await setting(view, input, 'MaxItemsPerBatch', 'integer');
  const maxInputBytesPerBatch = await setting(view, input, 'MaxInputBytesPerBatch', 'integer');
  const template = view.state.BatchInput;
  const batchInput =
    template === undefined
      ? undefined
      : view.jsonata
        ? await view.evaluate(template, 'BatchInput')
        : view.template(template, input);
  return {
    ...(maxItemsPerBatch !== undefined ? { maxItemsPerBatch } : {}),
    ...(maxInputBytesPerBatch !== undefined ? { maxInputBytesPerBatch } : {}),
    ...(batchInput !== undefined ? { batchInput } : {}),
  };
}

/** The ItemReader's items from the host's store (its Parameters / Arguments evaluated now). */
async function readerItems(
  run: ActiveState,
  reader: JsonObject,
  input: Json,
): Promise<AsyncIterable<Json>> {
  const store = run.frame.run.distributedMap?.objectStore;
  if (!store) {
    throw itemReaderFailed(
      "No object store was given to read the ItemReader's items from: pass `distributedMap.objectStore` in the execution options (sfn-callback-local: `serve --buckets <dir>`).",
    );
  }
  const parameters = run.jsonata
    ? reader.Arguments === undefined
      ? {}
      : await run.evaluate(reader.Arguments, 'Arguments')
    : reader.Parameters === undefined
      ? {}
      : run.template(reader.Parameters, input);
  return readItems(store, {
    resource: String(reader.Resource),
    parameters,
    readerConfig: (isJsonObject(reader.ReaderConfig) ? reader.ReaderConfig : {}) as ReaderConfig,
  });
}

async function writerTarget(
  run: ActiveState,
  writer: JsonObject,
  input: Json,
): Promise<ResultWriterTarget> {
  const fields = run.jsonata ? writer.Arguments : writer.Parameters;
  const parameters =
    fields === undefined
      ? undefined
      : run.jsonata
        ? await run.evaluate(fields, 'Arguments')
        : run.template(fields, input);
  return resultWriterTarget(writer, parameters);
}

async function writerOutput(
  run: ActiveState,
  mapRun: MapRun,
  target: ResultWriterTarget,
  results: readonly (ChildExecution | undefined)[],
  pending: readonly Json[],
): Promise<Json> {
  const finished = results.filter((child): child is ChildExecution => child !== undefined);
  if (target.bucket === undefined) return transformResults(finished, target.transformation);
  const store = run.frame.run.distributedMap?.objectStore;
  if (!store) {
    throw resultWriterFailed(
      'No object store was given to write the results to: pass `distributedMap.objectStore` in the execution options.',
    );
  }
  const output = await writeResults(
    store,
    { ...target, bucket: target.bucket },
    mapRun.mapRunArn,
    mapRun.id,
    {
      succeeded: finished.filter((child) => child.status === 'SUCCEEDED'),
      failed: finished.filter((child) => child.status !== 'SUCCEEDED'),
      pending,
    },
  );
  mapRun.items.resultsWritten =
    mapRun.items.succeeded + mapRun.items.failed + mapRun.items.aborted + mapRun.items.timedOut;
  mapRun.executions.resultsWritten = finished.length;
  return output;
}

async function* fromArray(items: readonly Json[]): AsyncGenerator<Json> {
  yield* items;
}

async function* limit(
  items: AsyncIterable<Json>,
  maxItems: number | undefined,
): AsyncGenerator<Json> {
  // MaxItems 0 means no limit (recorded).
  if (!maxItems) {
    yield* items;
    return;
  }
  let count = 0;
  for await (const item of items) {
    yield item;
    if (++count >= maxItems) return;
  }
}

/** Each item through `ItemSelector` (or legacy `Parameters`), with `$$.Map.Item`. */
async function* selected(
  run: ActiveState,
  items: AsyncIterable<Json>,
  input: Json,
): AsyncGenerator<Json> {
  const selector = run.state.ItemSelector ?? (run.jsonata ? undefined : run.state.Parameters);
  let index = 0;
  for await (const item of items) {
    yield await selectItem(run, selector, input, index++, item);
  }
}

async function* single(items: AsyncIterable<Json>): AsyncGenerator<MapUnit> {
  let index = 0;
  for await (const item of items) yield { index: index++, input: item, itemCount: 1 };
}

interface ChildrenOutcome {
  readonly outputs: Json[];
  readonly results: (ChildExecution | undefined)[];
  /** The inputs of the units never started when the run failed or was aborted, in order. */
  readonly pending: Json[];
  readonly failure?: StatesError;
}

/**
 * Runs the units as child executions, starting one whenever fewer than the Map Run's
 * MaxConcurrency run (UpdateMapRun changes it live), each start a paced transition.
 */
async function runChildren(
  run: ActiveState,
  mapRun: MapRun,
  units: AsyncIterable<MapUnit>,
  knownTotal: number | undefined,
  keepRecords: boolean,
  collectPending: boolean,
  previous: ReadonlyMap<number, ChildExecution>,
): Promise<ChildrenOutcome> {
  const context = run.frame.run;
  const observer = context.distributedMap?.observer;
  const processor = (run.state.ItemProcessor ?? run.state.Iterator) as JsonObject;
  const config = (isJsonObject(processor.ProcessorConfig) ? processor.ProcessorConfig : {}) as {
    ExecutionType?: string;
  };
  const executionType = config.ExecutionType === 'EXPRESS' ? 'EXPRESS' : 'STANDARD';
  const { ProcessorConfig: _config, ...block } = processor;
  const definition = {
    ...block,
    QueryLanguage: context.queryLanguage,
  } as unknown as StateMachineDefinition;
  const { identity } = context;
  const label = mapRun.mapRunArn.slice(
    mapRun.mapRunArn.lastIndexOf('/') + 1,
    mapRun.mapRunArn.lastIndexOf(':'),
  );
  const childMachineArn = `${identity.stateMachineArn}/${label}`;
  const childMachineName = `${identity.stateMachineName}/${label}`;
  const arnBase = identity.stateMachineArn.slice(
    0,
    identity.stateMachineArn.indexOf(':stateMachine:'),
  );

  const outputs: Json[] = [];
  const results: (ChildExecution | undefined)[] = [];
  const running = new Map<number, RunningExecution>();
  let failedItems = 0;
  let totalItems = knownTotal;
  let itemsSeen = 0;
  let failure: StatesError | undefined;
  let wake: (() => void) | undefined;
  const changed = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  const waitForChange = () =>
    new Promise<void>((resolve) => {
      wake = resolve;
    });
  mapRun.onUpdate = changed;
  const onAbort = () => {
    for (const child of running.values()) child.stop();
    changed();
  };
  run.frame.signal.addEventListener('abort', onAbort, { once: true });

  const exceeded = () => {
    // A percentage needs the total: until the reader ends, only the count can be exceeded.
    if (totalItems === undefined) {
      return mapRun.toleratedFailurePercentage === 0 && failedItems > mapRun.toleratedFailureCount;
    }
    return failedItems > mapRun.toleratedFailures(totalItems);
  };
  const fail = () => {
    failure = new StatesError(
      StatesErrors.ExceedToleratedFailureThreshold,
      'The specified tolerated failure threshold was exceeded',
    );
    for (const child of running.values()) child.stop('States.Aborted', 'The Map Run failed.');
    changed();
  };

  // Inline items are all known at the start: the rest are pending. A reader's are counted
  // as they come.
  if (knownTotal !== undefined) {
    mapRun.items.total = knownTotal;
    mapRun.items.pending = knownTotal;
  }
  const countStarted = (itemCount: number) => {
    if (knownTotal === undefined) mapRun.items.total += itemCount;
    else mapRun.items.pending -= itemCount;
  };
  const start = (unit: MapUnit) => {
    const before = previous.get(unit.index);
    if (before?.status === 'SUCCEEDED') {
      // Redriven Map Run: a child that succeeded keeps its output and is not run again.
      countStarted(unit.itemCount);
      mapRun.items.succeeded += unit.itemCount;
      mapRun.executions.total++;
      mapRun.executions.succeeded++;
      outputs[unit.index] = before.output ?? null;
      if (keepRecords) results[unit.index] = { ...before, history: [] };
      return;
    }
    // A STANDARD child that did not succeed is redriven (same ARN, its history goes on); an
    // EXPRESS one, or one that cannot be redriven, starts again.
    let plan: RedrivePlan | undefined;
    if (before && executionType === 'STANDARD') {
      try {
        plan = planRedrive(definition, before.history, before.input, context.clock.now());
      } catch {
        plan = undefined;
      }
    }
    const name = plan && before ? before.name : context.random.uuid();
    const executionArn =
      plan && before
        ? before.executionArn
        : executionType === 'EXPRESS'
          ? `${arnBase}:express:${childMachineName}:${name}:${context.random.uuid()}`
          : `${arnBase}:execution:${childMachineName}:${name}`;
    const startDate = plan && before ? before.startDate : new Date(context.clock.now());
    const child = new RunningExecution(
      definition,
      {
        identity: {
          executionArn,
          executionName: name,
          stateMachineArn: childMachineArn,
          stateMachineName: childMachineName,
          roleArn: identity.roleArn,
        },
        input: unit.input,
        tasks: context.tasks,
        clock: context.clock,
        random: context.random,
        issueTaskToken: context.issueTaskToken,
        region: context.region,
        ...(context.distributedMap ? { distributedMap: context.distributedMap } : {}),
      },
      { pacer: context.pacer, tokens: context.tokens, ...(plan ? { redrive: plan } : {}) },
    );
    running.set(unit.index, child);
    const base = {
      executionArn,
      name,
      stateMachineArn: childMachineArn,
      mapRunArn: mapRun.mapRunArn,
      executionType,
      index: unit.index,
      input: unit.input,
      startDate,
      itemCount: unit.itemCount,
    } as const;
    countStarted(unit.itemCount);
    mapRun.items.running += unit.itemCount;
    mapRun.executions.total++;
    mapRun.executions.running++;
    observer?.childStarted?.({ ...base, status: 'RUNNING', history: child.history });
    child.result.then((result) => {
      running.delete(unit.index);
      finish(unit, result);
      const record: ChildExecution = {
        ...base,
        status: result.status,
        stopDate: new Date(context.clock.now()),
        ...(result.output !== undefined ? { output: result.output } : {}),
        ...(result.error !== undefined ? { error: result.error } : {}),
        ...(result.cause !== undefined ? { cause: result.cause } : {}),
        history: child.history,
      };
      observer?.childEnded?.(record);
      if (keepRecords) results[unit.index] = { ...record, history: [] };
      if (result.status === 'SUCCEEDED') outputs[unit.index] = result.output ?? null;
      else outputs[unit.index] = null;
      if (!failure && result.status !== 'SUCCEEDED' && !run.frame.signal.aborted) {
        failedItems += unit.itemCount;
        if (exceeded()) fail();
      }
      changed();
    });
  };
  const finish = (unit: MapUnit, result: ExecutionResult) => {
    const counts =
      result.status === 'SUCCEEDED'
        ? 'succeeded'
        : result.status === 'FAILED'
          ? 'failed'
          : result.status === 'TIMED_OUT'
            ? 'timedOut'
            : 'aborted';
    mapRun.items.running -= unit.itemCount;
    mapRun.items[counts] += unit.itemCount;
    mapRun.executions.running--;
    mapRun.executions[counts]++;
  };

  const iterator = units[Symbol.asyncIterator]();
  try {
    for (;;) {
      while (
        !failure &&
        !run.frame.signal.aborted &&
        mapRun.maxConcurrency > 0 &&
        running.size >= mapRun.maxConcurrency
      ) {
        await waitForChange();
      }
      if (failure || run.frame.signal.aborted) break;
      const wait = context.pacer.pace();
      if (wait) await wait;
      if (failure || run.frame.signal.aborted) break;
      const next = await iterator.next();
      if (next.done) break;
      itemsSeen += next.value.itemCount;
      start(next.value);
    }
  } catch (thrown) {
    // The reader failed: the run fails with its error once the running children are stopped.
    failure = thrown instanceof StatesError ? thrown : itemReaderFailed(String(thrown));
    for (const child of running.values()) child.stop('States.Aborted', 'The Map Run failed.');
  }
  if (!failure && !run.frame.signal.aborted) {
    totalItems = itemsSeen;
    if (exceeded()) fail();
  }
  while (running.size > 0) await waitForChange();
  run.frame.signal.removeEventListener('abort', onAbort);
  mapRun.onUpdate = undefined;
  if (!failure && !run.frame.signal.aborted && exceeded()) fail();
  const stoppedEarly = run.frame.signal.aborted || failure !== undefined;
  const pending =
    collectPending && stoppedEarly && failure?.error !== StatesErrors.ItemReaderFailed
      ? await unstarted(iterator, context.pacer, (unit) => {
          // A reader's items are counted as they come: these too, as pending.
          if (knownTotal === undefined) {
            mapRun.items.total += unit.itemCount;
            mapRun.items.pending += unit.itemCount;
          }
        })
      : [];
  return { outputs, results, pending, ...(failure ? { failure } : {}) };
}

/**
 * The inputs of the units the run never started, for PENDING_0.json: the rest of the items,
 * read on to the end (paced like the run). A reader that fails now ends the list there: the
 * run already failed or was aborted for its own reason.
 */
async function unstarted(
  iterator: AsyncIterator<MapUnit>,
  pacer: Pacer,
  counted: (unit: MapUnit) => void,
): Promise<Json[]> {
  const inputs: Json[] = [];
  try {
    for (;;) {
      const wait = pacer.pace();
      if (wait) await wait;
      const next = await iterator.next();
      if (next.done) break;
      counted(next.value);
      inputs.push(next.value.input);
    }
  } catch {
    await iterator.return?.();
  }
  return inputs;
}
