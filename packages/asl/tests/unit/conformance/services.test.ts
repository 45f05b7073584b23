import { describe, expect, it } from 'vitest';
import { caseInput } from '../../../conformance/inputs.ts';
import type { RecordedEvent } from '../../../conformance/load-cases.ts';
import { EmulatedAws } from '../../../conformance/services/aws.ts';
import {
  invokeResult,
  LambdaFunctions,
  lambdaBehaviour,
} from '../../../conformance/services/lambda.ts';
import { pythonJsonDumps, pythonStr } from '../../../conformance/services/python.ts';
import { ReplayBook, recordedCalls } from '../../../conformance/services/replay.ts';
import { responderAnswer } from '../../../conformance/services/responder.ts';
import { describeShape } from '../../../conformance/services/sfn.ts';
import type { TaskResource } from '../../../src/task-handler.ts';

const resource = (over: Partial<TaskResource> = {}): TaskResource => ({
  arn: 'arn:aws:states:::lambda:invoke',
  resourceType: 'lambda',
  resource: 'invoke',
  action: 'invoke',
  pattern: 'request-response',
  legacyLambda: false,
  activity: false,
  ...over,
});

const e = (id: number, previousEventId: number, type: string, details?: object): RecordedEvent =>
  ({ id, previousEventId, type, ...(details ?? {}) }) as RecordedEvent;

describe('replay', () => {
  const history = [
    e(1, 0, 'ExecutionStarted'),
    e(2, 1, 'TaskStateEntered', { stateEnteredEventDetails: { name: 'Invoke' } }),
    e(3, 2, 'TaskScheduled', {
      taskScheduledEventDetails: {
        resource: 'invoke',
        resourceType: 'lambda',
        parameters: { FunctionName: 'f' },
      },
    }),
    e(4, 3, 'TaskStarted'),
    e(5, 4, 'TaskFailed', {
      taskFailedEventDetails: { error: 'Exception', cause: { errorMessage: 'x' } },
    }),
    e(6, 5, 'TaskScheduled', {
      taskScheduledEventDetails: {
        resource: 'invoke',
        resourceType: 'lambda',
        parameters: { FunctionName: 'f' },
      },
    }),
    e(7, 6, 'TaskStarted'),
    e(8, 7, 'TaskSucceeded', { taskSucceededEventDetails: { output: '[1]' } }),
    e(9, 2, 'TaskScheduled', {
      taskScheduledEventDetails: { resource: 'sendMessage.waitForTaskToken', resourceType: 'sqs' },
    }),
    e(10, 9, 'TaskStarted'),
    e(11, 10, 'TaskSubmitted', {
      taskSubmittedEventDetails: { output: { MessageId: '<uuid:1>' } },
    }),
    e(12, 11, 'TaskTimedOut', { taskTimedOutEventDetails: { error: 'States.Timeout' } }),
  ];

  it('reads each attempt and its answer, in order, per state', () => {
    const calls = recordedCalls(history);
    expect(calls.map((call) => [call.stateName, call.outcome.kind])).toEqual([
      ['Invoke', 'fail'],
      ['Invoke', 'succeed'],
      ['Invoke', 'submit'],
    ]);
    expect(calls[0]?.outcome).toEqual({
      kind: 'fail',
      error: 'Exception',
      cause: '{"errorMessage":"x"}',
    });
    expect(calls[1]?.outcome).toEqual({ kind: 'succeed', output: [1] });
    expect(calls[2]?.outcome).toEqual({
      kind: 'submit',
      output: { MessageId: '<uuid:1>' },
      after: { kind: 'hang' },
    });
    const book = new ReplayBook(calls);
    const request = {
      stateName: 'Invoke',
      resource: resource(),
      parameters: { FunctionName: 'f' },
    };
    expect(book.take(request)).toMatchObject({ kind: 'recorded', outcome: { kind: 'fail' } });
    expect(book.take(request)).toMatchObject({ kind: 'recorded', outcome: { kind: 'succeed' } });
    expect(book.take(request).kind).toBe('exhausted');
  });

  it('writes recorded causes in Python json.dumps style when asked', () => {
    const calls = recordedCalls(history, pythonJsonDumps);
    expect(calls[0]?.outcome).toEqual({
      kind: 'fail',
      error: 'Exception',
      cause: '{"errorMessage": "x"}',
    });
  });
});

describe('lambda emulation', () => {
  it('understands the corpus descriptions', () => {
    expect(
      lambdaBehaviour('identity: returns its event unchanged (Python 3.12); function name f')?.({
        a: 1,
      }),
    ).toEqual({ kind: 'succeed', output: { a: 1 } });
    const raised = lambdaBehaviour(
      "raises a plain Python Exception('Some exception was raised.') -> function error, errorType 'Exception' (Python 3.12); function name f",
    )?.(null);
    expect(raised).toMatchObject({ kind: 'fail', error: 'Exception' });
    expect(JSON.parse((raised as { cause: string }).cause)).toMatchObject({
      errorMessage: 'Some exception was raised.',
      errorType: 'Exception',
    });
    expect(lambdaBehaviour('sleeps 60 seconds, then returns its event (Python 3.12)')?.(1)).toEqual(
      { kind: 'sleep', ms: 60000, after: { kind: 'succeed', output: 1 } },
    );
    expect(
      lambdaBehaviour('returns the Python bytes value b\'\\"HelloWorld!\\"\' (Python 3.12)')?.(
        null,
      ),
    ).toEqual({ kind: 'succeed', output: 'HelloWorld!' });
    const big = lambdaBehaviour("returns a 257 KiB string of 'a' characters (as UTF-8 bytes)")?.(
      null,
    );
    expect((big as { output: string }).output.length).toBe(257 * 1024);
    expect(
      lambdaBehaviour(
        "returns the string 'input-event-' followed by Python's str() of the event",
      )?.(['string-literal']),
    ).toEqual({ kind: 'succeed', output: "input-event-['string-literal']" });
    expect(
      lambdaBehaviour('returns the constant {"Return": "HelloWorld"} (Python 3.12)')?.(null),
    ).toEqual({ kind: 'succeed', output: { Return: 'HelloWorld' } });
    expect(
      lambdaBehaviour(
        "raises a user-defined exception class CustomException (its message attribute is 'CustomException message', no args) -> x",
      )?.(null),
    ).toMatchObject({ error: 'CustomException' });
  });

  it('finds functions by name or ARN and wraps lambda:invoke answers', () => {
    const lambdas = new LambdaFunctions({
      'arn:aws:lambda:us-east-1:111111111111:function:fn_u0001':
        'identity: returns its event unchanged',
    });
    expect(lambdas.invoke('fn_u0001', 1, 'Lambda.')).toEqual({ kind: 'succeed', output: 1 });
    expect(
      lambdas.invoke(
        'arn:aws:lambda:us-east-1:111111111111:function:fn_u0001:$LATEST',
        2,
        'Lambda.',
      ),
    ).toEqual({ kind: 'succeed', output: 2 });
    expect(lambdas.invoke('missing', 1, 'Lambda.')).toMatchObject({
      kind: 'fail',
      error: 'Lambda.ResourceNotFoundException',
    });
    expect(invokeResult({ kind: 'succeed', output: 1 })).toEqual({
      kind: 'succeed',
      output: { ExecutedVersion: '$LATEST', Payload: 1, StatusCode: 200 },
    });
  });

  it('prints Python values as str() does', () => {
    expect(pythonStr({ a: [true, null, 1.5, "it's"] })).toBe(`{'a': [True, None, 1.5, "it's"]}`);
  });
});

describe('service emulation', () => {
  it('answers SQS, SNS and DynamoDB calls', () => {
    const aws = new EmulatedAws(() => 'uuid-1');
    const sent = aws.call({
      resource: resource({
        arn: 'arn:aws:states:::sqs:sendMessage',
        resourceType: 'sqs',
        resource: 'sendMessage',
        action: 'sendMessage',
      }),
      parameters: { QueueUrl: 'q', MessageBody: { a: 1 } },
    });
    expect(sent).toEqual({
      kind: 'succeed',
      output: { MD5OfMessageBody: 'bb6cb5c68df4652941caf652a366f2d8', MessageId: 'uuid-1' },
    });
    expect(aws.queues.get('q')).toEqual(['{"a":1}']);
    const ddb = (action: string, parameters: object) =>
      aws.call({
        resource: resource({
          arn: `arn:aws:states:::dynamodb:${action}`,
          resourceType: 'dynamodb',
          resource: action,
          action,
        }),
        parameters: parameters as never,
      });
    expect(ddb('putItem', { TableName: 't', Item: { id: { S: '1' }, v: { S: 'x' } } })).toEqual({
      kind: 'succeed',
      output: {},
    });
    expect(ddb('getItem', { TableName: 't', Key: { id: { S: '1' } } })).toEqual({
      kind: 'succeed',
      output: { Item: { id: { S: '1' }, v: { S: 'x' } } },
    });
  });

  it('shapes DescribeExecution for .sync and .sync:2', () => {
    const result = {
      executionArn: 'e',
      name: 'n',
      stateMachineArn: 's',
      input: {},
      status: 'SUCCEEDED',
      output: { a: 1 },
    };
    expect(describeShape(result, false)).toMatchObject({
      Input: '{}',
      Output: '{"a":1}',
      RedriveStatus: 'NOT_REDRIVABLE',
    });
    expect(describeShape(result, true)).toMatchObject({ Input: {}, Output: { a: 1 } });
    expect(describeShape(result, true)).not.toHaveProperty('RedriveCount');
  });
});

describe('responder', () => {
  it('reads the token from the message and answers as described', () => {
    const params = { QueueUrl: 'q', MessageBody: { Message: 'hi', TaskToken: 't-1' } };
    expect(
      responderAnswer(
        {
          kind: 'sqs-worker',
          action: 'SendTaskHeartbeat then SendTaskSuccess',
          description: 'waits 5 seconds, calls SendTaskHeartbeat',
          output: 'JSON.stringify(JSON.parse(message.Body).Message)',
        },
        params,
      ),
    ).toEqual({
      token: 't-1',
      answer: { delayMs: 6000, heartbeats: 1, after: { kind: 'succeed', output: 'hi' } },
    });
    expect(
      responderAnswer(
        {
          kind: 'sqs-reader',
          action: '10 x SendTaskHeartbeat then SendTaskSuccess',
          output: 'message.Body',
        },
        params,
      ).answer,
    ).toEqual({
      delayMs: 0,
      heartbeats: 10,
      after: { kind: 'succeed', output: { Message: 'hi', TaskToken: 't-1' } },
    });
    expect(
      responderAnswer(
        { kind: 'sqs-worker', action: 'SendTaskFailure', error: 'E', cause: 'C' },
        params,
      ).answer.after,
    ).toEqual({ kind: 'fail', error: 'E', cause: 'C' });
    expect(responderAnswer({ kind: 'none' }, params).token).toBeUndefined();
  });
});

describe('inputs', () => {
  it('uses {} for a missing input and computes dynamic inputs from the clock', () => {
    expect(caseInput({ input: null }, 0).input).toEqual({});
    const { input } = caseInput(
      {
        input: { start_at: 'x' },
        dynamicInput: [
          { path: '$.start_at', rule: "now (UTC) formatted %Y-%m-%dT%H:%M:%S followed by '.00Z'" },
        ],
      },
      Date.parse('2024-01-01T00:00:00Z'),
    );
    expect(input).toEqual({ start_at: '2024-01-01T00:00:00.00Z' });
  });
});
