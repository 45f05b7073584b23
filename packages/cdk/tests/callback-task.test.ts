import { CALLBACK_MESSAGE_JSONATA, CALLBACK_MESSAGE_JSONPATH } from '@sfn-callback/task-token';
import { Duration, type Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { describe, expect, test } from 'vitest';
import {
  CallbackTask,
  type CallbackTaskProps,
  DEFAULT_HEARTBEAT,
  DEFAULT_TASK_TIMEOUT,
  FifoQueueError,
  HeartbeatNotBelowTimeoutError,
  InvalidTaskTimeoutError,
} from '../src/index.js';
import {
  definitionOf,
  policyStatements,
  statesOf,
  templateOf,
  testStack,
  thrown,
} from './helpers.js';

/** Synthesizes a state machine made of one callback task, and returns its state. */
function synthTask(
  props: Partial<CallbackTaskProps> = {},
  configure: (stack: Stack) => Partial<CallbackTaskProps> = () => ({}),
) {
  const stack = testStack();
  const queue = new sqs.Queue(stack, 'Queue');
  const task = new CallbackTask(stack, 'Callback', { queue, ...configure(stack), ...props });
  new sfn.StateMachine(stack, 'Machine', {
    queryLanguage: props.queryLanguage,
    definitionBody: sfn.DefinitionBody.fromChainable(task),
  });
  const template = templateOf(stack);
  const definition = definitionOf(template);
  return { task, template, definition, state: statesOf(definition).Callback ?? {} };
}

describe('CallbackTask defaults', () => {
  test('sends the shared JSONPath envelope with .waitForTaskToken', () => {
    const { state } = synthTask();
    expect(state.Type).toBe('Task');
    expect(state.Resource).toBe('arn:aws:states:::sqs:sendMessage.waitForTaskToken');
    expect(state.Parameters).toEqual({
      QueueUrl: 'ref:Queue4A7E3555',
      MessageBody: CALLBACK_MESSAGE_JSONPATH,
    });
  });

  test('the envelope names the execution and the state, from the context object', () => {
    const { state } = synthTask();
    expect((state.Parameters as { MessageBody: unknown }).MessageBody).toEqual({
      'TaskToken.$': '$$.Task.Token',
      'Input.$': '$',
      'ExecutionArn.$': '$$.Execution.Id',
      'StateName.$': '$$.State.Name',
    });
    const jsonata = synthTask({ queryLanguage: sfn.QueryLanguage.JSONATA }).state;
    expect((jsonata.Arguments as { MessageBody: unknown }).MessageBody).toMatchObject({
      ExecutionArn: '{% $states.context.Execution.Id %}',
      StateName: '{% $states.context.State.Name %}',
    });
  });

  test('sets TimeoutSeconds 900 and HeartbeatSeconds 300, heartbeat below timeout', () => {
    const { state, task } = synthTask();
    expect(state.TimeoutSeconds).toBe(DEFAULT_TASK_TIMEOUT.toSeconds());
    expect(state.HeartbeatSeconds).toBe(DEFAULT_HEARTBEAT.toSeconds());
    expect([state.TimeoutSeconds, state.HeartbeatSeconds]).toEqual([900, 300]);
    expect(task.timeoutDuration.toSeconds()).toBe(900);
    expect(task.heartbeatDuration.toSeconds()).toBe(300);
    expect(task.callbackQueryLanguage).toBe(sfn.QueryLanguage.JSON_PATH);
  });

  test('grants the state machine sqs:SendMessage on the queue only', () => {
    const { template } = synthTask();
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Action: 'sqs:SendMessage',
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': ['Queue4A7E3555', 'Arn'] },
          },
        ],
      },
    });
  });
});

describe('CallbackTask props', () => {
  test('JSONata: sends the shared JSONata envelope in Arguments', () => {
    const { state, definition, task } = synthTask({ queryLanguage: sfn.QueryLanguage.JSONATA });
    expect(definition.QueryLanguage).toBe('JSONata');
    expect(state.Arguments).toEqual({
      QueueUrl: 'ref:Queue4A7E3555',
      MessageBody: CALLBACK_MESSAGE_JSONATA,
    });
    expect(state.Parameters).toBeUndefined();
    expect(state.TimeoutSeconds).toBe(900);
    expect(state.HeartbeatSeconds).toBe(300);
    expect(task.callbackQueryLanguage).toBe(sfn.QueryLanguage.JSONATA);
  });

  test('the jsonata() and jsonPath() factories build callback tasks', () => {
    const stack = testStack();
    const queue = new sqs.Queue(stack, 'Queue');
    const jsonata = CallbackTask.jsonata(stack, 'A', { queue, timeout: Duration.minutes(30) });
    const jsonPath = CallbackTask.jsonPath(stack, 'B', { queue });
    expect(jsonata).toBeInstanceOf(CallbackTask);
    expect(jsonata.callbackQueryLanguage).toBe(sfn.QueryLanguage.JSONATA);
    expect(jsonata.timeoutDuration.toMinutes()).toBe(30);
    expect(jsonPath.callbackQueryLanguage).toBe(sfn.QueryLanguage.JSON_PATH);
    const states = stack.resolve(jsonata.toStateJson());
    expect(states.Arguments.MessageBody).toEqual(CALLBACK_MESSAGE_JSONATA);
  });

  test('JSONata state in a JSONPath state machine says so', () => {
    const stack = testStack();
    const queue = new sqs.Queue(stack, 'Queue');
    const task = new CallbackTask(stack, 'Callback', {
      queue,
      queryLanguage: sfn.QueryLanguage.JSONATA,
    });
    new sfn.StateMachine(stack, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(task),
    });
    const state = statesOf(definitionOf(templateOf(stack))).Callback;
    expect(state?.QueryLanguage).toBe('JSONata');
  });

  test('timeout and heartbeat', () => {
    const { state } = synthTask({ timeout: Duration.hours(2), heartbeat: Duration.minutes(10) });
    expect(state.TimeoutSeconds).toBe(7200);
    expect(state.HeartbeatSeconds).toBe(600);
  });

  test('messageGroupId, messageDeduplicationId and delay', () => {
    const { state } = synthTask({
      messageGroupId: 'group',
      messageDeduplicationId: 'dedup',
      delay: Duration.seconds(5),
    });
    expect(state.Parameters).toMatchObject({
      MessageGroupId: 'group',
      MessageDeduplicationId: 'dedup',
      DelaySeconds: 5,
    });
  });

  test('state options pass through: comment, stateName, resultPath, outputPath', () => {
    const { definition } = synthTask({
      comment: 'waits for the worker',
      stateName: 'Wait For Worker',
      resultPath: '$.callback',
      outputPath: '$.callback',
    });
    const state = statesOf(definition)['Wait For Worker'];
    expect(state).toMatchObject({
      Comment: 'waits for the worker',
      ResultPath: '$.callback',
      OutputPath: '$.callback',
    });
  });

  test('JSONPath data flow options: inputPath, resultSelector, assign', () => {
    const { state } = synthTask({
      inputPath: '$.order',
      resultSelector: { 'approved.$': '$.approved' },
      assign: { attempt: 1 },
    });
    expect(state).toMatchObject({
      InputPath: '$.order',
      ResultSelector: { 'approved.$': '$.approved' },
      Assign: { attempt: 1 },
    });
  });

  test('JSONata data flow options: outputs, assign', () => {
    const { state } = synthTask({
      queryLanguage: sfn.QueryLanguage.JSONATA,
      outputs: '{% $states.result.approved %}',
      assign: { approved: '{% $states.result.approved %}' },
    });
    expect(state).toMatchObject({
      Output: '{% $states.result.approved %}',
      Assign: { approved: '{% $states.result.approved %}' },
    });
  });

  test('is chainable and catches', () => {
    const stack = testStack();
    const queue = new sqs.Queue(stack, 'Queue');
    const task = new CallbackTask(stack, 'Callback', { queue });
    const failed = new sfn.Fail(stack, 'Failed');
    task.addCatch(failed, { errors: [sfn.Errors.ALL] });
    new sfn.StateMachine(stack, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(task.next(new sfn.Succeed(stack, 'Done'))),
    });
    const states = statesOf(definitionOf(templateOf(stack)));
    expect(states.Callback?.Next).toBe('Done');
    expect(states.Callback?.Catch).toEqual([{ ErrorEquals: ['States.ALL'], Next: 'Failed' }]);
  });

  test('a queue with a customer-managed key: the state machine may use the key', () => {
    const { template } = synthTask({}, (stack) => {
      const encryptionMasterKey = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      return {
        queue: new sqs.Queue(stack, 'KmsQueue', {
          encryption: sqs.QueueEncryption.KMS,
          encryptionMasterKey,
        }),
      };
    });
    const kmsStatement = policyStatements(template).find((s) =>
      JSON.stringify(s.Action).includes('kms:'),
    );
    expect(kmsStatement).toMatchObject({
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Key/), 'Arn'] },
    });
  });

  test('a FIFO queue with a group id and content-based deduplication is accepted', () => {
    const { state } = synthTask({}, (stack) => ({
      queue: new sqs.Queue(stack, 'Fifo', { fifo: true, contentBasedDeduplication: true }),
      messageGroupId: sfn.JsonPath.stringAt('$$.Execution.Id'),
    }));
    expect(state.Parameters).toMatchObject({ 'MessageGroupId.$': '$$.Execution.Id' });
  });
});

describe('CallbackTask construct-time errors', () => {
  const queueIn = (stack: Stack) => new sqs.Queue(stack, 'Queue');

  test('heartbeat equal to the timeout', () => {
    const stack = testStack();
    const error = thrown(
      () =>
        new CallbackTask(stack, 'Callback', {
          queue: queueIn(stack),
          timeout: Duration.minutes(5),
          heartbeat: Duration.minutes(5),
        }),
    );
    expect(error).toBeInstanceOf(HeartbeatNotBelowTimeoutError);
    expect(error.name).toBe('HeartbeatNotBelowTimeoutError');
    expect(error.message).toBe(
      'Test/Callback: heartbeat (300 s) must be below the task timeout (300 s). ' +
        'Lower `heartbeat` or raise `timeout`.',
    );
    expect(stack.node.tryFindChild('Callback')).toBeUndefined(); // checked before construction
  });

  test('heartbeat above the timeout (the default heartbeat with a short timeout)', () => {
    const stack = testStack();
    const error = thrown(
      () =>
        new CallbackTask(stack, 'Callback', {
          queue: queueIn(stack),
          timeout: Duration.minutes(1),
        }),
    );
    expect(error).toBeInstanceOf(HeartbeatNotBelowTimeoutError);
    expect(error.message).toMatch(/heartbeat \(300 s\) must be below the task timeout \(60 s\)/);
  });

  test('a timeout that is not a whole number of seconds', () => {
    const stack = testStack();
    const error = thrown(
      () =>
        new CallbackTask(stack, 'Callback', {
          queue: queueIn(stack),
          timeout: Duration.millis(90_500),
          heartbeat: Duration.seconds(30),
        }),
    );
    expect(error).toBeInstanceOf(InvalidTaskTimeoutError);
    expect(error.message).toBe(
      'Test/Callback: timeout must be a whole number of seconds from 1 to 99999999, got 90.5.',
    );
  });

  test('a FIFO queue without messageGroupId', () => {
    const stack = testStack();
    const queue = new sqs.Queue(stack, 'Fifo', { fifo: true, contentBasedDeduplication: true });
    const error = thrown(() => new CallbackTask(stack, 'Callback', { queue }));
    expect(error).toBeInstanceOf(FifoQueueError);
    expect(error.message).toMatch(
      /^Test\/Callback: the queue is FIFO, so each message needs a `messageGroupId`/,
    );
  });

  test('a FIFO queue without deduplication', () => {
    const stack = testStack();
    const queue = new sqs.Queue(stack, 'Fifo', { fifo: true });
    const error = thrown(() => new CallbackTask(stack, 'Callback', { queue, messageGroupId: 'g' }));
    expect(error).toBeInstanceOf(FifoQueueError);
    expect(error.message).toMatch(
      /no content-based deduplication, so each message needs a `messageDeduplicationId`/,
    );
    expect(
      () =>
        new CallbackTask(stack, 'WithId', {
          queue,
          messageGroupId: 'g',
          messageDeduplicationId: 'd',
        }),
    ).not.toThrow();
  });
});
