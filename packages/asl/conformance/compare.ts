import type { Json, JsonObject } from '../src/json.ts';
import { isJsonObject } from '../src/json.ts';
import type { ConformanceCase, RecordedEvent } from './load-cases.ts';
import { Bindings, hasToken, isBareWord, matchTokens } from './placeholders.ts';

/** One place where what ran differs from what AWS recorded. */
export interface Difference {
  /** A readable path: `status`, `output.a[0]`, `history[7].taskScheduledEventDetails.parameters.QueueUrl`. */
  readonly path: string;
  /** The recorded value (`undefined`: absent). */
  readonly expected: Json | undefined;
  /** The value seen (`undefined`: absent). */
  readonly actual: Json | undefined;
  readonly message?: string;
}

/** What a run produced, in the shapes the comparator reads. */
export interface ActualOutcome {
  readonly status: string;
  readonly output?: Json;
  readonly error?: string;
  readonly cause?: string;
  /** The history as plain JSON (see `historyToJson`). */
  readonly history?: readonly JsonObject[];
  readonly describeExecution?: JsonObject;
}

/** Keys never compared: SDK HTTP metadata and Lambda runtime details (README, step 3). */
export const IGNORED_KEYS: ReadonlySet<string> = new Set([
  'SdkHttpMetadata',
  'SdkResponseMetadata',
  'stackTrace',
  'requestId',
  'LogResult',
]);

/**
 * A field AWS added after a case was recorded, passed among the bare words as
 * `newer-field:<key>`: the engine may show it where the older recording does not. Only
 * `Execution.RedriveCount` (execution redrive, launched 2023-11-15) needs it.
 */
export const NEWER_FIELD_PREFIX = 'newer-field:';

/** Fields AWS added, with the day they appeared: recordings made before lack them. */
export const FIELDS_ADDED: ReadonlyArray<{ readonly key: string; readonly since: string }> = [
  { key: 'RedriveCount', since: '2023-11-15' },
];

/** `*EventDetails` fields AWS returns as JSON text. */
export const JSON_TEXT_FIELDS: ReadonlySet<string> = new Set([
  'input',
  'output',
  'cause',
  'parameters',
  'result',
]);

/** Options for one comparison. */
export interface CompareOptions {
  /** Stop at the first difference (default) or collect up to `limit`. */
  readonly all?: boolean;
  readonly limit?: number;
  /** Extra bare words (e.g. the case's `substitutions[].snapshotForm` without tokens). */
  readonly bareWords?: ReadonlySet<string>;
  /** For Map windows: the MaxConcurrency of the Map state of that name (undefined: not 1 / unknown). */
  readonly mapConcurrency?: (stateName: string) => number | undefined;
  readonly parallelBranchesSorted?: boolean;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (IDENTIFIER.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

/** Parses JSON text; the text itself when it is not JSON. */
export function parseJsonText(value: Json | undefined): Json | undefined {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as Json;
  } catch {
    return value;
  }
}

class Collector {
  readonly differences: Difference[] = [];
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  add(difference: Difference): void {
    if (this.differences.length < this.limit) this.differences.push(difference);
  }

  get full(): boolean {
    return this.differences.length >= this.limit;
  }
}

/** Compares JSON values with placeholders; returns the first difference or undefined. */
export function compareJson(
  expected: Json | undefined,
  actual: Json | undefined,
  path: string,
  bindings: Bindings,
  bareWords: ReadonlySet<string> = new Set(),
): Difference | undefined {
  if (expected === undefined || actual === undefined) {
    if (expected === actual) return undefined;
    return {
      path,
      expected,
      actual,
      message: expected === undefined ? 'not recorded' : 'missing',
    };
  }
  if (typeof expected === 'string') {
    if (isBareWord(expected, bareWords)) return undefined;
    if (hasToken(expected)) {
      const match = matchTokens(expected, actual, bindings);
      return match.ok ? undefined : { path, expected, actual, message: match.reason };
    }
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return { path, expected, actual };
    const common = Math.min(expected.length, actual.length);
    for (let index = 0; index < common; index++) {
      const difference = compareJson(
        expected[index],
        actual[index],
        childPath(path, index),
        bindings,
        bareWords,
      );
      if (difference) return difference;
    }
    if (expected.length !== actual.length) {
      return {
        path: childPath(path, common),
        expected: expected[common],
        actual: actual[common],
        message: `array length ${actual.length}, recorded ${expected.length}`,
      };
    }
    return undefined;
  }
  if (isJsonObject(expected)) {
    if (!isJsonObject(actual)) return { path, expected, actual };
    for (const key of Object.keys(expected)) {
      if (IGNORED_KEYS.has(key)) continue;
      const difference = compareJson(
        expected[key],
        actual[key],
        childPath(path, key),
        bindings,
        bareWords,
      );
      if (difference) return difference;
    }
    for (const key of Object.keys(actual)) {
      if (IGNORED_KEYS.has(key) || key in expected || actual[key] === undefined) continue;
      if (bareWords.has(`${NEWER_FIELD_PREFIX}${key}`)) continue;
      return {
        path: childPath(path, key),
        expected: undefined,
        actual: actual[key],
        message: 'not recorded',
      };
    }
    return undefined;
  }
  if (expected === actual) return undefined;
  return { path, expected, actual };
}

/** An event with its JSON-text detail fields parsed, `timestamp` (and, optionally, ids) dropped. */
export function normaliseEvent(event: JsonObject | RecordedEvent, withIds = true): JsonObject {
  const result: JsonObject = {};
  // `type` first, then the ids: the first difference names the most telling field.
  const keys = Object.keys(event).sort((a, b) => rank(a) - rank(b));
  for (const key of keys) {
    const value = (event as Record<string, Json | undefined>)[key];
    if (value === undefined || key === 'timestamp') continue;
    if (!withIds && (key === 'id' || key === 'previousEventId')) continue;
    if (key.endsWith('EventDetails') && isJsonObject(value)) {
      const details: JsonObject = {};
      for (const [field, text] of Object.entries(value)) {
        if (text === undefined) continue;
        if (field === 'assignedVariables' && isJsonObject(text)) {
          // A map of variable name to the JSON text of its value.
          const variables: JsonObject = {};
          for (const [name, value] of Object.entries(text))
            variables[name] = parseJsonText(value) as Json;
          details[field] = variables;
        } else details[field] = JSON_TEXT_FIELDS.has(field) ? (parseJsonText(text) as Json) : text;
      }
      result[key] = details;
    } else {
      result[key] = value as Json;
    }
  }
  return result;
}

function rank(key: string): number {
  return key === 'type' ? 0 : key === 'id' ? 1 : key === 'previousEventId' ? 2 : 3;
}

/** AWS's `HistoryEvent` objects (with `Date` timestamps) as plain JSON. */
export function historyToJson(history: readonly object[]): JsonObject[] {
  return history.map((event) => {
    const result: JsonObject = {};
    for (const [key, value] of Object.entries(event)) {
      if (value === undefined || key === 'timestamp') continue;
      result[key] = JSON.parse(JSON.stringify(value)) as Json;
    }
    return result;
  });
}

function eventName(event: JsonObject | RecordedEvent): string | undefined {
  const details = event.stateEnteredEventDetails;
  return isJsonObject(details) && typeof details.name === 'string' ? details.name : undefined;
}

/**
 * Event types the sorted windows of the recordings never hold (LocalStack's normalisation
 * dropped them: see the ids skipped around each window), so an actual one is not a difference.
 */
const NOT_IN_SORTED_WINDOWS: ReadonlySet<string> = new Set([
  'ParallelStateSucceeded',
  'ParallelStateFailed',
  'ParallelStateExited',
]);

const PARALLEL_WINDOW_END = new Set([
  'ParallelStateExited',
  'ParallelStateSucceeded',
  'ParallelStateFailed',
  'ParallelStateAborted',
]);

/**
 * Matches two windows of events as sets, without ids (README, step 4): every recorded event
 * must match an actual one and every actual one a recorded one. `skipActual` names event
 * types the recording does not hold.
 */
function compareAsSet(
  expected: readonly JsonObject[],
  actual: readonly JsonObject[],
  path: (index: number) => string,
  bindings: Bindings,
  bareWords: ReadonlySet<string>,
  skipActual: ReadonlySet<string>,
): Difference | undefined {
  const used = new Set<number>();
  for (const [index, event] of expected.entries()) {
    const want = normaliseEvent(event, false);
    let found = -1;
    let firstMiss: Difference | undefined;
    const order = [...actual.keys()].sort((a, b) => Number(used.has(a)) - Number(used.has(b)));
    for (const candidate of order) {
      const trial = bindings.fork();
      const difference = compareJson(
        want,
        normaliseEvent(actual[candidate] as JsonObject, false),
        path(index),
        trial,
        bareWords,
      );
      if (!difference) {
        bindings.commit(trial);
        found = candidate;
        break;
      }
      if (!firstMiss && actual[candidate]?.type === event.type) firstMiss = difference;
    }
    if (found < 0) {
      return {
        path: path(index),
        expected: event.type as Json,
        actual: firstMiss ? undefined : null,
        message: `no event of the actual window (${actual.length} events, compared without ids) matches this recorded ${String(event.type)}${firstMiss ? `; nearest difference at ${firstMiss.path}: recorded ${JSON.stringify(firstMiss.expected)}, actual ${JSON.stringify(firstMiss.actual)}` : ''}`,
      };
    }
    used.add(found);
  }
  for (const [index, event] of actual.entries()) {
    if (used.has(index) || skipActual.has(String(event.type))) continue;
    const matched = expected.some(
      (want) =>
        compareJson(
          normaliseEvent(want, false),
          normaliseEvent(event, false),
          '',
          bindings.fork(),
          bareWords,
        ) === undefined,
    );
    if (!matched) {
      return {
        path: `${path(0)}..`,
        expected: undefined,
        actual: normaliseEvent(event, false),
        message: 'this actual event of the window matches no recorded event',
      };
    }
  }
  return undefined;
}

/** The index of the event ending the Map window that starts with MapStateStarted at `start`. */
function mapWindowEnd(events: readonly JsonObject[], start: number): number {
  let depth = 0;
  for (let index = start; index < events.length; index++) {
    const type = String(events[index]?.type);
    if (type === 'MapStateStarted') depth++;
    if (type === 'MapStateSucceeded' || type === 'MapStateFailed' || type === 'MapStateAborted') {
      depth--;
      if (depth === 0) return index;
    }
  }
  return events.length;
}

/** The innermost Map window (MapStateStarted index, Map state name) enclosing `index`, if any. */
function enclosingMapWindow(
  events: readonly JsonObject[],
  index: number,
): { start: number; end: number; name: string | undefined } | undefined {
  let found: { start: number; end: number; name: string | undefined } | undefined;
  for (let start = 0; start < index; start++) {
    if (events[start]?.type !== 'MapStateStarted') continue;
    const end = mapWindowEnd(events, start);
    if (end > index) {
      const entered = events[start - 1];
      found = { start, end, name: entered ? eventName(entered) : undefined };
    }
  }
  return found;
}

/** Compares the recorded history with the actual one (README, steps 3 and 4). */
export function compareHistory(
  expected: readonly RecordedEvent[],
  actualHistory: readonly JsonObject[],
  bindings: Bindings,
  options: CompareOptions = {},
): Difference | undefined {
  const bareWords = options.bareWords ?? new Set<string>();
  const recorded = expected as unknown as readonly JsonObject[];
  let i = 0;
  let j = 0;
  let skipPreviousId = false;
  while (i < recorded.length) {
    const want = recorded[i] as JsonObject;
    if (Array.isArray(want.id)) {
      // A window LocalStack sorted: up to the Parallel's end or the execution's end.
      let end = i;
      while (end < recorded.length) {
        const event = recorded[end] as JsonObject;
        const type = String(event.type);
        if (
          !Array.isArray(event.id) &&
          (PARALLEL_WINDOW_END.has(type) || type.startsWith('Execution'))
        )
          break;
        end++;
      }
      // The actual window: up to the event closing the Parallel the window is in (or the
      // execution's end), whatever its id.
      const anchorType = String(recorded[end]?.type ?? '');
      let actualEnd = actualHistory.length;
      let depth = 0;
      for (let k = j; k < actualHistory.length; k++) {
        const type = String(actualHistory[k]?.type);
        if (type === 'ParallelStateEntered') depth++;
        if (type === 'ParallelStateExited' || PARALLEL_WINDOW_END.has(type)) {
          if (depth === 0 && (type === anchorType || !anchorType.startsWith('Parallel'))) {
            actualEnd = k;
            break;
          }
          if (type === 'ParallelStateExited') depth--;
        }
        if (type.startsWith('Execution') && depth <= 0) {
          actualEnd = k;
          break;
        }
      }
      const difference = compareAsSet(
        recorded.slice(i, end),
        actualHistory.slice(j, actualEnd),
        (index) => `history[${i + index}]`,
        bindings,
        bareWords,
        // Events LocalStack's sorting left out of the recorded windows.
        NOT_IN_SORTED_WINDOWS,
      );
      if (difference) return difference;
      i = end;
      j = actualEnd;
      // The recording's previousEventId after a sorted window points into the sorted
      // (renumbered) window; it cannot be checked.
      skipPreviousId = true;
      continue;
    }
    const got = actualHistory[j];
    const path = `history[${i}]`;
    if (got === undefined) {
      return {
        path,
        expected: want.type as Json,
        actual: undefined,
        message: 'the actual history ends here',
      };
    }
    const wantNormalised = normaliseEvent(want);
    const gotNormalised = normaliseEvent(got);
    if (skipPreviousId) {
      delete wantNormalised.previousEventId;
      delete gotNormalised.previousEventId;
      skipPreviousId = false;
    }
    const trial = bindings.fork();
    const difference = compareJson(wantNormalised, gotNormalised, path, trial, bareWords);
    if (!difference) {
      bindings.commit(trial);
      i++;
      j++;
      continue;
    }
    // Map iterations with MaxConcurrency other than 1 may interleave differently: compare
    // that Map's window as a set without ids.
    const window = enclosingMapWindow(recorded, i);
    if (window && window.start - i + j >= 0) {
      const concurrency = window.name ? options.mapConcurrency?.(window.name) : undefined;
      const offset = j - i;
      if (concurrency !== 1 && actualHistory[window.start + offset]?.type === 'MapStateStarted') {
        const actualEnd = mapWindowEnd(actualHistory, window.start + offset);
        const setTrial = bindings.fork();
        const setDifference = compareAsSet(
          recorded.slice(window.start + 1, window.end),
          actualHistory.slice(window.start + offset + 1, actualEnd),
          (index) => `history[${window.start + 1 + index}]`,
          setTrial,
          bareWords,
          new Set(),
        );
        if (!setDifference && actualEnd - (window.start + offset) === window.end - window.start) {
          bindings.commit(setTrial);
          i = window.end;
          j = actualEnd;
          continue;
        }
      }
    }
    return difference;
  }
  if (j < actualHistory.length) {
    const extra = actualHistory[j] as JsonObject;
    return {
      path: `history[${i}]`,
      expected: undefined,
      actual: extra.type as Json,
      message: `the actual history has ${actualHistory.length - j} more events`,
    };
  }
  return undefined;
}

/** The value compared for a cause: JSON text parsed when it is an object (as the corpus stores it). */
function causeValue(cause: string | undefined): Json {
  if (cause === undefined) return null;
  const parsed = parseJsonText(cause);
  return isJsonObject(parsed) ? parsed : cause;
}

/** Compares a run with its case: status, output, error, cause, then the history. */
export function compareOutcome(
  testCase: Pick<ConformanceCase, 'expected' | 'kind'>,
  actual: ActualOutcome,
  options: CompareOptions = {},
): Difference[] {
  const collector = new Collector(options.all ? (options.limit ?? 50) : 1);
  const bindings = new Bindings();
  const bareWords = options.bareWords ?? new Set<string>();
  const expected = testCase.expected;
  const check = (path: string, want: Json | undefined, got: Json | undefined) => {
    if (collector.full) return;
    const difference = compareJson(want, got, path, bindings, bareWords);
    if (difference) collector.add(difference);
  };
  check('status', expected.status, actual.status);
  if (testCase.kind !== 'describe_only') {
    // describe_only: error and cause exist only as DescribeExecution recorded them (below).
    if (expected.status === 'SUCCEEDED' || expected.output !== null) {
      check('output', expected.output, actual.output ?? null);
    }
    check('error', expected.error, actual.error ?? null);
    check('cause', expected.cause, causeValue(actual.cause));
  }
  if (expected.history && !collector.full) {
    const difference = compareHistory(expected.history, actual.history ?? [], bindings, options);
    if (difference) {
      collector.add(difference);
      // With every difference asked for: the whole recorded and actual event there.
      const index = /^history\[(\d+)\]/.exec(difference.path)?.[1];
      if (options.all && index !== undefined) {
        const want = expected.history[Number(index)];
        const got = actual.history?.[Number(index)];
        collector.add({
          path: `history[${index}]`,
          expected: want ? normaliseEvent(want) : undefined,
          actual: got ? normaliseEvent(got) : undefined,
          message: 'the whole event, for context',
        });
      }
    }
  }
  if (expected.describeExecution && actual.describeExecution && !collector.full) {
    // Fields of DescribeExecution the engine does not model (redrive status, dates) are not compared.
    const modelled = new Set([
      'executionArn',
      'input',
      'name',
      'stateMachineArn',
      'status',
      'output',
      'error',
      'cause',
    ]);
    const want: JsonObject = {};
    for (const [key, value] of Object.entries(expected.describeExecution)) {
      if (modelled.has(key))
        want[key] = key === 'input' || key === 'output' ? (parseJsonText(value) as Json) : value;
    }
    check('describeExecution', want, actual.describeExecution);
  }
  return collector.differences;
}

/** A one-line rendering of a difference. */
export function formatDifference(difference: Difference, width = 300): string {
  const show = (value: Json | undefined) => {
    if (value === undefined) return '<absent>';
    const text = JSON.stringify(value);
    return text.length > width ? `${text.slice(0, width)}…` : text;
  };
  const note = difference.message ? ` (${difference.message})` : '';
  return `${difference.path}: expected ${show(difference.expected)}, actual ${show(difference.actual)}${note}`;
}
