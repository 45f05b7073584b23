/**
 * Benchmark of the whole local loop — state machine → queue → the worker's real bundled
 * handler → real SDK over HTTP → endpoint → SNS — beside the bare engine with an in-memory
 * callback, in the same run, on the same synthesized definition.
 *
 * Run with `pnpm bench` (or `pnpm --filter @sfn-callback/local bench`); it needs `dist`
 * (turbo builds it first). Environment: BENCH_EXECUTIONS (default 10000),
 * BENCH_CONCURRENCY (executions in flight, default 64).
 */
import { StateMachine } from '@sfn-callback/asl';
import { LocalRunner } from '../dist/index.js';
import { removeFixtures, synthFixture } from '../tests/fixtures/fixture-app.ts';

const TOTAL = Number(process.env.BENCH_EXECUTIONS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const WARMUP = 500;
const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

async function pool(
  total: number,
  concurrency: number,
  run: (i: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  const began = performance.now();
  const lane = async () => {
    while (next < total) {
      const i = next++;
      await run(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, lane));
  return (performance.now() - began) / 1000;
}

const assembly = await synthFixture({ heartbeatSeconds: 60, timeoutSeconds: 300 });
const runner = await LocalRunner.start({ assembly });
const spec = runner.stateMachine();
console.log(
  `sfn-callback-local benchmark: ${TOTAL} executions, ${CONCURRENCY} in flight, Node ${process.versions.node}`,
);
console.log(`state machine ${spec.name} (from the synthesized template)\n`);

// 1. The bare engine, same definition, the callback answered in memory.
const machine = StateMachine.fromDefinition(spec.definition);
let tokens = 0;
const bare = (i: number) => {
  const execution = machine.start({
    identity: {
      executionArn: `${spec.arn.replace(':stateMachine:', ':execution:')}:bench-${i}`,
      executionName: `bench-${i}`,
      stateMachineArn: spec.arn,
      stateMachineName: spec.name,
      roleArn: spec.roleArn ?? '',
    },
    input: { i },
    issueTaskToken: () => `token-${++tokens}`,
    tasks: async (request) => {
      if (request.resource.pattern !== 'waitForTaskToken') return { MessageId: 'in-memory' };
      const token = request.taskToken as string;
      const input = (request.parameters as { MessageBody: { Input: unknown } }).MessageBody.Input;
      // In-memory "worker": answers on the next turn of the event loop.
      setImmediate(() => execution.sendTaskSuccess(token, { processed: input } as never));
      return { MessageId: 'in-memory' };
    },
  });
  return execution.result.then(() => undefined);
};
await pool(WARMUP, CONCURRENCY, bare);
const bareSeconds = await pool(TOTAL, CONCURRENCY, bare);
const bareRate = TOTAL / bareSeconds;
console.log(`bare engine, in-memory callback   ${bareRate.toFixed(0).padStart(7)} executions/s`);

// 2. The whole local loop.
await pool(WARMUP, CONCURRENCY, async (i) => {
  await runner.runExecution({ i });
});
gc?.();
const worker = runner.function('Worker11F36D0F');
const samples: string[] = [];
const phases = { toSubmitted: 0, callback: 0, afterCallback: 0 };
let unexpected = 0;
let done = 0;
const elu0 = performance.eventLoopUtilization();
const workerActive0 = worker.activeMilliseconds();
const cpu0 = process.cpuUsage();
const sample = () => {
  gc?.();
  const m = process.memoryUsage();
  const at = done;
  void worker
    .heapUsed()
    .then((workerHeap) =>
      samples.push(
        `${String(at).padStart(6)}  main heap ${mb(m.heapUsed).padStart(6)} MB  worker heap ${mb(workerHeap).padStart(6)} MB  external ${mb(m.external).padStart(5)} MB  process rss ${mb(m.rss).padStart(6)} MB`,
      ),
    );
};
sample();
const loopSeconds = await pool(TOTAL, CONCURRENCY, async (i) => {
  const execution = await runner.runExecution({ i });
  if (execution.status !== 'SUCCEEDED') unexpected += 1;
  const at = (type: string) =>
    execution.events.find((e) => e.type === type)?.timestamp.getTime() ?? 0;
  const started = at('ExecutionStarted');
  const submitted = at('TaskSubmitted');
  const succeeded = at('TaskSucceeded');
  phases.toSubmitted += submitted - started;
  phases.callback += succeeded - submitted;
  phases.afterCallback += at('ExecutionSucceeded') - succeeded;
  done += 1;
  if (done % Math.max(1, Math.floor(TOTAL / 10)) === 0) sample();
});
const elu = performance.eventLoopUtilization(elu0);
const workerActive = worker.activeMilliseconds() - workerActive0;
const cpu = process.cpuUsage(cpu0);
const loopRate = TOTAL / loopSeconds;
console.log(`whole local loop (SQS→Lambda→HTTP) ${loopRate.toFixed(0).padStart(7)} executions/s`);
console.log(
  `ratio loop / bare engine          ${(loopRate / bareRate).toFixed(3).padStart(7)}  (the loop is ${(bareRate / loopRate).toFixed(1)}× slower)`,
);
console.log(`unexpected statuses               ${String(unexpected).padStart(7)}\n`);

const perExecution = (ms: number) => `${((ms / TOTAL) * 1000).toFixed(0)} µs`;
console.log('where the time goes (per execution):');
console.log(
  `  main thread event loop busy (engine, queue, endpoint, history) ${perExecution(elu.active)}  (${(elu.utilization * 100).toFixed(0)} % of the run)`,
);
console.log(
  `  worker thread event loop busy (handler, SDK client, HTTP)    ${perExecution(workerActive)}`,
);
console.log(
  `  process CPU time, all threads                                 ${perExecution((cpu.user + cpu.system) / 1000)}`,
);
console.log(
  `  bare engine alone (wall time, ${CONCURRENCY} in flight)                  ${((1 / bareRate) * 1e6).toFixed(0)} µs`,
);
console.log('latency phases (mean wall time per execution, overlapping across executions):');
console.log(
  `  start → TaskSubmitted (engine + SendMessage)          ${(phases.toSubmitted / TOTAL).toFixed(2)} ms`,
);
console.log(
  `  TaskSubmitted → TaskSucceeded (queue wait, batch, handler, SDK, HTTP) ${(phases.callback / TOTAL).toFixed(2)} ms`,
);
console.log(
  `  TaskSucceeded → end (Notify Success, SNS)             ${(phases.afterCallback / TOTAL).toFixed(2)} ms`,
);
await new Promise((resolve) => setTimeout(resolve, 50));
console.log(
  `\nmemory across ${TOTAL} executions${gc ? ' (after gc)' : ' (run node with --expose-gc for stable samples)'}:`,
);
for (const line of samples) console.log(`  ${line}`);

await runner.close();
removeFixtures();
if (unexpected > 0) process.exitCode = 1;
