/**
 * Benchmark of `serve` under looping executions (issue 20, "Measure and report"): the real
 * CLI process, with a timer probe loaded into it (`--import bench/support/event-loop-probe.mjs`,
 * the p99 of the event loop's delay), and from outside the latency of ListStateMachines,
 * first with nothing running (the baseline, same run), then while LOOPING executions of a
 * Pass → Choice loop that never waits run (each one ended — by the history limit, once the
 * engine enforces it — is started again).
 *
 * It needs the engine to yield between states: until it does, the first looping execution
 * holds `serve`'s event loop, ListStateMachines gets no answer within TIMEOUT_MS, and the
 * bench says so (and kills `serve`) instead of hanging.
 *
 * Run with `pnpm bench` (or `node bench/serve-event-loop.bench.ts`); it needs `dist`.
 * Environment: BENCH_LOOPING (default 100), BENCH_SERVE_SECONDS (per phase, default 10).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const LOOPING = Number(process.env.BENCH_LOOPING ?? 100);
const SECONDS = Number(process.env.BENCH_SERVE_SECONDS ?? 10);
const TIMEOUT_MS = 10_000;
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const PROBE = fileURLToPath(new URL('./support/event-loop-probe.mjs', import.meta.url));
const ROLE = 'arn:aws:iam::000000000000:role/bench';
const LOOP = JSON.stringify({
  StartAt: 'A',
  States: {
    A: { Type: 'Pass', Result: 1, ResultPath: '$.n', Next: 'C' },
    C: {
      Type: 'Choice',
      Choices: [{ Variable: '$.stop', IsPresent: true, Next: 'Done' }],
      Default: 'A',
    },
    Done: { Type: 'Succeed' },
  },
});

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};

interface Serve {
  readonly child: ChildProcess;
  readonly url: string;
  /** Probe p99s (ms) printed since the last call. */
  takeProbeP99(): number[];
}

async function startServe(): Promise<Serve> {
  const child = spawn(process.execPath, ['--import', PROBE, CLI, 'serve', '--no-console'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let probes: number[] = [];
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    for (const match of chunk.matchAll(/event-loop-probe p50=[\d.]+ p99=([\d.]+)/g))
      probes.push(Number(match[1]));
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /Step Functions endpoint\s+(http:\/\/\S+)/.exec(out);
      if (match) {
        clearInterval(timer);
        resolve(match[1] as string);
      }
    }, 20);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  return {
    child,
    url,
    takeProbeP99: () => {
      const taken = probes;
      probes = [];
      return taken;
    },
  };
}

async function call(url: string, operation: string, body: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'X-Amz-Target': `AWSStepFunctions.${operation}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  return response.json();
}

/** ListStateMachines latencies over `seconds`; undefined once one got no answer in time. */
async function measure(serve: Serve, seconds: number, tick?: () => Promise<void>) {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  let lastTick = 0;
  while (performance.now() < end) {
    const began = performance.now();
    try {
      await call(serve.url, 'ListStateMachines', {});
    } catch {
      return { latencies, frozen: true };
    }
    latencies.push(performance.now() - began);
    if (tick && performance.now() - lastTick > 500) {
      lastTick = performance.now();
      await tick().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { latencies, frozen: false };
}

function report(label: string, latencies: number[], probes: number[], frozen: boolean): void {
  const line = [
    label.padEnd(28),
    `ListStateMachines p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms (${latencies.length} calls)`,
    `event-loop delay p99 ${probes.length > 0 ? `${percentile(probes, 99).toFixed(1)} ms` : 'no probe line'}`,
    frozen ? `FROZEN: no answer within ${TIMEOUT_MS / 1000} s (the engine does not yield)` : '',
  ];
  console.log(line.filter(Boolean).join(' | '));
}

const serve = await startServe();
try {
  const { stateMachineArn } = (await call(serve.url, 'CreateStateMachine', {
    name: 'Loop',
    roleArn: ROLE,
    definition: LOOP,
  })) as { stateMachineArn: string };
  serve.takeProbeP99();
  const idle = await measure(serve, Math.min(SECONDS, 5));
  const idleP99 = percentile(idle.latencies, 99);
  report('idle (baseline)', idle.latencies, serve.takeProbeP99(), idle.frozen);

  /** Keeps LOOPING executions running: starts one for each that ended. */
  const topUp = async () => {
    const listed = (await call(serve.url, 'ListExecutions', {
      stateMachineArn,
      statusFilter: 'RUNNING',
      maxResults: 1000,
    })) as { executions?: unknown[] };
    const missing = LOOPING - (listed.executions?.length ?? 0);
    await Promise.all(
      Array.from({ length: Math.max(0, missing) }, () =>
        call(serve.url, 'StartExecution', { stateMachineArn, input: '{}' }),
      ),
    );
  };
  await topUp().catch(() => undefined);
  const looping = await measure(serve, SECONDS, topUp);
  report(`${LOOPING} looping executions`, looping.latencies, serve.takeProbeP99(), looping.frozen);
  if (!looping.frozen) {
    console.log(
      `ratio: ListStateMachines p99 ${(percentile(looping.latencies, 99) / idleP99).toFixed(2)}x the idle baseline`,
    );
  }
} finally {
  // SIGKILL: a frozen event loop would never run the SIGTERM handler.
  serve.child.kill('SIGKILL');
}
