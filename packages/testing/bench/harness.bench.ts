/**
 * Per-test overhead of the harness: the same state machines run by a test through
 * `TestMachine` (mocks, trace, test clock, waits) and by the bare engine (`StateMachine`
 * with a task handler and asl's `VirtualClock`), in the same run, interleaved in rounds so
 * that both see the same machine load. Printed as ratios (goal: ≤ 1.2×).
 *
 * 1. the callback pattern: the test waits for the task, answers it, waits for the end;
 * 2. three mocked Task states, one retried after 30 s of virtual time.
 *
 * Run with `pnpm bench` (turbo builds dist first) or `pnpm --filter @sfn-callback/testing bench`.
 * BENCH_TESTS (default 3000) sets the executions per round of each.
 */
import {
  type ExecutionIdentity,
  type Json,
  StateMachine,
  StatesError,
  type TaskHandler,
  VirtualClock,
} from '@sfn-callback/asl';
import { TestMachine } from '../dist/index.js';

const TESTS = Number(process.env.BENCH_TESTS ?? 3_000);
const ROUNDS = 7;

const callback = {
  QueryLanguage: 'JSONata',
  StartAt: 'Wait For Approval',
  States: {
    'Wait For Approval': {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Arguments: {
        QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/approvals',
        MessageBody: {
          TaskToken: '{% $states.context.Task.Token %}',
          Order: '{% $states.input %}',
        },
      },
      TimeoutSeconds: 3600,
      HeartbeatSeconds: 600,
      Assign: { approvedBy: '{% $states.result.reviewer %}' },
      Next: 'Ship',
    },
    Ship: { Type: 'Pass', Output: { shipped: true, by: '{% $approvedBy %}' }, End: true },
  },
};

const lambda = (name: string, next?: string) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: name, 'Payload.$': '$' },
  ResultSelector: { 'value.$': '$.Payload.value' },
  ResultPath: `$.${name}`,
  Retry: [{ ErrorEquals: ['Lambda.TooManyRequestsException'], IntervalSeconds: 30 }],
  ...(next ? { Next: next } : { End: true }),
});
const mocked = {
  StartAt: 'reserve',
  States: {
    reserve: lambda('reserve', 'charge'),
    charge: lambda('charge', 'ship'),
    ship: lambda('ship'),
  },
};
const answer = { StatusCode: 200, Payload: { value: 1 } };
const throttled = { error: 'Lambda.TooManyRequestsException', cause: 'busy' };

const identity: ExecutionIdentity = {
  executionArn: 'arn:aws:states:us-east-1:123456789012:execution:Bench:run',
  executionName: 'run',
  stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Bench',
  stateMachineName: 'Bench',
  roleArn: 'arn:aws:iam::123456789012:role/bench',
};

// --- the bare engine, as a hand-written test would drive it ---------------------------------

const bareCallback = StateMachine.fromDefinition(callback);
async function bareCallbackTest(i: number): Promise<void> {
  let answerToken: ((token: string) => void) | undefined;
  const tokenSeen = new Promise<string>((resolve) => {
    answerToken = resolve;
  });
  const execution = bareCallback.start({
    identity,
    input: { orderId: i },
    clock: new VirtualClock(0),
    tasks: async (request) => {
      answerToken?.(request.taskToken as string);
      return { MessageId: 'm' };
    },
  });
  const token = await tokenSeen;
  execution.sendTaskSuccess(token, { reviewer: 'ana' });
  const result = await execution.result;
  if (result.status !== 'SUCCEEDED') throw new Error(`bare callback: ${result.status}`);
}

const bareMocked = StateMachine.fromDefinition(mocked);
async function bareMockedTest(i: number): Promise<void> {
  const calls = new Map<string, number>();
  const tasks: TaskHandler = async (request) => {
    const n = (calls.get(request.stateName) ?? 0) + 1;
    calls.set(request.stateName, n);
    if (request.stateName === 'charge' && n === 1) {
      throw new StatesError(throttled.error, throttled.cause);
    }
    return answer as Json;
  };
  const execution = bareMocked.start({ identity, input: { i }, clock: new VirtualClock(0), tasks });
  const result = await execution.result;
  if (result.status !== 'SUCCEEDED') throw new Error(`bare mocked: ${result.status}`);
}

// --- the same tests through the harness ------------------------------------------------------

const harnessCallback = TestMachine.fromDefinition(callback);
async function harnessCallbackTest(i: number): Promise<void> {
  const execution = harnessCallback.start({ orderId: i }, { startTime: 0 });
  (await execution.waitForTask('Wait For Approval')).succeed({ reviewer: 'ana' });
  const result = await execution.finished();
  if (result.status !== 'SUCCEEDED') throw new Error(`harness callback: ${result.status}`);
}

const harnessMocked = TestMachine.fromDefinition(mocked, {
  mocks: {
    reserve: { result: answer },
    charge: [throttled, { result: answer }],
    ship: { result: answer },
  },
});
async function harnessMockedTest(i: number): Promise<void> {
  const execution = await harnessMocked.run({ i }, { startTime: 0 });
  if (execution.status !== 'SUCCEEDED') throw new Error(`harness mocked: ${execution.status}`);
}

/**
 * CPU time (user + system) of the process, in ms: the machine is shared, and wall time
 * counts the other processes' turns too. The loop yields to the event loop between tests,
 * as a test runner does.
 */
async function timeOf(test: (i: number) => Promise<void>): Promise<number> {
  const started = process.cpuUsage();
  for (let i = 0; i < TESTS; i++) {
    await test(i);
    if (i % 16 === 15) await new Promise((resolve) => setImmediate(resolve));
  }
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

async function compare(
  label: string,
  bare: (i: number) => Promise<void>,
  harness: (i: number) => Promise<void>,
) {
  await timeOf(bare); // warm-up
  await timeOf(harness);
  const bareTimes: number[] = [];
  const harnessTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bareTimes.push(await timeOf(bare));
    harnessTimes.push(await timeOf(harness));
  }
  const b = median(bareTimes);
  const h = median(harnessTimes);
  const perTest = (ms: number) => `${((ms * 1000) / TESTS).toFixed(1).padStart(6)} µs/test`;
  console.log(
    `${label.padEnd(44)} bare engine ${perTest(b)}   harness ${perTest(h)}   ratio ${(h / b).toFixed(2)}×`,
  );
}

console.log(`${TESTS} tests per round, CPU time, median of ${ROUNDS} rounds, interleaved`);
await compare('callback pattern (wait, answer, end)', bareCallbackTest, harnessCallbackTest);
await compare('3 mocked Tasks, one retried after 30 s', bareMockedTest, harnessMockedTest);
