/**
 * Replays the AWS-recorded corpus cases whose machine is only Pass, Succeed and Fail states
 * through evaluateJsonataTemplate, with a tiny sequential interpreter (Output, Assign, Next,
 * End; variables carried between states; JSONPath Pass states only as far as constant or
 * `$.a.b` Assign values). Runs only where the shared corpus exists.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isJsonObject, type Json, type JsonObject } from '../../../src/json.js';
import {
  evaluateJsonataTemplate,
  type JsonataStates,
} from '../../../src/jsonata/evaluate-template.js';
import type { EvaluationScope } from '../../../src/scope.js';
import { StatesError } from '../../../src/states-error.js';

const CASES = '/work/shared/asl-conformance/cases';
/** jsonata is the target; the other areas hold more Pass-only JSONata machines. */
const AREAS = ['jsonata', 'variables', 'escapes', 'query_language'];

interface CorpusCase {
  id: string;
  kind: string;
  definition: JsonObject;
  input: Json;
  expected: { status: string; output: Json; error: string | null; cause: Json };
}

type Outcome =
  | { status: 'SUCCEEDED'; output: Json }
  | { status: 'FAILED'; error: string; cause: string };

const JSONPATH_ONLY = [
  'InputPath',
  'OutputPath',
  'ResultPath',
  'Parameters',
  'Result',
  'ResultSelector',
];

function states(definition: JsonObject): Record<string, JsonObject> {
  return definition.States as Record<string, JsonObject>;
}

function language(definition: JsonObject, state: JsonObject): string {
  return (state.QueryLanguage ?? definition.QueryLanguage ?? 'JSONPath') as string;
}

const SIMPLE_PATH = /^\$(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Whether a JSONPath state needs nothing beyond constant or `$.a.b` Assign values. */
function simpleJsonPathState(state: JsonObject): boolean {
  if (
    JSONPATH_ONLY.some((field) => field in state) ||
    'ErrorPath' in state ||
    'CausePath' in state
  ) {
    return false;
  }
  const assign = isJsonObject(state.Assign) ? state.Assign : {};
  return Object.entries(assign).every(
    ([key, value]) => !key.endsWith('.$') || (typeof value === 'string' && SIMPLE_PATH.test(value)),
  );
}

/** Whether the tiny interpreter can run the machine, and it has a JSONata state to test. */
function replayable(c: CorpusCase): boolean {
  if (c.kind !== 'execution' || !isJsonObject(c.definition.States)) return false;
  const all = Object.values(states(c.definition));
  return (
    all.some((state) => language(c.definition, state) === 'JSONata') &&
    all.every(
      (state) =>
        ['Pass', 'Succeed', 'Fail'].includes(state.Type as string) &&
        (language(c.definition, state) === 'JSONata' || simpleJsonPathState(state)),
    )
  );
}

function simplePath(input: Json, path: string): Json {
  let value: Json = input;
  for (const key of path.split('.').slice(1))
    value = isJsonObject(value) ? (value[key] ?? null) : null;
  return value;
}

function context(input: Json, stateName: string): JsonObject {
  return {
    Execution: {
      Id: 'arn:aws:states:us-east-1:111111111111:execution:machine:exec',
      Input: input,
      StartTime: '2024-11-15T16:16:35.000Z',
      Name: 'exec',
      RoleArn: 'arn:aws:iam::111111111111:role/sfn-test-role',
      RedriveCount: 0,
    },
    StateMachine: {
      Id: 'arn:aws:states:us-east-1:111111111111:stateMachine:machine',
      Name: 'machine',
    },
    State: { Name: stateName, EnteredTime: '2024-11-15T16:16:35.100Z' },
  };
}

async function replay(c: CorpusCase): Promise<Outcome> {
  const variables = new Map<string, Json>();
  const all = states(c.definition);
  let name = c.definition.StartAt as string;
  let input: Json = c.input ?? {};
  for (let visited = 0; ; visited++) {
    const state = all[name] as JsonObject;
    const ctx = context(c.input ?? {}, name);
    const scope: EvaluationScope = {
      context: ctx,
      variables: { get: (n) => variables.get(n) },
      random: { next: () => 0.5, uuid: () => '00000000-0000-4000-8000-000000000000' },
    };
    const $states: JsonataStates = { input, context: ctx };
    try {
      if (language(c.definition, state) === 'JSONata') {
        const assigned =
          state.Assign === undefined
            ? undefined
            : await evaluateJsonataTemplate(state.Assign, $states, scope, 'Assign');
        if (state.Type === 'Fail') {
          const error =
            state.Error === undefined
              ? ''
              : await evaluateJsonataTemplate(state.Error, $states, scope, 'Error');
          const cause =
            state.Cause === undefined
              ? ''
              : await evaluateJsonataTemplate(state.Cause, $states, scope, 'Cause');
          return { status: 'FAILED', error: String(error), cause: String(cause) };
        }
        const output: Json =
          state.Output === undefined
            ? input
            : await evaluateJsonataTemplate(state.Output, $states, scope, 'Output');
        if (isJsonObject(assigned))
          for (const [k, v] of Object.entries(assigned)) variables.set(k, v);
        input = output;
      } else {
        if (state.Type === 'Fail') {
          return {
            status: 'FAILED',
            error: String(state.Error ?? ''),
            cause: String(state.Cause ?? ''),
          };
        }
        if (isJsonObject(state.Assign)) {
          const assigned = Object.entries(state.Assign).map(([k, v]): [string, Json] =>
            k.endsWith('.$') ? [k.slice(0, -2), simplePath(input, String(v))] : [k, v],
          );
          for (const [k, v] of assigned) variables.set(k, v);
        }
      }
    } catch (error) {
      if (!(error instanceof StatesError)) throw error;
      // ExecutionStarted is event 1; each state before this one took an Entered and an Exited.
      const prefix = `An error occurred while executing the state '${name}' (entered at the event id #${2 + 2 * visited}). `;
      return {
        status: 'FAILED',
        error: error.error,
        cause: error.inState ? prefix + error.cause : error.cause,
      };
    }
    if (state.Type === 'Succeed' || state.End === true)
      return { status: 'SUCCEEDED', output: input };
    name = state.Next as string;
  }
}

const BARE_PLACEHOLDERS = new Set([
  'date',
  'datetime',
  'timestamp',
  'snf_role_arn',
  'start-date',
  'stop-date',
]);

/** The recorded value with placeholders (`<x>`, bare words) turned into wildcards. */
function matcher(expected: Json): unknown {
  if (typeof expected === 'string') {
    if (BARE_PLACEHOLDERS.has(expected)) return expect.any(String);
    if (/<[^>]+>/.test(expected)) {
      const pattern = expected
        .split(/<[^>]+>/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.+');
      return expect.stringMatching(new RegExp(`^${pattern}$`));
    }
    return expected;
  }
  if (Array.isArray(expected)) return expected.map(matcher);
  if (isJsonObject(expected))
    return Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, matcher(v)]));
  return expected;
}

function load(area: string): CorpusCase[] {
  const dir = join(CASES, area);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as CorpusCase)
    .filter(replayable);
}

const tally = { run: 0, passed: 0 };

describe.skipIf(!existsSync(join(CASES, 'jsonata')))('AWS-recorded Pass-only JSONata cases', () => {
  afterAll(() => {
    console.info(
      `jsonata corpus: ${tally.passed}/${tally.run} Pass-only cases match the recording`,
    );
  });

  for (const area of AREAS) {
    const cases = load(area);
    describe(area, () => {
      it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
        tally.run += 1;
        const outcome = await replay(c);
        const recorded =
          c.expected.status === 'SUCCEEDED'
            ? { status: 'SUCCEEDED', output: matcher(c.expected.output) }
            : {
                status: c.expected.status,
                error: c.expected.error ?? '',
                cause: c.expected.cause ?? '',
              };
        expect(outcome).toEqual(recorded);
        tally.passed += 1;
      });
    });
  }
});
