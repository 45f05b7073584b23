/**
 * A Distributed Map over a 100,000-line CSV streamed from an object store (generated chunk by
 * chunk, never whole), beside an inline Map over the same 100,000 items held in memory, in the
 * same run: wall time and peak heap (heapUsed sampled every 10 ms), each case in a fresh child
 * process. An inline Map of 100,000 items would pass AWS's 25,000-event history limit (four
 * events per item), so the inline side runs them as 20 executions of 5,000 items, one after
 * the other; the Distributed Map runs them as one execution of 100,000 child executions
 * (MaxConcurrency 1,000), each with its own history, handed to an observer and dropped.
 *
 * Then the same items as one JSON array (`InputType: JSON`, streamed by @streamparser/json)
 * beside the same items as JSON Lines (`InputType: JSONL`, one `JSON.parse` per line), both
 * generated in chunks of 1,000 items: the ratio says what streaming an array costs over lines.
 *
 * Run with `pnpm --filter @sfn-callback/asl bench:distributed-map` (after a build).
 * BENCH_CSV_LINES (default 100000) sets the number of lines (and of JSON / JSONL items).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type ExecutionIdentity, type ObjectStore, StateMachine } from '../dist/index.js';

const LINES = Number(process.env.BENCH_CSV_LINES ?? 100_000);
const LINES_PER_CHUNK = 1_000;
const INLINE_BATCH = 5_000;

const identity: ExecutionIdentity = {
  executionArn: 'arn:aws:states:us-east-1:111111111111:execution:bench:one',
  executionName: 'one',
  stateMachineArn: 'arn:aws:states:us-east-1:111111111111:stateMachine:bench',
  stateMachineName: 'bench',
  roleArn: 'arn:aws:iam::111111111111:role/bench',
};
const tasks = async () => null;
const line = (i: number) => `${i},customer-${i % 977},${(i * 7) % 1000}.${i % 100}\n`;
const item = (i: number) => {
  const [id, customer, amount] = line(i).trimEnd().split(',');
  return { id, customer, amount } as Record<string, string>;
};
const processor = {
  StartAt: 'Price',
  States: {
    Price: {
      Type: 'Pass',
      Parameters: { 'id.$': '$.id', 'amount.$': 'States.StringToJson($.amount)' },
      End: true,
    },
  },
};

/** A store whose one object is a CSV generated as it is read. */
const generatedCsv: ObjectStore = {
  async *getObject() {
    yield 'id,customer,amount\n';
    for (let start = 0; start < LINES; start += LINES_PER_CHUNK) {
      let chunk = '';
      for (let i = start; i < Math.min(LINES, start + LINES_PER_CHUNK); i++) chunk += line(i);
      yield new TextEncoder().encode(chunk);
    }
  },
  async *listObjects() {},
  async putObject() {},
};

/** A store whose one object holds the same items as JSON (one array) or JSON Lines. */
function generatedJson(form: 'array' | 'lines'): ObjectStore {
  return {
    async *getObject() {
      if (form === 'array') yield '[';
      for (let start = 0; start < LINES; start += LINES_PER_CHUNK) {
        let chunk = '';
        for (let i = start; i < Math.min(LINES, start + LINES_PER_CHUNK); i++) {
          const text = JSON.stringify(item(i));
          chunk += form === 'array' ? `${i === 0 ? '' : ','}${text}` : `${text}\n`;
        }
        yield new TextEncoder().encode(chunk);
      }
      if (form === 'array') yield ']';
    },
    async *listObjects() {},
    async putObject() {},
  };
}

const READERS = {
  distributed: {
    store: generatedCsv,
    config: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' },
  },
  json: { store: generatedJson('array'), config: { InputType: 'JSON' } },
  jsonl: { store: generatedJson('lines'), config: { InputType: 'JSONL' } },
} as const;

async function distributed(reader: keyof typeof READERS): Promise<string> {
  const machine = StateMachine.fromDefinition({
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        MaxConcurrency: 1_000,
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: READERS[reader].config,
          Parameters: { Bucket: 'bench', Key: 'rows' },
        },
        ItemProcessor: {
          ...processor,
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        },
        ResultSelector: { 'count.$': 'States.ArrayLength($)' },
        End: true,
      },
    },
  });
  let children = 0;
  const execution = machine.start({
    identity,
    input: {},
    tasks,
    distributedMap: {
      objectStore: READERS[reader].store,
      observer: { childEnded: () => void children++ },
    },
  });
  const result = await execution.result;
  return `${result.status}, ${children} child executions, output ${JSON.stringify(result.output)}`;
}

async function inline(): Promise<string> {
  const items = Array.from({ length: LINES }, (_, i) => item(i));
  const machine = StateMachine.fromDefinition({
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        ItemsPath: '$.items',
        ItemProcessor: processor,
        ResultSelector: { 'count.$': 'States.ArrayLength($)' },
        End: true,
      },
    },
  });
  let count = 0;
  for (let start = 0; start < LINES; start += INLINE_BATCH) {
    const result = await machine.start({
      identity,
      input: { items: items.slice(start, start + INLINE_BATCH) },
      tasks,
    }).result;
    if (result.status !== 'SUCCEEDED') return `${result.status}: ${result.error} ${result.cause}`;
    count += (result.output as { count: number }).count;
  }
  return `SUCCEEDED, ${count} items in ${Math.ceil(LINES / INLINE_BATCH)} executions`;
}

const only = process.env.BENCH_ONLY;
if (only === 'inline' || (only !== undefined && only in READERS)) {
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 10);
  const began = performance.now();
  const outcome = await (only === 'inline' ? inline() : distributed(only as keyof typeof READERS));
  const ms = performance.now() - began;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  console.log(JSON.stringify({ ms, peakMB: (peak - base) / 1024 / 1024, outcome }));
} else {
  const measure = (which: string) => {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url)],
      {
        env: { ...process.env, BENCH_ONLY: which },
        encoding: 'utf8',
      },
    );
    if (child.status !== 0) throw new Error(child.stderr);
    return JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as {
      ms: number;
      peakMB: number;
      outcome: string;
    };
  };
  const inlineRun = measure('inline');
  const distributedRun = measure('distributed');
  console.log(
    `${LINES.toLocaleString('en')} CSV lines, wall time and peak heap above the start (sampled every 10 ms):`,
  );
  for (const [label, run] of [
    ['inline Map, items in memory', inlineRun],
    ['Distributed Map, CSV streamed', distributedRun],
  ] as const) {
    console.log(
      `  ${label.padEnd(32)} ${run.ms.toFixed(0).padStart(6)} ms  ${run.peakMB.toFixed(1).padStart(7)} MB  (${run.outcome})`,
    );
  }
  console.log(
    `  ratio distributed / inline: time ×${(distributedRun.ms / inlineRun.ms).toFixed(2)}, peak heap ×${(distributedRun.peakMB / inlineRun.peakMB).toFixed(2)}`,
  );
  const jsonlRun = measure('jsonl');
  const jsonRun = measure('json');
  console.log(
    `${LINES.toLocaleString('en')} items as one JSON array beside the same items as JSON Lines, both streamed:`,
  );
  for (const [label, run] of [
    ['Distributed Map, JSONL', jsonlRun],
    ['Distributed Map, JSON array', jsonRun],
  ] as const) {
    console.log(
      `  ${label.padEnd(32)} ${run.ms.toFixed(0).padStart(6)} ms  ${run.peakMB.toFixed(1).padStart(7)} MB  (${run.outcome})`,
    );
  }
  console.log(
    `  ratio JSON / JSONL: time ×${(jsonRun.ms / jsonlRun.ms).toFixed(2)}, peak heap ×${(jsonRun.peakMB / jsonlRun.peakMB).toFixed(2)}`,
  );
}
