import type { ActiveState } from '../execution/active-state.js';
import { nextOf, type StateOutcome } from '../execution/state-outcome.js';
import type { Json } from '../json.js';
import { effectiveArguments, effectiveInput, resultToOutput } from '../states/data-flow.js';
import { mapMaxConcurrency, mapTolerance } from '../states/map-settings.js';
import { StatesError, StatesErrors } from '../states-error.js';
import { parseTaskResource } from '../tasks/parse-resource.js';
import type { CheckedRequest } from './check-request.js';
import type { RecordedStep } from './inspection.js';

type Mock = NonNullable<CheckedRequest['mock']>;
type Record = (step: RecordedStep, value: Json) => void;

function mockedResult(mock: Mock): Json {
  if (mock.kind === 'error') throw new StatesError(mock.error, mock.cause);
  return mock.result;
}

async function finish(run: ActiveState, result: Json): Promise<StateOutcome> {
  const { output, assigned } = await resultToOutput(run, result);
  const next = nextOf(run.state);
  return { output, ...(next !== undefined ? { next } : {}), ...(assigned ? { assigned } : {}) };
}

/** A Task whose service call the mock replaces: its arguments, then the mock as its result. */
export async function runMockedTask(run: ActiveState, mock: Mock): Promise<StateOutcome> {
  const resource = parseTaskResource(String(run.state.Resource));
  const token =
    resource && resource.pattern !== 'request-response'
      ? run.frame.run.issueTaskToken()
      : undefined;
  run.attempt(run.retryCount, token);
  await effectiveArguments(run);
  return finish(run, mockedResult(mock));
}

/** A Parallel whose branches the mock replaces: the mock is the array of branch outputs. */
export async function runMockedParallel(run: ActiveState, mock: Mock): Promise<StateOutcome> {
  await effectiveArguments(run);
  return finish(run, mockedResult(mock));
}

/**
 * A Map whose iterations the mock replaces: its items and settings are evaluated (and
 * inspected), `mapIterationFailureCount` is held against the tolerated failures, and the
 * mock is the Map's result.
 */
export async function runMockedMap(
  run: ActiveState,
  mock: Mock,
  failedIterations: number,
  record: Record,
): Promise<StateOutcome> {
  const state = run.state;
  const input = run.jsonata ? run.input : effectiveInput(run);
  let items: Json;
  if (run.jsonata) {
    items = state.Items === undefined ? input : await run.evaluate(state.Items, 'Items');
  } else {
    const path = typeof state.ItemsPath === 'string' ? state.ItemsPath : '$';
    items = path === '$' ? input : run.path(path, input, 'ItemsPath');
    if (!Array.isArray(items)) {
      // Recorded: `$$` paths are named with one `$` ("Reference path "$.Execution.Input" ...").
      throw new StatesError(
        StatesErrors.Runtime,
        `Reference path "${path.replace(/^\$\$/, '$')}" must point to array.`,
      );
    }
    record('afterItemsPath', items);
  }
  if (!Array.isArray(items)) {
    throw new StatesError(
      StatesErrors.QueryEvaluationError,
      `Map state input must be an array but was: ${JSON.stringify(items)}`,
    );
  }
  record('maxConcurrency', await mapMaxConcurrency(run, input));
  const tolerance = await mapTolerance(run, input);
  const countSet =
    state.ToleratedFailureCount !== undefined || state.ToleratedFailureCountPath !== undefined;
  const percentageSet =
    state.ToleratedFailurePercentage !== undefined ||
    state.ToleratedFailurePercentagePath !== undefined;
  if (countSet) record('toleratedFailureCount', tolerance.toleratedFailureCount);
  if (percentageSet) record('toleratedFailurePercentage', tolerance.toleratedFailurePercentage);
  const selector = state.ItemSelector ?? (run.jsonata ? undefined : state.Parameters);
  if (selector !== undefined) {
    const selected: Json[] = [];
    for (const [index, value] of items.entries()) {
      const item = run.withContext({
        ...run.context,
        Map: { Item: { Index: index, Value: value } },
      });
      selected.push(
        item.jsonata
          ? await item.evaluate(selector, 'ItemSelector')
          : item.template(selector, input),
      );
    }
    record('afterItemSelector', selected);
  }
  const result = mockedResult(mock);
  if (countSet || percentageSet) {
    const tolerated = Math.max(
      tolerance.toleratedFailureCount,
      Math.floor((tolerance.toleratedFailurePercentage / 100) * items.length),
    );
    if (failedIterations > tolerated) {
      throw new StatesError(
        StatesErrors.ExceedToleratedFailureThreshold,
        'The specified tolerated failure threshold was exceeded',
      );
    }
  }
  return finish(run, result);
}
