import { describe, expect, it } from 'vitest';
import { parsed, ROLE, run } from './helpers.js';

const PROCESSOR = {
  ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
  StartAt: 'TestState',
  States: { TestState: { Type: 'Pass', End: true } },
};
const JSONATA_MAP = {
  Type: 'Map',
  QueryLanguage: 'JSONata',
  Items: '{% $states.input.Values %}',
  ItemProcessor: PROCESSOR,
  Output: '{% $states.result %}',
  End: true,
};
const VALUES = '{"Values": ["first", "second", "third"]}';

describe('testState: Map', () => {
  it('the mock is the whole result; settings are inspected (test_base_map_state_inspect[MAX_CONCURRENCY-DEBUG])', async () => {
    const response = await run({
      definition: { ...JSONATA_MAP, MaxConcurrency: '{% $variable := 1 %}' },
      input: '{"Values": [1, 2, 3]}',
      inspectionLevel: 'DEBUG',
      mock: { result: '[1, 1, 1]' },
    });
    expect(parsed(response)).toEqual({
      status: 'SUCCEEDED',
      output: [1, 1, 1],
      inspectionData: { input: { Values: [1, 2, 3] }, maxConcurrency: 1 },
    });
  });

  it('shows tolerated failures only when set (test_base_map_state_inspect[TOLERATED_FAILURE_PERCENTAGE-TRACE])', async () => {
    const response = await run({
      definition: { ...JSONATA_MAP, ToleratedFailurePercentage: 1 },
      input: VALUES,
      inspectionLevel: 'TRACE',
      mock: { result: '[1, 1, 1]' },
    });
    expect(response.inspectionData).toEqual({
      input: VALUES.replace(/ /g, ''),
      maxConcurrency: 0,
      toleratedFailurePercentage: 1,
    });
  });

  it('more failed iterations than tolerated: retried first (test_map_state_failure_count[TRACE-MAP_TASK_STATE]#exceeds_tolerated_failure)', async () => {
    const response = await run({
      definition: {
        ...JSONATA_MAP,
        ToleratedFailureCount: 1,
        Retry: [
          { ErrorEquals: ['MockException'], MaxAttempts: 3 },
          { ErrorEquals: ['States.ExceedToleratedFailureThreshold'], MaxAttempts: 2 },
        ],
      },
      input: VALUES,
      stateConfiguration: { mapIterationFailureCount: 2 },
      inspectionLevel: 'TRACE',
      roleArn: ROLE,
      mock: { result: '[0, 0, 1]' },
    });
    expect(parsed(response)).toEqual({
      status: 'RETRIABLE',
      error: 'States.ExceedToleratedFailureThreshold',
      cause: 'The specified tolerated failure threshold was exceeded',
      inspectionData: {
        input: JSON.parse(VALUES),
        maxConcurrency: 0,
        toleratedFailureCount: 1,
        errorDetails: { retryIndex: 1, retryBackoffIntervalSeconds: 1 },
      },
    });
  });

  it('more failed iterations than tolerated: then caught (test_map_state_failure_count[TRACE-BASE_MAP_STATE_CATCH]#exceeds_tolerated_failure)', async () => {
    const response = await run({
      definition: {
        ...JSONATA_MAP,
        ToleratedFailureCount: 1,
        Catch: [
          { ErrorEquals: ['MockException'], Next: 'HandleMockError' },
          { ErrorEquals: ['States.ExceedToleratedFailureThreshold'], Next: 'HandleThreshold' },
        ],
      },
      input: VALUES,
      stateConfiguration: { mapIterationFailureCount: 2 },
      mock: { result: '[0, 0, 1]' },
    });
    expect(response.status).toBe('CAUGHT_ERROR');
    expect(response.nextState).toBe('HandleThreshold');
  });

  it('failed iterations without tolerance settings do not fail the Map (test_map_state_failure_count[INFO-BASE_MAP_STATE]#exceeds_tolerated_failure)', async () => {
    const response = await run({
      definition: JSONATA_MAP,
      input: VALUES,
      stateConfiguration: { mapIterationFailureCount: 2 },
      mock: { result: '[0, 0, 1]' },
    });
    expect(response).toEqual({ status: 'SUCCEEDED', output: '[0,0,1]' });
  });

  it('a mocked error of an inner state fails the Map (test_state_machine_with_state_error[DEBUG]#below_tolerated_failure)', async () => {
    const response = await run({
      definition: {
        StartAt: 'State0',
        States: {
          State0: {
            Type: 'Map',
            ItemsPath: '$.Values',
            ItemProcessor: {
              ...PROCESSOR,
              StartAt: 'HandleItem',
              States: { HandleItem: { Type: 'Pass', End: true } },
            },
            ToleratedFailureCount: 2,
            End: true,
          },
        },
      },
      stateName: 'State0',
      input: VALUES,
      stateConfiguration: { mapIterationFailureCount: 0, errorCausedByState: 'HandleItem' },
      inspectionLevel: 'DEBUG',
      mock: { errorOutput: { error: 'MockException', cause: 'Mock the error cause.' } },
    });
    expect(parsed(response)).toEqual({
      status: 'FAILED',
      error: 'MockException',
      cause: 'Mock the error cause.',
      inspectionData: {
        input: JSON.parse(VALUES),
        afterInputPath: JSON.parse(VALUES),
        afterItemsPath: ['first', 'second', 'third'],
        maxConcurrency: 0,
        toleratedFailureCount: 2,
      },
    });
  });

  it('ItemsPath over a mocked context that is no array (test_state_map_context_object[EXECUTION_INPUT])', async () => {
    const response = await run({
      definition: {
        Type: 'Map',
        ItemsPath: '$$.Execution.Input',
        ItemProcessor: { StartAt: 'H', States: { H: { Type: 'Pass', End: true } } },
        End: true,
      },
      input: '["fire"]',
      context: '{"Execution": {"Input": {"values": [1]}}}',
      mock: { result: '["FIRE"]' },
    });
    expect(response).toEqual({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: 'Reference path "$.Execution.Input" must point to array.',
    });
  });

  it('a JSONPath Map shows its items and the result path (test_state_map_context_object[EXECUTION_INPUT_VALUES])', async () => {
    const response = await run({
      definition: {
        Type: 'Map',
        ItemsPath: '$$.Execution.Input.values',
        MaxConcurrency: 1,
        ItemProcessor: { StartAt: 'H', States: { H: { Type: 'Pass', End: true } } },
        End: true,
      },
      input: '["fire"]',
      context: '{"Execution": {"Input": {"values": ["charizard"]}}}',
      inspectionLevel: 'TRACE',
      mock: { result: '["CHARIZARD"]' },
    });
    expect(parsed(response).inspectionData).toEqual({
      input: ['fire'],
      afterInputPath: ['fire'],
      afterItemsPath: ['charizard'],
      maxConcurrency: 1,
      afterResultSelector: ['CHARIZARD'],
      afterResultPath: ['CHARIZARD'],
    });
  });
});

describe('testState: Parallel', () => {
  const PARALLEL = {
    Type: 'Parallel',
    InputPath: '$.parallelInput',
    ResultPath: '$.parallelResult',
    Branches: [
      { StartAt: 'B1', States: { B1: { Type: 'Pass', End: true } } },
      { StartAt: 'B2', States: { B2: { Type: 'Pass', End: true } } },
    ],
    End: true,
  };

  it('the mock is the array of branch outputs (test_io_parallel_state_mock_success[DEBUG])', async () => {
    const response = await run({
      definition: PARALLEL,
      input: '{"parallelInput": {"data": "x"}}',
      inspectionLevel: 'DEBUG',
      mock: { result: '[{"b": 1}, {"b": 2}]' },
    });
    const output = { parallelInput: { data: 'x' }, parallelResult: [{ b: 1 }, { b: 2 }] };
    expect(parsed(response)).toEqual({
      status: 'SUCCEEDED',
      output,
      inspectionData: {
        input: { parallelInput: { data: 'x' } },
        afterResultSelector: [{ b: 1 }, { b: 2 }],
        afterResultPath: output,
      },
    });
  });

  it('a JSONata Parallel shows only its input (test_io_jsonata_parallel_state_mock_success[TRACE])', async () => {
    const response = await run({
      definition: {
        Type: 'Parallel',
        Branches: PARALLEL.Branches,
        End: true,
        QueryLanguage: 'JSONata',
        Arguments: '{% $states.input.parallelInput %}',
        Output: { r: '{% $states.result %}' },
      },
      input: '{"parallelInput": {}}',
      inspectionLevel: 'TRACE',
      mock: { result: '[1, 2]' },
    });
    expect(parsed(response)).toEqual({
      status: 'SUCCEEDED',
      output: { r: [1, 2] },
      inspectionData: { input: { parallelInput: {} } },
    });
  });
});
