import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchesChoiceRule } from '../../../src/choice/choice-rule.js';
import { isJsonObject, type Json, type JsonObject } from '../../../src/json.js';
import { applyInputPath, applyOutputPath } from '../../../src/jsonpath/input-output-path.js';
import { applyPayloadTemplate } from '../../../src/jsonpath/payload-template.js';
import { applyResultPath } from '../../../src/jsonpath/result-path.js';
import type { EvaluationScope } from '../../../src/scope.js';
import { stubScope } from './scope-stub.js';

const dir = '/work/shared/asl-conformance/cases/choice_operators';

interface RecordedCase {
  id: string;
  definition: { StartAt: string; States: Record<string, JsonObject> };
  input: Json;
  expected: { status: string; output: Json };
}

function loadCases(): RecordedCase[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as RecordedCase);
}

const noIntrinsics = (): Json => {
  throw new Error('no intrinsic functions in these machines');
};

/** Runs the tiny machines of the corpus: a Choice, then Pass/Succeed states. */
function run(c: RecordedCase, scope: EvaluationScope): { status: string; output: Json } {
  let name: string | undefined = c.definition.StartAt;
  let data = c.input;
  try {
    for (let steps = 0; name !== undefined && steps < 10; steps++) {
      const state: JsonObject | undefined = c.definition.States[name];
      if (state === undefined) throw new Error(`no state ${name}`);
      const input = applyInputPath(data, state.InputPath as string | null | undefined, scope);
      let next: string | undefined;
      if (state.Type === 'Choice') {
        const rules = (state.Choices ?? []) as JsonObject[];
        const chosen = rules.find((rule) => matchesChoiceRule(rule, input, scope));
        next = (chosen?.Next ?? state.Default) as string | undefined;
        if (next === undefined) return { status: 'FAILED', output: null };
        data = applyOutputPath(input, state.OutputPath as string | null | undefined, scope);
      } else if (state.Type === 'Pass') {
        const result =
          state.Result !== undefined
            ? state.Result
            : state.Parameters !== undefined
              ? applyPayloadTemplate(state.Parameters, input, scope, noIntrinsics)
              : input;
        const merged = applyResultPath(data, result, state.ResultPath as string | null | undefined);
        data = applyOutputPath(merged, state.OutputPath as string | null | undefined, scope);
        next = state.Next as string | undefined;
      } else if (state.Type === 'Succeed') {
        data = applyOutputPath(input, state.OutputPath as string | null | undefined, scope);
      } else {
        throw new Error(`unsupported state type ${String(state.Type)}`);
      }
      name = state.End === true ? undefined : next;
    }
    return { status: 'SUCCEEDED', output: data };
  } catch {
    return { status: 'FAILED', output: null };
  }
}

const cases = loadCases();

describe.skipIf(!existsSync(dir))('choice_operators corpus (AWS recordings)', () => {
  it('holds the 392 recorded comparisons', () => {
    expect(cases.length).toBe(392);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const actual = run(
      c,
      stubScope({ Execution: { Input: isJsonObject(c.input) ? c.input : {} } }),
    );
    expect(actual.status).toBe(c.expected.status);
    if (c.expected.status === 'SUCCEEDED') expect(actual.output).toEqual(c.expected.output);
  });
});
