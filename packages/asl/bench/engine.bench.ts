/**
 * The bare engine against aws-local-stepfunctions 3.0.0 (the engine local ran on before),
 * in the same run, on the same definitions, with tasks answered in memory:
 *
 * 1. a 3-state machine (Pass → Task → Choice), executions one after another and 64 in flight;
 * 2. a Map of 100 items (an inline Map whose iteration is a Task);
 * 3. memory across 100,000 executions of the 3-state machine: heap after GC, sampled;
 * 4. StringMatches on a pathological wildcard pattern beside StringEquals;
 * 5. the time and heap for one execution to reach AWS's 25,000-event history limit.
 *
 * Run with `pnpm bench` (turbo builds dist first) or `pnpm --filter @sfn-callback/asl bench`.
 * BENCH_EXECUTIONS (default 20000) sets the count of 1 and 2 (Map: a tenth of it).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  type StateMachineDefinition as BaselineDefinition,
  StateMachine as BaselineMachine,
} from 'aws-local-stepfunctions';
import { type ExecutionIdentity, StateMachine, validateDefinition } from '../dist/index.js';

const TOTAL = Number(process.env.BENCH_EXECUTIONS ?? 20_000);
const MEMORY_EXECUTIONS = Number(process.env.BENCH_MEMORY_EXECUTIONS ?? 100_000);
const gc = (globalThis as { gc?: () => void }).gc;

const threeStates = {
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Parameters: { 'order.$': '$.i', kind: 'bench' }, Next: 'Work' },
    Work: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'worker', 'Payload.$': '$' },
      ResultSelector: { 'done.$': '$.Payload.order' },
      ResultPath: '$.result',
      Next: 'Check',
    },
    Check: {
      Type: 'Choice',
      Choices: [{ Variable: '$.result.done', NumericGreaterThanEquals: 0, Next: 'Done' }],
      Default: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
};
// Three states and a Succeed: Choice needs somewhere to go.

const mapOf100 = {
  StartAt: 'Each',
  States: {
    Each: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: {
        StartAt: 'Work',
        States: {
          Work: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: 'worker', 'Payload.$': '$' },
            OutputPath: '$.Payload',
            End: true,
          },
        },
      },
      End: true,
    },
  },
};

const identity: ExecutionIdentity = {
  executionArn: 'arn:aws:states:us-east-1:000000000000:execution:bench:e',
  executionName: 'e',
  stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:bench',
  stateMachineName: 'bench',
  roleArn: 'arn:aws:iam::000000000000:role/bench',
};

const lambda = async (request: { parameters: unknown }) => ({
  Payload: (request.parameters as { Payload: unknown }).Payload,
  StatusCode: 200,
});

function ours(definition: object): (input: unknown) => Promise<unknown> {
  const machine = StateMachine.fromDefinition(definition);
  return (input) =>
    machine.start({ identity, input: input as never, tasks: lambda as never }).result.then((r) => {
      if (r.status !== 'SUCCEEDED') throw new Error(`ours: ${r.status} ${r.error} ${r.cause}`);
      return r.output;
    });
}

function baseline(definition: object): (input: unknown) => Promise<unknown> {
  const machine = new BaselineMachine(definition as unknown as BaselineDefinition, {
    validationOptions: { checkArn: false },
  });
  const handlers = {
    Work: async (parameters: unknown) => ({
      Payload: (parameters as { Payload: unknown }).Payload,
      StatusCode: 200,
    }),
  };
  return (input) =>
    machine.run(input as never, { overrides: { taskResourceLocalHandlers: handlers as never } })
      .result;
}

async function rate(
  run: (input: unknown) => Promise<unknown>,
  input: (i: number) => unknown,
  total: number,
  concurrency: number,
): Promise<number> {
  let next = 0;
  const lane = async () => {
    while (next < total) await run(input(next++));
  };
  await Promise.all(Array.from({ length: 200 }, () => run(input(0)))); // warm-up
  const began = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, lane));
  return total / ((performance.now() - began) / 1000);
}

function row(label: string, oursRate: number, baseRate: number, unit: string): void {
  console.log(
    `${label.padEnd(42)} ours ${oursRate.toFixed(0).padStart(8)} ${unit}   aws-local-stepfunctions ${baseRate.toFixed(0).padStart(8)} ${unit}   ratio ${(oursRate / baseRate).toFixed(2)}×`,
  );
}

const byOne = (i: number) => ({ i });

// Memory first, in a fresh heap: heap after GC while 100,000 executions run, 64 in flight.
const sample = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};
if (process.env.BENCH_ONLY === 'history-limit') {
  await historyLimit();
  process.exit(0);
}

console.log(`@sfn-callback/asl vs aws-local-stepfunctions 3.0.0, Node ${process.versions.node}\n`);
const run = ours(threeStates);
const samples: number[] = [sample()];
const step = MEMORY_EXECUTIONS / 10;
for (let done = 0; done < MEMORY_EXECUTIONS; done += step) {
  await rate(run, byOne, step, 64);
  samples.push(sample());
}

// Objects, not numbers: aws-local-stepfunctions refuses an item 0 ("'$' does not point to a value").
const items = { items: Array.from({ length: 100 }, (_, i) => ({ n: i })) };
// Same input, same result: the two engines agree before they are timed.
const [a, b] = await Promise.all([ours(threeStates)(byOne(7)), baseline(threeStates)(byOne(7))]);
if (JSON.stringify(a) !== JSON.stringify(b))
  throw new Error(`outputs differ: ${JSON.stringify(a)} / ${JSON.stringify(b)}`);

for (const concurrency of [1, 64]) {
  const oursRate = await rate(ours(threeStates), byOne, TOTAL, concurrency);
  const baseRate = await rate(baseline(threeStates), byOne, TOTAL, concurrency);
  row(`3-state machine, ${concurrency} in flight`, oursRate, baseRate, 'exec/s');
}
const mapTotal = Math.max(100, Math.floor(TOTAL / 10));
{
  const oursRate = await rate(ours(mapOf100), () => items, mapTotal, 16);
  const baseRate = await rate(baseline(mapOf100), () => items, mapTotal, 16);
  row('Map of 100 items, 16 in flight', oursRate, baseRate, 'exec/s');
}

console.log(
  `\nheap after GC across ${MEMORY_EXECUTIONS} executions (MB, every ${step}):${gc ? '' : ' (run node with --expose-gc)'}`,
);
console.log(`  ${samples.map((mb) => mb.toFixed(1)).join('  ')}`);
const first = samples[1] ?? 0;
const last = samples.at(-1) ?? 0;
console.log(`  growth from the first sample to the last: ${(last - first).toFixed(1)} MB`);

// Definition checks: a 500-state machine, as CreateStateMachine would check it.
{
  const states: Record<string, unknown> = {};
  for (let i = 0; i < 500; i++) {
    states[`S${i}`] =
      i === 499
        ? { Type: 'Succeed' }
        : {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { 'Payload.$': '$', FunctionName: 'f' },
            Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }],
            ResultPath: '$.r',
            Next: `S${i + 1}`,
          };
  }
  const definition = { StartAt: 'S0', States: states };
  validateDefinition(definition);
  const rounds = 50;
  const began = performance.now();
  for (let i = 0; i < rounds; i++) validateDefinition(definition);
  console.log(
    `\nvalidating a 500-state definition: ${((performance.now() - began) / rounds).toFixed(1)} ms`,
  );
}

// StringMatches beside StringEquals: the wildcard matcher is linear in practice and O(n·m) at
// worst, so even `*a*a*a*a*a*b` against 300 characters (which froze the old `.*` regex) runs
// at a small ratio of a plain `===`.
{
  const choiceOn = (rule: object) => ({
    StartAt: 'Check',
    States: {
      Check: {
        Type: 'Choice',
        Choices: [{ Variable: '$.text', ...rule, Next: 'Matched' }],
        Default: 'Other',
      },
      Matched: { Type: 'Succeed' },
      Other: { Type: 'Succeed' },
    },
  });
  const text = { text: 'a'.repeat(300) };
  const equalsRate = await rate(
    ours(choiceOn({ StringEquals: 'a'.repeat(300) })),
    () => text,
    TOTAL,
    64,
  );
  for (const pattern of ['a*a', '*a*a*a*a*a*b']) {
    const matchesRate = await rate(
      ours(choiceOn({ StringMatches: pattern })),
      () => text,
      TOTAL,
      64,
    );
    console.log(
      `${`StringMatches '${pattern}' on 300 chars`.padEnd(42)} ${matchesRate.toFixed(0).padStart(8)} exec/s   StringEquals ${equalsRate.toFixed(0).padStart(8)} exec/s   ratio ${(matchesRate / equalsRate).toFixed(2)}×`,
    );
  }
}

spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
  env: { ...process.env, BENCH_ONLY: 'history-limit' },
  stdio: 'inherit',
});

// AWS's history limit: the time and memory for an execution to reach 25,000 events (and
// fail there), for a loop that never ends and for an inline Map over 30,000 items. Run in a
// child process: a fresh heap, where no earlier section's garbage is collected mid-measure.
async function historyLimit(): Promise<void> {
  const loop = {
    StartAt: 'Count',
    States: {
      Count: { Type: 'Pass', Next: 'Again' },
      Again: {
        Type: 'Choice',
        Choices: [{ Variable: '$.stop', IsPresent: true, Next: 'Done' }],
        Default: 'Count',
      },
      Done: { Type: 'Succeed' },
    },
  };
  const bigMap = {
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        ItemsPath: '$.items',
        ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
        End: true,
      },
    },
  };
  const cases: [string, object, unknown][] = [
    ['a Pass → Choice loop that never ends', loop, {}],
    [
      'an inline Map over 30,000 items',
      bigMap,
      { items: Array.from({ length: 30_000 }, (_, i) => i) },
    ],
  ];
  // Kept to the end, so that no earlier execution is collected inside a measure.
  const kept: unknown[] = [];
  // One unmeasured run of each first: the measures are of warm code.
  for (const [, definition, input] of cases) {
    const warm = StateMachine.fromDefinition(definition).start({
      identity,
      input: input as never,
      tasks: lambda as never,
    });
    kept.push(await warm.result);
  }
  console.log('\nto the history limit (25,000 events):');
  for (const [label, definition, input] of cases) {
    const machine = StateMachine.fromDefinition(definition);
    const before = sample();
    const began = performance.now();
    const execution = machine.start({ identity, input: input as never, tasks: lambda as never });
    const result = await execution.result;
    const ms = performance.now() - began;
    // Heap after GC with the ended execution (its 25,000 events) still held.
    const held = sample() - before;
    kept.push(execution);
    console.log(
      `  ${label.padEnd(38)} ${result.status} at event ${execution.history.length} in ${ms.toFixed(0)} ms, heap held +${held.toFixed(1)} MB`,
    );
  }
}
