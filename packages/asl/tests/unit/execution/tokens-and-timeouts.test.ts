import { describe, expect, it } from 'vitest';
import { TaskTokenError } from '../../../src/index.js';
import { start } from './run.js';

const waiting = (extra: object = {}) => ({
  StartAt: 'Wait For Callback',
  States: {
    'Wait For Callback': {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Parameters: { QueueUrl: 'q', MessageBody: { 'TaskToken.$': '$$.Task.Token' } },
      End: true,
      ...extra,
    },
  },
});

describe('task tokens', () => {
  it('the token in the message answers the task; a second answer is TaskTimedOut; a forged one InvalidToken', async () => {
    let body: { TaskToken: string } | undefined;
    const run = start(waiting(), {}, async (request) => {
      body = (request.parameters as { MessageBody: { TaskToken: string } }).MessageBody;
      expect(request.taskToken).toBe(body.TaskToken);
      setImmediate(() => run.execution.sendTaskSuccess(body?.TaskToken as string, { ok: true }));
      return { MessageId: 'm' };
    });
    expect(await run.execution.result).toEqual({ status: 'SUCCEEDED', output: { ok: true } });
    const token = body?.TaskToken as string;
    expect(() => run.execution.sendTaskSuccess(token, {})).toThrow(
      expect.objectContaining({ code: 'TaskTimedOut' }),
    );
    expect(() => run.execution.sendTaskHeartbeat('forged')).toThrow(TaskTokenError);
    expect(() => run.execution.sendTaskHeartbeat('forged')).toThrow(
      expect.objectContaining({ code: 'InvalidToken' }),
    );
  });

  it('SendTaskFailure fails the task with its error and cause', async () => {
    const run = start(waiting(), {}, async (request) => {
      setImmediate(() =>
        run.execution.sendTaskFailure(request.taskToken as string, 'Rejected', 'no'),
      );
      return {};
    });
    expect(await run.execution.result).toEqual({
      status: 'FAILED',
      error: 'Rejected',
      cause: 'no',
    });
    expect(run.execution.history.at(-2)?.type).toBe('TaskFailed');
  });

  it('a heartbeat timeout is TaskTimedOut with States.Timeout, at HeartbeatSeconds of virtual time', async () => {
    const run = start(waiting({ TimeoutSeconds: 3600, HeartbeatSeconds: 60 }));
    expect(await run.execution.result).toEqual({ status: 'FAILED', error: 'States.Timeout' });
    expect(run.clock.now()).toBe(60_000);
    expect(run.execution.history.at(-2)).toMatchObject({
      type: 'TaskTimedOut',
      taskTimedOutEventDetails: { error: 'States.Timeout', resourceType: 'sqs' },
    });
  });

  it('TimeoutSecondsPath and HeartbeatSecondsPath come from the input and show in TaskScheduled', async () => {
    const run = start(waiting({ TimeoutSecondsPath: '$.t', HeartbeatSecondsPath: '$.h' }), {
      t: 30,
      h: 10,
    });
    await run.execution.result;
    expect(run.execution.history[2]?.taskScheduledEventDetails).toMatchObject({
      timeoutInSeconds: 30,
      heartbeatInSeconds: 10,
    });
    expect(run.clock.now()).toBe(10_000);
  });
});

describe('the execution', () => {
  it('TimeoutSeconds ends it TIMED_OUT', async () => {
    const run = start({
      TimeoutSeconds: 5,
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 60, End: true } },
    });
    expect(await run.execution.result).toEqual({ status: 'TIMED_OUT' });
    expect(run.clock.now()).toBe(5000);
    expect(run.execution.history.at(-1)?.type).toBe('ExecutionTimedOut');
  });

  it('stop() ends it ABORTED and closes its open token', async () => {
    let token = '';
    const run = start(waiting(), {}, async (request) => {
      token = request.taskToken as string;
      setImmediate(() => run.execution.stop('Operator', 'not needed'));
      return {};
    });
    expect(await run.execution.result).toEqual({
      status: 'ABORTED',
      error: 'Operator',
      cause: 'not needed',
    });
    expect(run.execution.history.at(-1)).toMatchObject({
      type: 'ExecutionAborted',
      executionAbortedEventDetails: { error: 'Operator', cause: 'not needed' },
    });
    expect(() => run.execution.sendTaskSuccess(token, {})).toThrow(TaskTokenError);
  });

  it('a Wait of a year on the virtual clock costs nothing', async () => {
    const run = start({
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 31_536_000, End: true } },
    });
    expect((await run.execution.result).status).toBe('SUCCEEDED');
    expect(run.clock.now()).toBe(31_536_000_000);
  });
});
