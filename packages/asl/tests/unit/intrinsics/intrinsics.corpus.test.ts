import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateIntrinsic, isIntrinsicCall } from '../../../src/intrinsics/evaluate-intrinsic.js';
import { parseIntrinsic } from '../../../src/intrinsics/parse-intrinsic.js';
import { isJsonObject, type Json, type JsonObject } from '../../../src/json.js';
import type { RandomSource } from '../../../src/scope.js';
import { StatesError } from '../../../src/states-error.js';

// AWS-recorded cases (LocalStack snapshots), read in place; nothing is copied into the repo.
const CASES = '/work/shared/asl-conformance/cases';
const DIR = join(CASES, 'intrinsic_functions');
const AREAS = ['intrinsic_functions', 'escapes'];

interface RecordedCase {
  id: string;
  kind: string;
  definition: JsonObject;
  input: Json;
  expected: { status: string | null; output: Json; error: string | null; cause: Json };
}

const PASS_KEYS = new Set([
  'Type',
  'Parameters',
  'Result',
  'ResultPath',
  'OutputPath',
  'Next',
  'End',
  'Comment',
]);

function loadCases(): RecordedCase[] {
  if (!existsSync(DIR)) return [];
  return AREAS.flatMap((area) =>
    readdirSync(join(CASES, area))
      .filter((file) => file.endsWith('.json'))
      .map((file) => JSON.parse(readFileSync(join(CASES, area, file), 'utf8')) as RecordedCase),
  );
}

/** The machine's states, when all are plain Pass states this tiny harness can run. */
function passStates(definition: JsonObject): Map<string, JsonObject> | undefined {
  const states = definition.States;
  if (definition.QueryLanguage === 'JSONata' || !isJsonObject(states)) return undefined;
  const result = new Map<string, JsonObject>();
  for (const [name, state] of Object.entries(states)) {
    if (!isJsonObject(state) || state.Type !== 'Pass') return undefined;
    if (Object.keys(state).some((key) => !PASS_KEYS.has(key))) return undefined;
    result.set(name, state);
  }
  return result;
}

/** Whether any `.$` field of the definition holds an intrinsic call. */
function usesIntrinsics(value: Json): boolean {
  if (Array.isArray(value)) return value.some(usesIntrinsics);
  if (!isJsonObject(value)) return false;
  return Object.entries(value).some(
    ([key, item]) =>
      (key.endsWith('.$') && typeof item === 'string' && isIntrinsicCall(item)) ||
      usesIntrinsics(item),
  );
}

/** `$`, `$.a.b`, `$.a[0]`, `$.a['b c']`, and `$$` over a stand-in context. */
function resolve(path: string, input: Json, context: JsonObject): Json {
  let current: Json | undefined = path.startsWith('$$') ? context : input;
  const rest = path.slice(path.startsWith('$$') ? 2 : 1);
  for (const [, name, index, quoted] of rest.matchAll(
    /\.([A-Za-z0-9_]+)|\[(\d+)\]|\.?\['([^']*)'\]/g,
  )) {
    if (index !== undefined) current = Array.isArray(current) ? current[Number(index)] : undefined;
    else current = isJsonObject(current) ? current[name ?? quoted ?? ''] : undefined;
  }
  if (current === undefined) throw new Error(`path ${path} matches nothing`);
  return current;
}

/** ResultPath of the `$.a.b` form only: a copy of `data` with `value` set there. */
function place(data: Json, path: string, value: Json): Json {
  const names = path.split('.').slice(1);
  const last = names.pop();
  if (last === undefined) return value;
  const root: JsonObject = isJsonObject(data) ? { ...data } : {};
  let target = root;
  for (const name of names) {
    const child = target[name];
    const copy: JsonObject = isJsonObject(child) ? { ...child } : {};
    target[name] = copy;
    target = copy;
  }
  target[last] = value;
  return root;
}

const random: RandomSource = {
  next: () => 0.5,
  uuid: () => '6f7c5b2e-2d4a-4c1e-9b3a-0e8f1d2c3b4a',
};

function applyParameters(template: Json, input: Json, context: JsonObject): Json {
  if (Array.isArray(template)) return template.map((item) => applyParameters(item, input, context));
  if (!isJsonObject(template)) return template;
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$') && typeof value === 'string') {
      const resolvePath = (path: string): Json => resolve(path, input, context);
      result[key.slice(0, -2)] = isIntrinsicCall(value)
        ? evaluateIntrinsic(value, resolvePath, random)
        : resolvePath(value);
    } else {
      result[key] = applyParameters(value, input, context);
    }
  }
  return result;
}

function run(recorded: RecordedCase, states: Map<string, JsonObject>): Json {
  // Stand-in context holding the recording's placeholders, so outputs compare as recorded.
  const context: JsonObject = {
    Execution: { Input: recorded.input, Name: '<ExecArnPart_0idx>' },
    StateMachine: {
      Id: 'arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>',
      Name: '<ArnPart_0idx>',
    },
  };
  let data = recorded.input;
  let name = recorded.definition.StartAt;
  while (typeof name === 'string') {
    const state = states.get(name);
    if (state === undefined) throw new Error(`no state ${name}`);
    let result = data;
    if (state.Parameters !== undefined) result = applyParameters(state.Parameters, data, context);
    else if (state.Result !== undefined) result = state.Result;
    data = typeof state.ResultPath === 'string' ? place(data, state.ResultPath, result) : result;
    if (typeof state.OutputPath === 'string') data = resolve(state.OutputPath, data, context);
    name = state.End === true ? undefined : state.Next;
  }
  return data;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Recorded placeholders stand for generated values: compare their shape only. */
function expectRecorded(actual: Json, expected: Json): void {
  if (expected === 'RandomNumberGenerated') {
    expect(Number.isInteger(actual)).toBe(true);
  } else if (typeof expected === 'string' && /^(generated-uuid|<uuid:\d+>)$/.test(expected)) {
    expect(actual).toMatch(UUID);
  } else if (isJsonObject(expected) && isJsonObject(actual)) {
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) expectRecorded(actual[key] ?? null, value);
  } else {
    expect(actual).toEqual(expected);
  }
}

const all = loadCases();
const runnable = all.flatMap((recorded) => {
  const states = recorded.kind === 'execution' ? passStates(recorded.definition) : undefined;
  return states !== undefined && usesIntrinsics(recorded.definition) ? [{ recorded, states }] : [];
});
const rejected = all.filter(
  (recorded) => recorded.kind === 'create_rejected' && usesIntrinsics(recorded.definition),
);

describe.skipIf(!existsSync(DIR))('intrinsics against the AWS-recorded corpus', () => {
  it('finds runnable cases', () => {
    console.info(`intrinsics corpus: ${runnable.length} runnable, ${rejected.length} rejected`);
    expect(runnable.length).toBeGreaterThan(90);
  });

  it.each(runnable.map(({ recorded, states }) => [recorded.id, recorded, states] as const))(
    '%s',
    (_id, recorded, states) => {
      if (recorded.expected.status === 'SUCCEEDED') {
        expectRecorded(run(recorded, states), recorded.expected.output);
        return;
      }
      let caught: unknown;
      try {
        run(recorded, states);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(StatesError);
      const error = caught as StatesError;
      expect(error.error).toBe(recorded.expected.error);
      expect(String(recorded.expected.cause).endsWith(error.cause)).toBe(true);
    },
  );

  // CreateStateMachine rejected these; our parser must reject the same call texts.
  it.each(rejected.map((recorded) => [recorded.id, recorded] as const))(
    'rejects %s',
    (_id, recorded) => {
      const calls = collectCalls(recorded.definition);
      expect(calls.length).toBeGreaterThan(0);
      for (const call of calls) expect(() => parseIntrinsic(call)).toThrow();
    },
  );
});

function collectCalls(value: Json): string[] {
  if (Array.isArray(value)) return value.flatMap(collectCalls);
  if (!isJsonObject(value)) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    key.endsWith('.$') && typeof item === 'string' && isIntrinsicCall(item)
      ? [item]
      : collectCalls(item),
  );
}
