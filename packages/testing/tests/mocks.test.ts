import { describe, expect, it } from 'vitest';
import '../src/vitest.ts';
import { StateMachineTestError, StatesError, TestMachine } from '../src/index.ts';

const orders = TestMachine.fromDefinition(
  {
    StartAt: 'Reserve',
    States: {
      Reserve: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: 'reserve', 'Payload.$': '$' },
        ResultSelector: { 'reserved.$': '$.Payload.reserved' },
        ResultPath: '$.reservation',
        Retry: [
          { ErrorEquals: ['Lambda.TooManyRequestsException'], IntervalSeconds: 60, MaxAttempts: 3 },
        ],
        Catch: [{ ErrorEquals: ['OutOfStock'], ResultPath: '$.error', Next: 'Sorry' }],
        Next: 'Notify',
      },
      Notify: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sns:publish',
        Parameters: { TopicArn: 'arn:aws:sns:us-east-1:123456789012:orders', 'Message.$': '$' },
        ResultPath: null,
        End: true,
      },
      Sorry: { Type: 'Pass', Result: 'sorry', End: true },
    },
  },
  { name: 'Orders', resources: { 'sns:publish': { result: { MessageId: 'm-1' } } } },
);

describe('mocks by state name', () => {
  it('a value is the result of every invocation', async () => {
    const execution = await orders.run(
      { id: 1 },
      { mocks: { Reserve: { result: { StatusCode: 200, Payload: { reserved: true } } } } },
    );
    expect(execution).toHaveSucceeded({ id: 1, reservation: { reserved: true } });
    expect(execution.state('Reserve').output).toEqual({ id: 1, reservation: { reserved: true } });
    expect(execution.state('Notify').input).toEqual({ id: 1, reservation: { reserved: true } });
  });

  it('an error fails the attempt; the Catch takes it', async () => {
    const execution = await orders.run(
      {},
      { mocks: { Reserve: { error: 'OutOfStock', cause: 'none left' } } },
    );
    expect(execution).toHaveSucceeded('sorry');
    expect(execution).toHaveTakenPath(['Reserve', 'Sorry']);
    expect(execution.state('Sorry').input).toEqual({
      error: { Error: 'OutOfStock', Cause: 'none left' },
    });
  });

  it('a sequence answers one invocation each, retries included, on virtual time', async () => {
    const throttled = { error: 'Lambda.TooManyRequestsException', cause: 'slow down' };
    const execution = await orders.run(
      {},
      {
        startTime: 0,
        mocks: {
          Reserve: [throttled, throttled, { result: { Payload: { reserved: 'third time' } } }],
        },
      },
    );
    expect(execution).toHaveSucceeded({ reservation: { reserved: 'third time' } });
    expect(execution.state('Reserve').attempts).toBe(3);
    expect(execution.state('Reserve').errors.map((e) => e.error)).toEqual([
      'Lambda.TooManyRequestsException',
      'Lambda.TooManyRequestsException',
    ]);
    // 60 s, then 120 s (BackoffRate 2.0 by default): no real wait
    expect(execution.now.getTime()).toBe(180_000);
  });

  it('a sequence that runs out stops the test, saying so', async () => {
    const execution = orders.start(
      {},
      { mocks: { Reserve: [{ error: 'Lambda.TooManyRequestsException' }] } },
    );
    await expect(execution.finished()).rejects.toThrow(
      /answers 1 invocation\(s\), and the state ran a 2nd time/,
    );
  });

  it('a function of the request: parameters and attempt in, a result or a StatesError out', async () => {
    const seen: unknown[] = [];
    const execution = await orders.run(
      { sku: 'A' },
      {
        mocks: {
          Reserve: async (request) => {
            seen.push(request.parameters);
            if (request.attempt === 1)
              throw new StatesError('Lambda.TooManyRequestsException', 'busy');
            return { Payload: { reserved: request.attempt } };
          },
        },
      },
    );
    expect(seen).toEqual([
      { FunctionName: 'reserve', Payload: { sku: 'A' } },
      { FunctionName: 'reserve', Payload: { sku: 'A' } },
    ]);
    expect(execution).toHaveSucceeded({ sku: 'A', reservation: { reserved: 2 } });
  });

  it('a mock for a state that does not exist names the states that do', () => {
    expect(() => orders.start({}, { mocks: { Reserv: { result: {} } } })).toThrow(
      'a mock names the state "Reserv", which state machine "Orders" does not have; its Task states: "Reserve", "Notify"',
    );
    expect(() => orders.start({}, { mocks: { Sorry: { result: {} } } })).toThrow(
      /a Pass state: only Task states/,
    );
  });

  it('a mock by a resource no Task calls names the resources there are', () => {
    expect(() => orders.start({}, { resources: { 'lamda:invoke': { result: {} } } })).toThrow(
      'a mock by resource names "lamda:invoke", which no Task of state machine "Orders" calls; its Tasks call: "arn:aws:states:::lambda:invoke", "lambda:invoke", "arn:aws:states:::sns:publish", "sns:publish"',
    );
  });

  it('a Task nobody mocks stops the test with how to mock it', async () => {
    const bare = TestMachine.fromDefinition(orders.definition);
    const execution = bare.start({});
    const failure = execution.finished();
    await expect(failure).rejects.toThrow(StateMachineTestError);
    await expect(failure).rejects.toThrow(
      /state "Reserve" calls arn:aws:states:::lambda:invoke and no mock answers it: add mocks: \{ "Reserve": \{ result: … \} \} or resources: \{ "lambda:invoke": … \}/,
    );
  });
});

describe('mocked results checked against the API response shape (TestState STRICT / PRESENT)', () => {
  it('refuses a field of the wrong type, as TestState does', async () => {
    const execution = orders.start({}, { mocks: { Reserve: { result: { StatusCode: 'OK' } } } });
    await expect(execution.finished()).rejects.toThrow(
      /the mocked result of state "Reserve" is not what lambda:invoke answers \(STRICT\): .*StatusCode/,
    );
  });

  it('checks nothing with NONE', async () => {
    const execution = await orders.run(
      {},
      {
        validation: 'NONE',
        mocks: { Reserve: { result: { StatusCode: 'OK', Payload: { reserved: 1 } } } },
      },
    );
    expect(execution).toHaveSucceeded();
  });
});
