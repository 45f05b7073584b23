/**
 * A Distributed Map over a 100,000-line CSV in a bucket folder, through `serve --buckets`
 * (the SDK over HTTP; 100,000 child executions, each stored with its history in serve's
 * SQLite store), beside an inline Map over the same 100,000 items sent in the executions'
 * input. Each case runs in a fresh `serve` process; the figures are the wall time from the
 * first StartExecution to the last execution's end (seen by DescribeExecution every 50 ms)
 * and the serve process's peak resident memory (VmHWM, Linux). The inline side runs the items
 * as 40 executions of 2,500, one after the other: an execution's input is at most 256 KB,
 * and 100,000 inline iterations would pass the 25,000-event history limit anyway.
 *
 *   pnpm run build && node bench/distributed-map-serve.bench.ts
 *
 * BENCH_CSV_LINES (default 100000) sets the number of lines.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const LINES = Number(process.env.BENCH_CSV_LINES ?? 100_000);
const INLINE_BATCH = 2_500;
const ROLE = 'arn:aws:iam::000000000000:role/bench';

const line = (i: number) => `${i},customer-${i % 977},${(i * 7) % 1000}.${i % 100}\n`;
const item = (i: number) => {
  const [id, customer, amount] = line(i).trimEnd().split(',');
  return { id, customer, amount };
};
/** The same work per item on both sides (as the engine's bench). */
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

async function startServe(buckets: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--no-console', '--buckets', buckets], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /Step Functions endpoint\s+(http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  // serve prints each execution's history as it ends: drain it.
  child.stdout?.resume();
  return { child, url };
}

/** Peak resident memory of a process so far, in MB (Linux /proc). */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

async function waitForEnd(sfn: SFNClient, executionArn: string) {
  for (;;) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING') return described;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function measure(
  name: string,
  run: (sfn: SFNClient) => Promise<string>,
  buckets: string,
): Promise<{ ms: number; peakMb: number; outcome: string }> {
  const { child, url } = await startServe(buckets);
  const sfn = new SFNClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  try {
    const began = performance.now();
    const outcome = await run(sfn);
    const ms = performance.now() - began;
    const peakMb = peakRssMb(child.pid as number);
    console.log(
      `  ${name.padEnd(34)} ${ms.toFixed(0).padStart(7)} ms  ${peakMb.toFixed(1).padStart(7)} MB peak RSS  (${outcome})`,
    );
    return { ms, peakMb, outcome };
  } finally {
    sfn.destroy();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

const buckets = mkdtempSync(join(tmpdir(), 'sfn-local-bench-buckets-'));
try {
  mkdirSync(join(buckets, 'bench'));
  let csv = 'id,customer,amount\n';
  for (let i = 0; i < LINES; i++) csv += line(i);
  writeFileSync(join(buckets, 'bench', 'rows.csv'), csv);
  console.log(
    `${LINES}-line CSV (${(csv.length / 2 ** 20).toFixed(1)} MB), each case in a fresh serve:`,
  );

  const distributed = await measure(
    'Distributed Map, CSV in a bucket',
    async (sfn) => {
      const { stateMachineArn } = await sfn.send(
        new CreateStateMachineCommand({
          name: 'DistributedBench',
          roleArn: ROLE,
          definition: JSON.stringify({
            StartAt: 'Each',
            States: {
              Each: {
                Type: 'Map',
                MaxConcurrency: 1_000,
                ItemReader: {
                  Resource: 'arn:aws:states:::s3:getObject',
                  ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' },
                  Parameters: { Bucket: 'bench', Key: 'rows.csv' },
                },
                ItemProcessor: {
                  ...processor,
                  ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
                },
                ResultSelector: { 'count.$': 'States.ArrayLength($)' },
                End: true,
              },
            },
          }),
        }),
      );
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn }));
      const ended = await waitForEnd(sfn, executionArn as string);
      return `${ended.status}, output ${ended.output ?? ended.cause}`;
    },
    buckets,
  );

  const inline = await measure(
    'inline Map, items in the input',
    async (sfn) => {
      const { stateMachineArn } = await sfn.send(
        new CreateStateMachineCommand({
          name: 'InlineBench',
          roleArn: ROLE,
          definition: JSON.stringify({
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
          }),
        }),
      );
      let count = 0;
      for (let start = 0; start < LINES; start += INLINE_BATCH) {
        const items = Array.from({ length: Math.min(INLINE_BATCH, LINES - start) }, (_, i) =>
          item(start + i),
        );
        const { executionArn } = await sfn.send(
          new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ items }) }),
        );
        const ended = await waitForEnd(sfn, executionArn as string);
        if (ended.status !== 'SUCCEEDED') return `${ended.status}: ${ended.cause}`;
        count += (JSON.parse(ended.output as string) as { count: number }).count;
      }
      return `SUCCEEDED, ${count} items in ${Math.ceil(LINES / INLINE_BATCH)} executions`;
    },
    buckets,
  );

  console.log(
    `  ratio distributed / inline: time ×${(distributed.ms / inline.ms).toFixed(2)}, peak RSS ×${(distributed.peakMb / inline.peakMb).toFixed(2)}`,
  );
} finally {
  rmSync(buckets, { recursive: true, force: true });
}
