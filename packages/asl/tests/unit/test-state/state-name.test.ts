import { describe, expect, it } from 'vitest';
import { parsed, refusal, run } from './helpers.js';

const MULTI = {
  QueryLanguage: 'JSONata',
  StartAt: 'State0',
  States: {
    State0: { Type: 'Pass', Next: 'State1' },
    State1: { Type: 'Fail', Error: 'SomeFailure', Cause: 'the cause' },
  },
};

describe('testState: stateName', () => {
  it('tests one state of a machine without following Next (test_base_state_name_multi_state[DEBUG-State0])', async () => {
    const response = await run({
      definition: JSON.stringify(MULTI),
      stateName: 'State0',
      input: '{"Value": "HelloWorld"}',
      inspectionLevel: 'DEBUG',
    });
    expect(parsed(response)).toEqual({
      status: 'SUCCEEDED',
      nextState: 'State1',
      output: { Value: 'HelloWorld' },
      inspectionData: { input: { Value: 'HelloWorld' } },
    });
  });

  it('finds a state inside a Map (test_base_state_name[DEBUG-BASE_MAP_STATE_MACHINE])', async () => {
    const response = await run({
      definition: {
        StartAt: 'State0',
        States: {
          State0: {
            Type: 'Map',
            ItemsPath: '$.Values',
            ItemProcessor: {
              StartAt: 'HandleItem',
              States: {
                HandleItem: {
                  Type: 'Pass',
                  Parameters: { 'index.$': '$$.Map.Item.Index' },
                  End: true,
                },
              },
            },
            End: true,
          },
        },
      },
      stateName: 'HandleItem',
      input: '{"Value": "HelloWorld"}',
    });
    // Without a context object, the tested item is item 0.
    expect(parsed(response)).toEqual({ status: 'SUCCEEDED', output: { index: 0 } });
  });

  it('refuses a name not in the definition (test_base_state_name_validation_failures[dne])', async () => {
    expect(await refusal({ definition: MULTI, stateName: 'dne' })).toEqual({
      code: 'ValidationException',
      message: 'State not found in definition',
    });
  });

  it('refuses an invalid definition with CreateStateMachine wording (test_parallel_state_empty_branches)', async () => {
    expect(
      await refusal({
        definition: { Type: 'Parallel', Branches: [], End: true },
        mock: { result: '[]' },
      }),
    ).toEqual({
      code: 'InvalidDefinition',
      message:
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/StateName/Branches'",
    });
  });
});
