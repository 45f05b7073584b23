import { type Execution, StateMachine, VirtualClock } from '@sfn-callback/asl';
import { describe, expect, it } from 'vitest';
import { TokenRegistry } from '../../src/engine/token-registry.js';

const identity = {
  executionArn: 'arn:aws:states:us-east-1:000000000000:execution:m:e',
  executionName: 'e',
  stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:m',
  stateMachineName: 'm',
  roleArn: 'arn:aws:iam::000000000000:role/r',
};

/** A one-state machine waiting for its token, with the registry as its token source. */
function waitingExecution(
  registry: TokenRegistry,
  timing: { TimeoutSeconds?: number; HeartbeatSeconds?: number } = {},
) {
  const machine = StateMachine.fromDefinition({
    StartAt: 'Wait for callback',
    States: {
      'Wait for callback': {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
        Parameters: { QueueUrl: 'https://q', MessageBody: { 'TaskToken.$': '$$.Task.Token' } },
        ...timing,
        End: true,
      },
    },
  });
  const clock = new VirtualClock(0);
  let issued: (token: string) => void = () => {};
  const token = new Promise<string>((resolve) => {
    issued = resolve;
  });
  const execution: Execution = machine.start({
    identity,
    input: {},
    clock,
    tasks: async () => ({ MessageId: 'm-1' }),
    issueTaskToken: () => registry.issue(),
    onTaskToken: (opened, open) => {
      if (open) {
        registry.open(opened, execution);
        issued(opened);
      } else registry.close(opened);
    },
  });
  return { execution, token, clock };
}

describe('TokenRegistry over engine executions', () => {
  it('routes the first answer to the waiting execution; later ones get TaskTimedOut', async () => {
    const registry = new TokenRegistry();
    const { execution, token } = waitingExecution(registry);
    const opened = await token;
    expect(registry.openCount).toBe(1);
    expect(registry.succeed(opened, { a: 1 })).toBeUndefined();
    expect(registry.succeed(opened, { a: 2 })).toBe('TaskTimedOut');
    expect(registry.fail(opened, 'E', 'c')).toBe('TaskTimedOut');
    expect(registry.heartbeat(opened)).toBe('TaskTimedOut');
    expect(await execution.result).toEqual({ status: 'SUCCEEDED', output: { a: 1 } });
    expect(registry.openCount).toBe(0);
  });

  it('tells a closed token (TaskTimedOut) from a forged or foreign one (InvalidToken)', () => {
    const registry = new TokenRegistry();
    const issuedNeverOpened = registry.issue();
    expect(registry.succeed(issuedNeverOpened, {})).toBe('TaskTimedOut');
    expect(registry.succeed('garbage', {})).toBe('InvalidToken');
    expect(registry.succeed(`${issuedNeverOpened}x`, {})).toBe('InvalidToken');
    expect(registry.succeed(new TokenRegistry().issue(), {})).toBe('InvalidToken');
  });

  it('issues distinct tokens within the API length limit', () => {
    const registry = new TokenRegistry();
    const tokens = new Set(Array.from({ length: 1000 }, () => registry.issue()));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(token.length).toBeLessThanOrEqual(2048);
  });

  it('a missed heartbeat times the task out as AWS records it (TaskTimedOut, States.Timeout)', async () => {
    const registry = new TokenRegistry();
    const { execution, token } = waitingExecution(registry, {
      TimeoutSeconds: 600,
      HeartbeatSeconds: 5,
    });
    const opened = await token;
    const result = await execution.result;
    expect(result).toEqual({ status: 'FAILED', error: 'States.Timeout' });
    expect(execution.history.at(-2)).toMatchObject({
      type: 'TaskTimedOut',
      taskTimedOutEventDetails: { error: 'States.Timeout' },
    });
    expect(registry.succeed(opened, {})).toBe('TaskTimedOut');
  });

  it('heartbeats keep a task alive but never extend its TimeoutSeconds', async () => {
    const registry = new TokenRegistry();
    const { execution, token, clock } = waitingExecution(registry, {
      TimeoutSeconds: 10,
      HeartbeatSeconds: 4,
    });
    const opened = await token;
    const beats: number[] = [];
    // A heartbeat every 3 s of virtual time, for longer than the task's timeout.
    const beat = () => {
      if (registry.heartbeat(opened) !== undefined) return;
      beats.push(clock.now());
      void clock.sleep(3000).then(beat);
    };
    beat();
    const result = await execution.result;
    expect(result.status).toBe('FAILED');
    expect(clock.now()).toBe(10_000);
    expect(beats).toEqual([0, 3000, 6000, 9000]);
  });
});
