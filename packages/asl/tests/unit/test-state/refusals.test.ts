import { describe, expect, it } from 'vitest';
import type { TestStateRequest } from '../../../src/index.js';
import { ROLE, refusal } from './helpers.js';

const LAMBDA_SERVICE = {
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { 'FunctionName.$': '$.FunctionName', 'Payload.$': '$.Payload' },
  End: true,
};
const MAP = {
  Type: 'Map',
  QueryLanguage: 'JSONata',
  Items: '{% $states.input.Values %}',
  ItemProcessor: { StartAt: 'TestState', States: { TestState: { Type: 'Pass', End: true } } },
  End: true,
};
const PARALLEL = {
  Type: 'Parallel',
  Branches: [
    { StartAt: 'B1', States: { B1: { Type: 'Pass', End: true } } },
    { StartAt: 'B2', States: { B2: { Type: 'Pass', End: true } } },
  ],
  End: true,
};
const STARTEXECUTION = {
  Type: 'Task',
  QueryLanguage: 'JSONata',
  Resource: 'arn:aws:states:::states:startExecution',
  Arguments: { StateMachineArn: 'arn' },
  End: true,
};
const MOCK = { result: '{"ExecutionArn": "exec_arn"}' };

const CASES: ReadonlyArray<[string, TestStateRequest, string, string]> = [
  [
    'test_both_mock_result_and_mock_error_output_are_set',
    { definition: LAMBDA_SERVICE, mock: { result: '{}', errorOutput: { error: 'E', cause: 'C' } } },
    'ValidationException',
    'A test mock should have only one of the following fields: [result, errorOutput].',
  ],
  [
    'test_reveal_secrets_is_true_and_mock_result_is_set',
    { definition: LAMBDA_SERVICE, mock: { result: '{}' }, revealSecrets: true },
    'ValidationException',
    'TestState does not support RevealSecrets when a mock is specified.',
  ],
  [
    'test_state_type_does_not_accept_mock[mock_result-PassState]',
    { definition: { Type: 'Pass', End: true }, mock: { result: '{}' } },
    'ValidationException',
    "State type 'Pass' is not supported when a mock is specified",
  ],
  [
    'test_state_type_requires_mock[MapState]',
    { definition: MAP },
    'InvalidDefinition',
    'TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]',
  ],
  [
    'test_state_type_requires_mock[ParallelState]',
    { definition: PARALLEL },
    'InvalidDefinition',
    'TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]',
  ],
  [
    'test_map_iteration_failure_count_without_mock',
    { definition: MAP, roleArn: ROLE, stateConfiguration: { mapIterationFailureCount: 0 } },
    'ValidationException',
    'TestState does not support MapIterationFailureCount when a mock is not specified.',
  ],
  [
    'test_base_lambda_service_task_state_no_role_arn_validation',
    { definition: LAMBDA_SERVICE, input: '{"FunctionName": "f"}' },
    'ValidationException',
    'RoleArn must be specified when testing a Task state',
  ],
  [
    'test_mock_result_is_not_array_on_parallel_state',
    { definition: PARALLEL, mock: { result: '{"mock": "object"}' } },
    'ValidationException',
    'Mocked result must be an array.',
  ],
  [
    'test_mock_result_array_size_mismatch_on_parallel_state',
    { definition: PARALLEL, mock: { result: '[{}]' } },
    'ValidationException',
    'Mocked result must contain the same number of items as number of Parallel branches.',
  ],
  [
    'test_state_context_object_validation_failures[INVALID_FIELD]',
    { definition: STARTEXECUTION, context: '{"Pokedex": {}}', mock: MOCK },
    'ValidationException',
    "Invalid Context object provided: Field 'Pokedex' is not allowed",
  ],
  [
    'test_state_context_object_validation_failures[INVALID_EXECUTION_FIELD]',
    { definition: STARTEXECUTION, context: '{"Execution": {"pokemon": "squirtle"}}', mock: MOCK },
    'ValidationException',
    "Invalid Context object provided: Field 'pokemon' is not allowed",
  ],
  [
    'test_state_context_object_validation_failures[INVALID_EXECUTION_ID_TYPE]',
    { definition: STARTEXECUTION, context: '{"Execution": {"Id": 1}}', mock: MOCK },
    'ValidationException',
    'Invalid Context object provided: Execution.Id must be a string',
  ],
  [
    'test_state_context_object_validation_failures[INVALID_MAP]',
    { definition: STARTEXECUTION, context: '{"Map": {}}', mock: MOCK },
    'ValidationException',
    "Invalid Context object provided: 'Map' field is not supported when mocking a Context object",
  ],
  [
    'test_state_context_object_invalid_states[TOKEN_TASK_NOT_SYNC]',
    { definition: LAMBDA_SERVICE, context: '{"Task": {"Token": "abcd123"}}', mock: MOCK },
    'ValidationException',
    "Invalid Context object provided: Context object contains 'Task' when state is not a Task state with a '.sync' or '.waitForTaskToken' service integration pattern",
  ],
  [
    'test_state_context_object_invalid_states[INVALID_STATE_PASS] (the mock is refused first)',
    { definition: { Type: 'Pass', InputPath: '$$', End: true }, context: '{}', mock: MOCK },
    'ValidationException',
    "State type 'Pass' is not supported when a mock is specified",
  ],
  [
    'test_strict_mode_aws_sdk_lambda_get_function_task[integer_less_than_minimum_allowed]',
    {
      definition: { ...LAMBDA_SERVICE, Resource: 'arn:aws:states:::aws-sdk:lambda:getFunction' },
      mock: { result: '{"Configuration": {"MemorySize": 127}}' },
    },
    'ValidationException',
    "Mock result schema validation error: Field 'MemorySize' is less than the minimum value",
  ],
  [
    'test_strict_mode_aws_sdk_lambda_get_function_task[integer_more_than_maximum_allowed]',
    {
      definition: { ...LAMBDA_SERVICE, Resource: 'arn:aws:states:::aws-sdk:lambda:getFunction' },
      mock: { result: '{"Configuration": {"MemorySize": 10241}}', fieldValidationMode: 'STRICT' },
    },
    'ValidationException',
    "Mock result schema validation error: Field 'MemorySize' exceeds the maximum value",
  ],
  [
    'test_present_mode_dynamodb_task[wrong_float_type_string]',
    {
      definition: { ...LAMBDA_SERVICE, Resource: 'arn:aws:states:::dynamodb:putItem' },
      mock: {
        result: '{"ConsumedCapacity": {"CapacityUnits": "123.45"}}',
        fieldValidationMode: 'PRESENT',
      },
    },
    'ValidationException',
    "Mock result schema validation error: Field 'CapacityUnits' must be a number",
  ],
];

describe('testState: refused requests', () => {
  for (const [id, request, code, message] of CASES) {
    it(id, async () => {
      expect(await refusal(request)).toEqual({ code, message });
    });
  }

  it('the error is a TestStateRequestError with a stable name', async () => {
    const { TestStateRequestError, testState } = await import('../../../src/index.js');
    const error = await testState({ definition: PARALLEL }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TestStateRequestError);
    expect((error as Error).name).toBe('TestStateRequestError');
  });

  it('refuses a definition that is not JSON with InvalidDefinition', async () => {
    expect((await refusal({ definition: '{not json' })).code).toBe('InvalidDefinition');
  });

  it('a mocked error of a Map needs errorCausedByState', async () => {
    expect(
      (await refusal({ definition: MAP, mock: { errorOutput: { error: 'E', cause: 'C' } } })).code,
    ).toBe('ValidationException');
  });

  it('.waitForTaskToken needs a mock', async () => {
    const request = {
      definition: {
        ...LAMBDA_SERVICE,
        Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      },
      roleArn: ROLE,
    };
    expect((await refusal(request)).code).toBe('ValidationException');
  });
});
