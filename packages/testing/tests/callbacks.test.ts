import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import '../src/vitest.ts';
import { StateMachineTestError, TestMachine } from '../src/index.ts';

const approval = TestMachine.fromFile(
  fileURLToPath(new URL('fixtures/approval.asl.yaml', import.meta.url)),
  { mocks: { Ship: { result: { StatusCode: 200, Payload: { parcel: 'P-1' } } } } },
);

describe('callbacks answered from the test', () => {
  it('gives the task with its token and message; success goes on to the next state', async () => {
    const execution = approval.start({ orderId: 42 });
    const task = await execution.waitForTask('Wait For Approval');
    expect(task.message).toEqual({ TaskToken: task.token, Order: { orderId: 42 } });
    task.succeed({ reviewer: 'ana' });
    await execution.finished();
    expect(execution).toHaveSucceeded({ shipped: true, by: 'ana', parcel: 'P-1' });
    expect(execution).toHaveTakenPath(['Wait For Approval', 'Ship']);
    expect(execution.state('Wait For Approval').assignedVariables).toEqual({ approvedBy: 'ana' });
  });

  it('a mocked callback task answers its own token (as Step Functions Local does)', async () => {
    const execution = await approval.run(
      {},
      { mocks: { 'Wait For Approval': { result: { reviewer: 'bot' } } } },
    );
    expect(execution).toHaveSucceeded({ shipped: true, by: 'bot', parcel: 'P-1' });
    expect(execution.history.map((event) => event.type)).toContain('TaskSubmitted');
    const refused = await approval.run({}, { mocks: { 'Wait For Approval': { error: 'No' } } });
    expect(refused).toHaveTakenPath(['Wait For Approval', 'Refused']);
  });

  it('a failure is caught as AWS catches it', async () => {
    const execution = approval.start({ orderId: 1 });
    (await execution.waitForTask()).fail('Nope', 'not today');
    await execution.finished();
    expect(execution).toHaveFailed({ error: 'Refused' });
    expect(execution).toHaveTakenPath(['Wait For Approval', 'Refused']);
    expect(execution.state('Wait For Approval').caught).toBe(true);
  });

  it('time stands still while the test holds the task; heartbeats keep it open as time is advanced', async () => {
    const execution = approval.start({}, { startTime: '2026-01-01T00:00:00Z' });
    const task = await execution.waitForTask('Wait For Approval');
    for (let i = 0; i < 5; i++) {
      await execution.advanceTime({ minutes: 9 });
      task.heartbeat();
    }
    expect(execution.now.toISOString()).toBe('2026-01-01T00:45:00.000Z');
    expect(execution.status).toBe('RUNNING');
    await execution.advanceTime({ minutes: 10 });
    await execution.finished();
    expect(execution).toHaveFailed({ error: 'Expired' });
    expect(execution.state('Wait For Approval').errors).toEqual([
      { error: 'States.Timeout', cause: '' },
    ]);
  });

  it('lets a task time out on virtual time', async () => {
    const execution = approval.start({}, { startTime: 0 });
    const task = await execution.waitForTask();
    await task.timeOut();
    await execution.finished();
    expect(execution).toHaveFailed({ error: 'Expired' });
    expect(execution.now.getTime()).toBe(600_000); // the heartbeat came first
    expect(() => task.succeed({})).toThrow(/no longer open/);
  });

  it('waiting for a task that never comes fails at once, with what the execution did', async () => {
    const execution = approval.start({});
    const first = await execution.waitForTask('Wait For Approval');
    const never = execution.waitForTask('Ship');
    await expect(never).rejects.toThrow(StateMachineTestError);
    await expect(never).rejects.toThrow(
      /no task of state "Ship".*\n[\s\S]*1\. Wait For Approval \(Task\)[\s\S]*waiting for the test: "Wait For Approval"/,
    );
    first.succeed({ reviewer: 'bo' });
    await execution.finished();
    await expect(execution.waitForTask('Wait For Approval')).rejects.toThrow(/is SUCCEEDED/);
  });

  it('finished() fails at once when a task waits for the test', async () => {
    const execution = approval.start({});
    await expect(execution.finished()).rejects.toThrow(
      /cannot end without the test[\s\S]*waiting for the test: "Wait For Approval"/,
    );
  });

  it('in a Parallel, time moves on for the other branch once the test answers', async () => {
    const callback = (name: string) => ({
      StartAt: name,
      States: {
        [name]: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sns:publish.waitForTaskToken',
          Parameters: {
            TopicArn: 'arn:aws:sns:us-east-1:123456789012:t',
            'Message.$': '$$.Task.Token',
          },
          End: true,
        },
      },
    });
    const later = callback('Later');
    const machine = TestMachine.fromDefinition({
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            callback('Now'),
            {
              StartAt: 'Pause',
              States: { Pause: { Type: 'Wait', Seconds: 60, Next: 'Later' }, ...later.States },
            },
          ],
          End: true,
        },
      },
    });
    const execution = machine.start({}, { startTime: 0 });
    const now = await execution.waitForTask('Now');
    await expect(execution.waitForTask('Later')).rejects.toThrow(
      /time stands still while a task waits for the test \(the next timer is due at 1970-01-01T00:01:00\.000Z\)/,
    );
    now.succeed('first');
    const second = await execution.waitForTask('Later');
    expect(execution.now.getTime()).toBe(60_000);
    expect(second.message).toBe(second.token);
    second.succeed('second');
    await execution.finished();
    expect(execution).toHaveSucceeded(['first', 'second']);
    expect(execution.path({ state: 'Both', branch: 1 })).toEqual(['Pause', 'Later']);
  });
});
