import { describe, expect, it } from 'vitest';
import { parsed, ROLE, run } from './helpers.js';

const IO_PASS = {
  Type: 'Pass',
  InputPath: '$.initialData',
  Parameters: { staticValue: 'some value', 'inputValue.$': '$.fieldFromInput' },
  ResultPath: '$.modifiedData',
  End: true,
};
const IO_INPUT = {
  initialData: { fieldFromInput: 'value from input', otherField: 'other' },
  unrelatedData: { someOtherField: 1234 },
};

describe('testState: Pass, Choice, Succeed, Fail, Wait', () => {
  it('INFO shows status and output only (test_base_inspection_level_info[IO_PASS_STATE])', async () => {
    const response = await run({
      definition: JSON.stringify(IO_PASS),
      input: JSON.stringify(IO_INPUT),
      inspectionLevel: 'INFO',
      roleArn: ROLE,
    });
    expect(parsed(response)).toEqual({
      status: 'SUCCEEDED',
      output: {
        ...IO_INPUT,
        modifiedData: { staticValue: 'some value', inputValue: 'value from input' },
      },
    });
  });

  it('DEBUG shows a JSONPath Pass data flow (test_base_inspection_level_debug[IO_PASS_STATE])', async () => {
    const response = await run({
      definition: IO_PASS,
      input: JSON.stringify(IO_INPUT),
      inspectionLevel: 'DEBUG',
    });
    const parameters = { staticValue: 'some value', inputValue: 'value from input' };
    expect(parsed(response).inspectionData).toEqual({
      input: IO_INPUT,
      afterInputPath: IO_INPUT.initialData,
      afterParameters: parameters,
      afterResultSelector: parameters,
      afterResultPath: { ...IO_INPUT, modifiedData: parameters },
    });
  });

  it('a Pass with Result shows it as result, without input path or parameters (test_base_inspection_level_debug[IO_RESULT_PASS_STATE])', async () => {
    const response = await run({
      definition: { ...IO_PASS, Result: { resultKey: 'result value' } },
      input: JSON.stringify(IO_INPUT),
      inspectionLevel: 'TRACE',
    });
    expect(parsed(response).inspectionData).toEqual({
      input: IO_INPUT,
      result: { resultKey: 'result value' },
      afterResultSelector: { resultKey: 'result value' },
      afterResultPath: { ...IO_INPUT, modifiedData: { resultKey: 'result value' } },
    });
  });

  it('a Choice names the next state (test_base_inspection_level_debug[BASE_CHOICE_STATE])', async () => {
    const response = await run({
      definition: {
        Type: 'Choice',
        Choices: [
          { Not: { Variable: '$.type', StringEquals: 'Private' }, Next: 'Public' },
          {
            And: [
              { Variable: '$.value', NumericGreaterThanEquals: 20 },
              { Variable: '$.value', NumericLessThan: 30 },
            ],
            Next: 'ValueInTwenties',
          },
        ],
        Default: 'DefaultState',
      },
      input: '{"type": "Private", "value": 22}',
      inspectionLevel: 'DEBUG',
    });
    expect(parsed(response)).toEqual({
      status: 'SUCCEEDED',
      nextState: 'ValueInTwenties',
      output: { type: 'Private', value: 22 },
      inspectionData: {
        input: { type: 'Private', value: 22 },
        afterInputPath: { type: 'Private', value: 22 },
      },
    });
  });

  it('a Fail state fails with its error and cause (test_base_inspection_level_debug[BASE_FAIL_STATE])', async () => {
    const response = await run({
      definition: { Type: 'Fail', Error: 'SomeFailure', Cause: 'because' },
      input: '{"Value": "HelloWorld"}',
      inspectionLevel: 'DEBUG',
    });
    expect(parsed(response)).toEqual({
      status: 'FAILED',
      error: 'SomeFailure',
      cause: 'because',
      inspectionData: { input: { Value: 'HelloWorld' }, afterInputPath: { Value: 'HelloWorld' } },
    });
  });

  it('a Succeed state passes its input on (test_base_inspection_level_info[BASE_SUCCEED_STATE])', async () => {
    const response = await run({ definition: { Type: 'Succeed' }, input: '{"a": 1}' });
    expect(response).toEqual({ status: 'SUCCEEDED', output: '{"a":1}' });
  });

  it('a Wait state does not wait, even on the system clock', async () => {
    const began = Date.now();
    const response = await run(
      { definition: { Type: 'Wait', Seconds: 3600, Next: 'After' }, input: '{}' },
      { clock: undefined },
    );
    expect(response).toEqual({ status: 'SUCCEEDED', output: '{}', nextState: 'After' });
    expect(Date.now() - began).toBeLessThan(1000);
  });

  it('the default input is {} (test_state_wait_task_context_object)', async () => {
    expect(await run({ definition: { Type: 'Pass', End: true } })).toEqual({
      status: 'SUCCEEDED',
      output: '{}',
    });
  });

  it('a JSONata state shows only its input (test_state_with_variables[empty_variables])', async () => {
    const response = await run({
      definition: {
        StartAt: 'State0',
        States: {
          State0: { QueryLanguage: 'JSONata', Type: 'Pass', Output: { a: '{% $x %}' }, End: true },
        },
      },
      stateName: 'State0',
      input: '{"input_values": [1, 2, 3]}',
      variables: '{"x": 7}',
      inspectionLevel: 'TRACE',
    });
    expect(parsed(response)).toEqual({
      status: 'SUCCEEDED',
      output: { a: 7 },
      inspectionData: { input: { input_values: [1, 2, 3] }, variables: { x: 7 } },
    });
  });

  it('shows the variables after the state has assigned them', async () => {
    const response = await run({
      definition: {
        Type: 'Pass',
        QueryLanguage: 'JSONata',
        Assign: { y: '{% $x + 1 %}' },
        End: true,
      },
      variables: '{"x": 1}',
      inspectionLevel: 'DEBUG',
    });
    expect(parsed(response).inspectionData).toEqual({ input: {}, variables: { x: 1, y: 2 } });
  });
});
