import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Json, JsonObject } from '../src/json.ts';

/** What a case asks of a harness: see the corpus README (`/work/shared/asl-conformance/README.md`). */
export type CaseKind =
  | 'execution'
  | 'choice-case'
  | 'describe_only'
  | 'create_rejected'
  | 'test_state'
  | 'test_state_exception';

/** The kinds this harness runs (all of them: TestState cases through `testState`, see run-test-state.ts). */
export const RUNNABLE_KINDS: readonly CaseKind[] = [
  'execution',
  'choice-case',
  'describe_only',
  'create_rejected',
  'test_state',
  'test_state_exception',
];

export interface Substitution {
  readonly fake: string;
  readonly kind: string;
  readonly meaning?: string;
  readonly snapshotForm?: string | null;
}

export interface DynamicInput {
  readonly path: string;
  readonly rule: string;
  readonly why?: string;
}

export interface Responder {
  readonly kind: string;
  readonly action?: string;
  readonly description?: string;
  readonly taskToken?: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

/** A recorded history event: AWS's shape, with placeholders and JSON text parsed when it was an object. */
export interface RecordedEvent {
  readonly id: number | number[];
  readonly previousEventId: number;
  readonly type: string;
  readonly timestamp?: string;
  readonly [details: string]: Json | undefined;
}

export interface Expected {
  readonly status: string | null;
  readonly output: Json;
  readonly error: string | null;
  readonly cause: Json;
  readonly history: RecordedEvent[] | null;
  readonly describeExecution?: JsonObject;
  /** test_state: the recorded TestState response (JSON-text fields parsed when objects). */
  readonly testStateResponse?: JsonObject;
  /** test_state_exception: `{ Error: { Code, Message } }` or `{ exception_typename, exception_value }`. */
  readonly testStateException?: JsonObject;
  /** create_rejected: `{ exception_typename, exception_value }`. */
  readonly createStateMachineError?: JsonObject;
}

export interface ConformanceCase {
  readonly id: string;
  readonly area: string;
  readonly kind: CaseKind;
  readonly source: string;
  /** When AWS recorded it (`lastValidatedAgainstAWS`, ISO; null for a few). */
  readonly sourceDetail?: {
    readonly lastValidatedAgainstAWS?: string | null;
    /** DD-MM-YYYY, HH:MM:SS */
    readonly recordedDate?: string;
  };
  readonly definition: JsonObject;
  readonly input: Json;
  readonly dynamicInput?: DynamicInput[];
  readonly services: string[];
  readonly lambdaFunctions?: Record<string, string>;
  readonly substitutions?: Substitution[];
  readonly childStateMachines?: Record<string, JsonObject>;
  readonly responder?: Responder;
  /** test_state kinds: the TestState request's fields other than `definition`. */
  readonly testState?: { readonly request: JsonObject };
  readonly expected: Expected;
  readonly compare?: {
    readonly historyNormalisation?: 'parallel-branches-sorted';
    readonly localstackSkipsPaths?: string[];
  };
  readonly notes?: string[];
  /** The file the case was read from. */
  readonly file: string;
}

export interface CaseFilter {
  /** Only these areas (directory names); all when empty. */
  readonly areas?: readonly string[];
  /** Only cases whose id contains one of these substrings; all when empty. */
  readonly ids?: readonly string[];
}

/** Whether `dir` looks like the corpus's `cases` directory. */
export function isCasesDir(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory();
}

/** Reads every `<area>/*.json` case under `dir` that passes `filter`, sorted by id. */
export function loadCases(dir: string, filter: CaseFilter = {}): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  const areas = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .filter((area) => !filter.areas?.length || filter.areas.includes(area))
    .sort();
  for (const area of areas) {
    for (const name of readdirSync(join(dir, area)).sort()) {
      if (!name.endsWith('.json')) continue;
      const file = join(dir, area, name);
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as Omit<ConformanceCase, 'file'>;
      if (filter.ids?.length && !filter.ids.some((part) => parsed.id.includes(part))) continue;
      cases.push({ ...parsed, file });
    }
  }
  return cases.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
