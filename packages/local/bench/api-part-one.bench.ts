/**
 * Benchmark of issue 21's operations, each beside a baseline measured in the same run, over
 * HTTP with the JS SDK against an in-process runner:
 *
 * - GetActivityTask handing over a task that already waits (it must answer at once, not
 *   hold the poll) beside a DescribeExecution round trip;
 * - StartSyncExecution of a 3-state Express state machine (Pass → Choice → Succeed) beside
 *   TestState of one Pass state.
 *
 * Run with `pnpm bench` (or `node bench/api-part-one.bench.ts`); it needs `dist`.
 * Environment: BENCH_ROUNDS (default 300).
 */
import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetActivityTaskCommand,
  GetExecutionHistoryCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  TestStateCommand,
} from '@aws-sdk/client-sfn';
import { LocalRunner } from '../dist/index.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const ROLE = 'arn:aws:iam::000000000000:role/bench';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};
const ms = (value: number) => `${value.toFixed(2)} ms`;

async function timed(rounds: number, call: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const began = performance.now();
    await call(i);
    times.push(performance.now() - began);
  }
  return times;
}

function report(name: string, times: number[], baselineName: string, baseline: number[]): void {
  const median = percentile(times, 50);
  const base = percentile(baseline, 50);
  console.log(
    `${name.padEnd(44)} median ${ms(median)}, p95 ${ms(percentile(times, 95))}` +
      ` | ${baselineName} median ${ms(base)}, p95 ${ms(percentile(baseline, 95))}` +
      ` | ratio ×${(median / base).toFixed(2)}`,
  );
}

const runner = await LocalRunner.start({ retainExecutions: ROUNDS * 2 });
const sfn = new SFNClient({
  endpoint: runner.endpointUrl,
  region: 'us-east-1',
  credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  // StartSyncExecution and TestState go to a `sync-` host otherwise.
  disableHostPrefix: true,
});
try {
  // GetActivityTask with tasks already waiting, beside DescribeExecution.
  const { activityArn } = await sfn.send(new CreateActivityCommand({ name: 'bench' }));
  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({
      name: 'ActivityBench',
      roleArn: ROLE,
      definition: JSON.stringify({
        StartAt: 'Work',
        States: { Work: { Type: 'Task', Resource: activityArn, End: true } },
      }),
    }),
  );
  const executions: string[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const started = await sfn.send(new StartExecutionCommand({ stateMachineArn }));
    executions.push(started.executionArn as string);
  }
  // Every task scheduled (waiting for a worker) before the polls are timed.
  for (;;) {
    const history = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn: executions.at(-1), reverseOrder: true }),
    );
    if (history.events?.some((e) => e.type === 'ActivityScheduled')) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const tokens: string[] = [];
  const handover = await timed(ROUNDS, async () => {
    const task = await sfn.send(new GetActivityTaskCommand({ activityArn, workerName: 'bench' }));
    if (!task.taskToken) throw new Error('no task was waiting');
    tokens.push(task.taskToken);
  });
  const describe = await timed(ROUNDS, (i) =>
    sfn.send(new DescribeExecutionCommand({ executionArn: executions[i] })),
  );
  for (const taskToken of tokens) {
    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }));
  }
  report('GetActivityTask, a task waiting', handover, 'DescribeExecution', describe);

  // StartSyncExecution of a 3-state Express machine, beside TestState of one Pass state.
  const express = await sfn.send(
    new CreateStateMachineCommand({
      name: 'SyncBench',
      roleArn: ROLE,
      type: 'EXPRESS',
      definition: JSON.stringify({
        StartAt: 'Price',
        States: {
          Price: { Type: 'Pass', Parameters: { 'total.$': '$.n' }, Next: 'Check' },
          Check: {
            Type: 'Choice',
            Choices: [{ Variable: '$.total', NumericGreaterThan: 100, Next: 'Done' }],
            Default: 'Done',
          },
          Done: { Type: 'Succeed' },
        },
      }),
    }),
  );
  const sync = await timed(ROUNDS, async () => {
    const answer = await sfn.send(
      new StartSyncExecutionCommand({ stateMachineArn: express.stateMachineArn, input: '{"n":1}' }),
    );
    if (answer.status !== 'SUCCEEDED') throw new Error(`sync execution ${answer.status}`);
  });
  const testState = await timed(ROUNDS, () =>
    sfn.send(
      new TestStateCommand({
        roleArn: ROLE,
        definition: JSON.stringify({ Type: 'Pass', Parameters: { 'total.$': '$.n' }, End: true }),
        input: '{"n":1}',
      }),
    ),
  );
  report('StartSyncExecution, 3-state Express', sync, 'TestState of one state', testState);
} finally {
  sfn.destroy();
  await runner.close();
}
