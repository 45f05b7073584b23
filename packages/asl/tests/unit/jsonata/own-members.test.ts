import { describe, expect, it } from 'vitest';
import { parseIntrinsic } from '../../../src/intrinsics/parse-intrinsic.js';
import type { Json } from '../../../src/json.js';
import { evaluateJsonataBody } from '../../../src/jsonata/evaluate-expression.js';
import { applyPayloadTemplate } from '../../../src/jsonpath/payload-template.js';
import { readPathIfPresent } from '../../../src/jsonpath/reference-path.js';
import { StatesError } from '../../../src/states-error.js';
import { VariableScope } from '../../../src/variables/variable-scope.js';
import { refusal, run } from '../test-state/helpers.js';
import { fakeScope } from './fake-scope.js';

const INHERITED = ['toString', 'constructor', '__proto__', 'hasOwnProperty'];
/** An input that really has each of those names as a member. */
const OWN: Json = JSON.parse(
  '{"toString": "t", "constructor": "c", "__proto__": "p", "hasOwnProperty": "h", "list": [{"toString": 1}, {}]}',
);

async function jsonata(body: string, input: Json = {}): Promise<Json | string> {
  try {
    return await evaluateJsonataBody(body, { input }, fakeScope(), 'Output');
  } catch (error) {
    expect(error).toBeInstanceOf(StatesError);
    return (error as StatesError).cause ?? '';
  }
}

describe('field access reads own members only', () => {
  it.each(INHERITED)(
    'JSONata: $states.input.%s is nothing unless the input has it',
    async (name) => {
      expect(await jsonata(`$states.input.${name}`)).toContain('returned nothing (undefined)');
      expect(await jsonata(`$exists($states.input.${name})`)).toBe(false);
      expect(await jsonata(`$lookup($states.input, '${name}')`)).toContain('returned nothing');
      expect(await jsonata(`$states.input.${name}`, OWN)).toBe(
        (OWN as Record<string, Json>)[name] as Json,
      );
      expect(await jsonata(`$lookup($states.input, '${name}')`, OWN)).toBe(
        (OWN as Record<string, Json>)[name] as Json,
      );
    },
  );

  it('JSONata: results over prototype-free copies come back as ordinary JSON', async () => {
    const result = await jsonata('$states.input.list[toString = 1]', OWN);
    expect(result).toEqual({ toString: 1 });
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(await jsonata('$states.input.{"k": toString}', { a: 1 })).toEqual({});
  });

  it.each(INHERITED)('JSONPath: $.%s is missing unless the input has it', (name) => {
    expect(readPathIfPresent(`$.${name}`, {}, fakeScope())).toBeUndefined();
    expect(readPathIfPresent(`$['${name}']`, {}, fakeScope())).toBeUndefined();
    expect(readPathIfPresent(`$.${name}`, OWN, fakeScope())).toBe(
      (OWN as Record<string, Json>)[name] as Json,
    );
  });

  it.each(INHERITED)('payload templates: a "%s.$" key is an own member of the result', (name) => {
    const template = JSON.parse(`{${JSON.stringify(`${name}.$`)}: "$.v", "plain": 1}`);
    const result = applyPayloadTemplate(template, { v: 'value' }, fakeScope(), () => null);
    expect(Object.hasOwn(result as object, name)).toBe(true);
    expect((result as Record<string, Json>)[name]).toBe('value');
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(JSON.stringify(result)).toBe(`{${JSON.stringify(name)}:"value","plain":1}`);
  });

  it.each(INHERITED)('intrinsics: States.%s is no intrinsic function', (name) => {
    // Names stop at the first character an intrinsic name cannot hold (`_`).
    const read = name.replace(/_.*$/, '');
    expect(() => parseIntrinsic(`States.${name}($.a)`)).toThrow(
      `unknown intrinsic function 'States.${read}'`,
    );
  });

  it.each(INHERITED)('variables: "%s" is read only once assigned', (name) => {
    const outer = new VariableScope();
    const inner = new VariableScope(outer);
    expect(inner.get(name)).toBeUndefined();
    expect(inner.definedOutside(name)).toBe(false);
    outer.assign(JSON.parse(`{${JSON.stringify(name)}: 1}`));
    expect(inner.get(name)).toBe(1);
    expect(inner.definedOutside(name)).toBe(true);
    expect([...inner.entries()]).toEqual([[name, 1]]);
  });
});

describe('TestState looks states and context fields up as own members', () => {
  const MACHINE = {
    StartAt: 'A',
    States: { A: { Type: 'Pass', End: true } },
  };

  it.each(INHERITED)('stateName "%s" not in the definition is refused', async (name) => {
    expect(await refusal({ definition: MACHINE, stateName: name })).toEqual({
      code: 'ValidationException',
      message: 'State not found in definition',
    });
  });

  it.each(INHERITED)('a lone state whose Next is "%s" is tested', async (name) => {
    const response = await run({ definition: { Type: 'Pass', Next: name } });
    expect(response).toMatchObject({ status: 'SUCCEEDED', nextState: name });
  });

  it.each(INHERITED)('a context section or field named "%s" is refused', async (name) => {
    const mock = { result: '{}' };
    const definition = {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'f' },
      End: true,
    };
    for (const context of [
      `{${JSON.stringify(name)}: {}}`,
      `{"State": {${JSON.stringify(name)}: "x"}}`,
    ]) {
      const refused = await refusal({ definition, mock, context });
      expect(refused.code).toBe('ValidationException');
      expect(refused.message).toContain('Invalid Context object provided');
    }
  });
});
