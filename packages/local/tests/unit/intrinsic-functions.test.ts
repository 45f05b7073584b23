import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { describe, expect, it } from 'vitest';
import { patchEngineSource } from '../../src/engine/engine-patch.js';

/**
 * Runs one Pass state whose Parameters are `parameters`, on `input`. Path checks are off:
 * asl-validator (which the engine runs) refuses an escaped backslash (`\\`) in an intrinsic
 * function's string literal, which AWS accepts.
 */
async function pass(parameters: Record<string, unknown>, input: unknown): Promise<unknown> {
  const machine = new StateMachine(
    {
      StartAt: 'P',
      States: { P: { Type: 'Pass', Parameters: parameters, End: true } },
    } as unknown as StateMachineDefinition,
    { validationOptions: { checkArn: false, checkPaths: false } },
  );
  return machine.run(input as Parameters<StateMachine['run']>[0]).result;
}

describe('intrinsic functions (the engine as corrected by src/engine/engine-patch.ts)', () => {
  it('States.JsonToString gives exactly JSON.stringify: quotes, backslashes, newlines', async () => {
    const input = {
      a: 'he said "hi"',
      path: 'C:\\temp\\new',
      lines: 'one\ntwo\r\n\tthree',
      unicode: 'é \u0001',
      nested: { list: ['"', '\\', "'"] },
    };
    const out = (await pass({ 'Message.$': 'States.JsonToString($)' }, input)) as {
      Message: string;
    };
    expect(out.Message).toBe(JSON.stringify(input));
    expect(JSON.parse(out.Message)).toEqual(input);
  });

  it('values from JSONPath are data: never unescaped', async () => {
    const out = await pass(
      {
        'Formatted.$': "States.Format('{} | {}', $.text, $.n)",
        'Array.$': 'States.Array($.text)',
        'Split.$': "States.StringSplit($.text, ',')",
      },
      { text: 'a\\{b\\}\\\'c,"d"', n: 3 },
    );
    expect(out).toEqual({
      Formatted: 'a\\{b\\}\\\'c,"d" | 3',
      Array: ['a\\{b\\}\\\'c,"d"'],
      Split: ["a\\{b\\}\\'c", '"d"'],
    });
  });

  it("States.Format: {} is a placeholder; \\{ \\} \\' \\\\ are literal { } ' \\", async () => {
    // As written in a definition's JSON: "States.Format('it\\'s \\{\\} {} \\\\ {}', $.a, $.b)".
    const definitionJson =
      '{"F.$": "States.Format(\'it\\\\\'s \\\\{\\\\} {} \\\\\\\\ {}\', $.a, $.b)"}';
    const parameters = JSON.parse(definitionJson) as Record<string, unknown>;
    expect(parameters['F.$']).toBe("States.Format('it\\'s \\{\\} {} \\\\ {}', $.a, $.b)");
    expect(await pass(parameters, { a: 'x', b: 2 })).toEqual({ F: "it's {} x \\ 2" });
  });

  it('States.Format: a literal ending with an escaped backslash still closes', async () => {
    expect(
      await pass(
        { 'F.$': "States.Format('{}\\\\', $.a)", 'G.$': "States.Format('a\\{}')" },
        {
          a: 'x',
        },
      ),
    ).toEqual({ F: 'x\\', G: 'a{}' });
  });

  it('States.Format: the number of placeholders must match the arguments', async () => {
    await expect(pass({ 'F.$': "States.Format('\\{} {}')" }, {})).rejects.toThrow(
      /do not match the occurrences of \{\}/,
    );
  });

  it('string literals of other functions are unescaped too', async () => {
    expect(
      await pass(
        {
          'S.$': "States.StringSplit('a\\'b,c\\\\d', ',')",
          'J.$': 'States.StringToJson(\'\\{"k":"v"\\}\')',
        },
        {},
      ),
    ).toEqual({ S: ["a'b", 'c\\d'], J: { k: 'v' } });
  });

  it('refuses an engine build it cannot correct', () => {
    expect(() => patchEngineSource('export const nothing = 1;', 'other.js')).toThrow(
      /cannot correct other\.js/,
    );
  });
});
