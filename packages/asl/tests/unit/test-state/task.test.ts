import { describe, expect, it } from 'vitest';
import type { TaskRequest } from '../../../src/index.js';
import { parsed, ROLE, run } from './helpers.js';

const LAMBDA_SERVICE = {
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { 'FunctionName.$': '$.FunctionName', 'Payload.$': '$.Payload' },
  End: true,
};

const RETRY_TASK = {
  QueryLanguage: 'JSONata',
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Arguments: { FunctionName: 'foo', Payload: 'bar' },
  Retry: [{ ErrorEquals: ['MockException'], IntervalSeconds: 1, MaxAttempts: 5, BackoffRate: 2.0 }],
  End: true,
};

const CATCH_TASK = {
  QueryLanguage: 'JSONata',
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Arguments: { FunctionName: 'foo', Payload: 'bar' },
  Catch: [
    { ErrorEquals: ['MockException'], Output: '{% $states %}', Next: 'HandleMockError' },
    {
      ErrorEquals: ['States.TaskFailed'],
      Output: '{% $states.errorOutput %}',
      Next: 'HandleThreshold',
    },
  ],
  End: true,
};

const MOCK_ERROR = {
  errorOutput: { error: 'MockException', cause: 'Mock the cause of the error.' },
};

describe('testState: Task', () => {
  it('a mock replaces the service call (test_base_lambda_service_task_mock_success)', async () => {
    let called = false;
    const response = await run(
      {
        definition: LAMBDA_SERVICE,
        input: '{"FunctionName": "f", "Payload": null}',
        mock: { result: '{"Payload": "function output"}' },
      },
      {
        tasks: async () => {
          called = true;
          return null;
        },
      },
    );
    expect(response).toEqual({ status: 'SUCCEEDED', output: '{"Payload":"function output"}' });
    expect(called).toBe(false);
  });

  it('without a mock, calls the task handler and shows the data flow (test_base_lambda_task_state[DEBUG])', async () => {
    const requests: TaskRequest[] = [];
    const response = await run(
      {
        definition: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:111111111111:function:f',
          End: true,
        },
        input: '{"inputData": "HelloWorld"}',
        inspectionLevel: 'DEBUG',
        roleArn: ROLE,
      },
      {
        tasks: async (request) => {
          requests.push(request);
          return 'HelloWorld!';
        },
      },
    );
    expect(requests.map((request) => request.parameters)).toEqual([{ inputData: 'HelloWorld' }]);
    expect(parsed(response)).toEqual({
      status: 'SUCCEEDED',
      output: 'HelloWorld!',
      inspectionData: {
        input: { inputData: 'HelloWorld' },
        afterInputPath: { inputData: 'HelloWorld' },
        afterParameters: { inputData: 'HelloWorld' },
        result: 'HelloWorld!',
        afterResultSelector: 'HelloWorld!',
        afterResultPath: 'HelloWorld!',
      },
    });
  });

  it('a retriable error gives RETRIABLE with the next backoff (test_state_configuration_retrier_retry_count[DEBUG]#below_tolerated_retry_count_with_backoff)', async () => {
    const response = await run({
      definition: RETRY_TASK,
      input: '{"Values": ["first"]}',
      stateConfiguration: { retrierRetryCount: 4 },
      inspectionLevel: 'DEBUG',
      roleArn: ROLE,
      mock: MOCK_ERROR,
    });
    expect(parsed(response)).toEqual({
      status: 'RETRIABLE',
      error: 'MockException',
      cause: 'Mock the cause of the error.',
      inspectionData: {
        input: { Values: ['first'] },
        afterArguments: { FunctionName: 'foo', Payload: 'bar' },
        errorDetails: { retryIndex: 0, retryBackoffIntervalSeconds: 16 },
      },
    });
  });

  it('a retrier without attempts left fails, still naming it (test_state_configuration_retrier_retry_count[TRACE]#exceeds_tolerated_retry_count)', async () => {
    const response = await run({
      definition: RETRY_TASK,
      stateConfiguration: { retrierRetryCount: 5 },
      inspectionLevel: 'TRACE',
      mock: MOCK_ERROR,
    });
    expect(response.status).toBe('FAILED');
    expect(response.inspectionData?.errorDetails).toEqual({ retryIndex: 0 });
  });

  it('a caught error gives CAUGHT_ERROR, the catcher output and Next (test_state_task_catch_error[DEBUG]#test_catch_mock_exception_response)', async () => {
    const response = await run({
      definition: CATCH_TASK,
      input: '{"Value": "HelloWorld"}',
      inspectionLevel: 'DEBUG',
      roleArn: ROLE,
      mock: MOCK_ERROR,
    });
    const result = parsed(response);
    expect(result.status).toBe('CAUGHT_ERROR');
    expect(result.nextState).toBe('HandleMockError');
    expect(result.error).toBe('MockException');
    expect(result.inspectionData).toEqual({
      input: { Value: 'HelloWorld' },
      afterArguments: { FunctionName: 'foo', Payload: 'bar' },
      errorDetails: { catchIndex: 0 },
    });
    // The default context object: an express execution, no RedriveCount, State.Name "StateName".
    const output = result.output as { context: Record<string, Record<string, unknown>> };
    expect(output.context.Execution).toEqual({
      Id: expect.stringMatching(/^arn:aws:states:us-east-1:111111111111:express:[^:]+:[^:]+$/),
      Input: { Value: 'HelloWorld' },
      Name: expect.any(String),
      RoleArn: ROLE,
      StartTime: '2025-01-15T10:30:00.000Z',
    });
    expect(output.context.State).toEqual({
      Name: 'StateName',
      EnteredTime: '2025-01-15T10:30:00.000Z',
      RetryCount: 0,
    });
  });

  it('States.TaskFailed catches a mocked error (test_state_task_catch_error[TRACE]#catch_task_failed_response)', async () => {
    const response = await run({
      definition: CATCH_TASK,
      inspectionLevel: 'TRACE',
      mock: { errorOutput: { error: 'States.TaskFailed', cause: 'The task failed.' } },
    });
    expect(response.status).toBe('CAUGHT_ERROR');
    expect(response.nextState).toBe('HandleThreshold');
    expect(response.inspectionData?.errorDetails).toEqual({ catchIndex: 1 });
    expect(JSON.parse(response.output ?? '')).toEqual({
      Error: 'States.TaskFailed',
      Cause: 'The task failed.',
    });
  });

  it('a mocked context object is $$ as given, its token included (test_state_wait_task_context_object)', async () => {
    const context = {
      Execution: { Id: 'arn:aws:states:::execution:M:e', Name: 'e' },
      Task: { Token: 'abcd123' },
    };
    const response = await run({
      definition: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
        Parameters: {
          QueueUrl: 'q',
          MessageBody: { 'TaskToken.$': '$$.Task.Token', 'All.$': '$$' },
        },
        ResultPath: '$.SQS',
        Next: 'NEXT_STATE',
      },
      inspectionLevel: 'TRACE',
      context: JSON.stringify(context),
      mock: { result: '{"ok": true}' },
    });
    expect(parsed(response)).toMatchObject({
      status: 'SUCCEEDED',
      nextState: 'NEXT_STATE',
      output: { SQS: { ok: true } },
      inspectionData: {
        afterParameters: { QueueUrl: 'q', MessageBody: { TaskToken: 'abcd123', All: context } },
      },
    });
  });

  it('an empty mocked context object is {} (test_state_context_object_edge_cases[EMPTY])', async () => {
    const response = await run({
      definition: { ...LAMBDA_SERVICE, ResultSelector: { 'ContextObjectValue.$': '$$' } },
      input: '{"FunctionName": "f", "Payload": {}}',
      context: '{}',
      mock: { result: '{}' },
    });
    expect(JSON.parse(response.output ?? '')).toEqual({ ContextObjectValue: {} });
  });

  it('fieldValidationMode NONE skips the mock schema check (test_strict_mode_aws_sdk_lambda_get_function_task)', async () => {
    const response = await run({
      definition: {
        Type: 'Task',
        Resource: 'arn:aws:states:::aws-sdk:lambda:getFunction',
        Parameters: { FunctionName: 'f' },
        End: true,
      },
      mock: { result: '{"Configuration": {"MemorySize": 127}}', fieldValidationMode: 'NONE' },
    });
    expect(response.status).toBe('SUCCEEDED');
  });
});
